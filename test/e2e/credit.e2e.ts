import { expect } from 'chai';
import { completeResidentId } from '../../shared/identity';
import { browserHooks, demoAppHooks, PHONE_CONTEXT, screenshot } from './harness';
import { logIn } from './steps';

/** The demo debtor 李强 of judge.wang's first case (server/modules/demo/demo-data.ts). */
const DEBTOR = '李强';
const DEBTOR_ID = completeResidentId('11010519820903153');

describe('the dishonest-debtor list in the browser', function () {
  const browser = browserHooks();
  const app = demoAppHooks();

  it('when a judge lists a demo debtor, then a visitor finds them in the public search with the ID number masked', async () => {
    const { page } = browser;
    await logIn(page, app.url, 'judge.wang', '/cases');
    // The case of the demo debtor, from the list; then its 失信 card.
    await page.locator('table.case-table tbody tr', { hasText: DEBTOR }).first().locator('a.case-no').click();
    await page.waitForURL((url) => /^\/cases\/[0-9a-f-]+$/.test(url.pathname));
    await page.getByRole('link', { name: '失信名单办理' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/credit'));
    const form = page.getByRole('form', { name: '纳入失信名单' });
    await form.getByLabel('被执行人').selectOption({ label: DEBTOR });
    await form.getByLabel('事实与证据').fill('执行立案后将名下车辆无偿转让给其亲属，规避执行');
    // Without a ground the server refuses (失信 Art. 1), and the page says so at the ground; nothing is listed.
    browser.log.expectHttpError({ path: /^\/api\/cases\/[0-9a-f-]+\/credit\/listings$/, status: 422, method: 'POST' });
    await form.getByRole('button', { name: '作出纳入决定' }).click();
    await page.locator('#credit-ground-error').waitFor();
    expect(await page.locator('#credit-ground-error').textContent()).to.contain('须载明失信规定第一条所列情形之一');
    expect(await form.getByLabel('失信情形（失信规定第一条）').getAttribute('aria-invalid')).to.equal('true');
    expect(await page.locator('article.credit-listing').count()).to.equal(0);
    await form.getByLabel('失信情形（失信规定第一条）').selectOption('evades');
    await form.getByRole('button', { name: '作出纳入决定' }).click();
    const listing = page.locator('article.credit-listing', { hasText: DEBTOR });
    await listing.waitFor();
    expect(await listing.textContent()).to.contain('在册');
    expect(await listing.textContent()).to.contain('限制消费：李强');
    await screenshot(page, 'credit-case', { fullPage: true });

    // A visitor, not signed in, from the public navigation.
    const visitor = await browser.newContext({}, 'visitor');
    await visitor.page.goto(`${app.url}/auctions`);
    await visitor.page.getByRole('navigation').getByRole('link', { name: '失信名单' }).click();
    await visitor.page.waitForURL((url) => url.pathname === '/credit');
    await visitor.page.getByLabel('姓名、名称或证件号码').fill(DEBTOR);
    await visitor.page.getByRole('button', { name: '查询' }).click();
    const row = visitor.page.locator('table.credit-results tbody tr', { hasText: DEBTOR });
    await row.waitFor();
    const masked = `${DEBTOR_ID.slice(0, 6)}********${DEBTOR_ID.slice(-4)}`;
    expect(await row.locator('[data-field="idNumber"]').textContent()).to.equal(masked);
    expect(await row.textContent()).to.contain('以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行');
    expect(await visitor.page.content()).to.not.contain(DEBTOR_ID);
    await screenshot(visitor.page, 'credit-search');

    // The same search on a phone: each result a block of labelled lines, nothing wider than the screen.
    const phone = await browser.newContext(PHONE_CONTEXT, 'phone');
    await phone.page.goto(`${app.url}/credit?q=${encodeURIComponent(DEBTOR)}`);
    const phoneRow = phone.page.locator('table.credit-results tbody tr', { hasText: DEBTOR });
    await phoneRow.waitFor();
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'horizontal overflow at phone width').to.be.at.most(0);
    expect(await phoneRow.locator('[data-field="idNumber"]').textContent()).to.equal(masked);
    await screenshot(phone.page, 'credit-search-phone');
  });

  it('when a judge issues a consumption restriction order against a company without listing it, then it and its legal representative are restricted, and the judge lifts it', async () => {
    const { page } = browser;
    const COMPANY = '北京鑫源建材有限公司';
    await logIn(page, app.url, 'judge.wang', '/cases');
    await page.locator('table.case-table tbody tr', { hasText: COMPANY }).first().locator('a.case-no').click();
    await page.waitForURL((url) => /^\/cases\/[0-9a-f-]+$/.test(url.pathname));
    await page.getByRole('link', { name: '失信名单办理' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/credit'));
    const form = page.getByRole('form', { name: `发出限制消费令 · ${COMPANY}` });
    await form.getByLabel('限制理由').fill('被执行人未按执行通知书指定的期间履行给付义务');
    await form.getByLabel('法定代表人姓名').fill('周强');
    await form.getByLabel('法定代表人身份证号').fill(completeResidentId('11010519700101123'));
    await form.getByRole('button', { name: '发出限制消费令' }).click();
    const orders = page.getByTestId('restriction-orders');
    await orders.waitFor();
    expect(await orders.locator('li').count()).to.equal(2);
    expect(await orders.textContent()).to.contain('周强');
    // Restricted, not listed: no listing was made.
    expect(await page.getByRole('form', { name: `发出限制消费令 · ${COMPANY}` }).count()).to.equal(0);
    expect(await page.locator('article.credit-listing').count()).to.equal(0);

    const row = orders.locator('li', { hasText: COMPANY });
    await row.getByLabel('解除理由（限高规定第九条）').fill('被执行人提供确实有效的担保');
    await row.getByRole('button', { name: '解除限制消费令' }).click();
    await page.getByRole('form', { name: `发出限制消费令 · ${COMPANY}` }).waitFor();
    expect(await orders.textContent()).to.contain('被执行人提供确实有效的担保');
  });
});
