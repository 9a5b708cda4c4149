import { expect } from 'chai';
import { parseCaseNo } from '../../shared/case-no';
import { browserHooks, demoAppHooks, PHONE_CONTEXT, screenshot } from './harness';
import { logIn } from './steps';

const VALID_RESIDENT_ID = '11010519491231002X';
const WRONG_CHECK_DIGIT_ID = '110105194912310021';
const VALID_CREDIT_CODE = '91350100M000100Y43';

describe('enforcement cases in the browser', function () {
  const browser = browserHooks();
  const app = demoAppHooks();

  it('when a judge files a case with a wrong ID, then sees the checksum message, corrects it, lands on the case with its filing in the timeline, and finds it in the list by number', async () => {
    const { page } = browser;

    // Signed out: the root sends the visitor to the login page.
    await page.goto(`${app.url}/`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('登录');
    expect(await page.evaluate(() => document.documentElement.lang)).to.equal('zh-CN');
    await screenshot(page, 'login');

    await page.getByLabel('用户名').fill('judge.wang');
    await page.getByLabel('密码').fill('Demo#2026');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/cases');
    await page.getByRole('heading', { level: 1, name: '执行案件' }).waitFor();
    expect(await page.getByTestId('user-name').textContent()).to.equal('王建国');
    const rows = page.locator('table.case-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).to.be.greaterThan(0);
    expect(await page.locator('table.case-table tbody td.num').first().textContent()).to.match(/^¥[\d,]+\.\d{2}$/);
    await screenshot(page, 'case-list');

    // The new-case form.
    await page.getByRole('main').getByRole('link', { name: '新建案件' }).click();
    await page.waitForURL((url) => url.pathname === '/cases/new');
    await page.getByRole('heading', { level: 1, name: '新建执行案件' }).waitFor();
    const judge = page.getByLabel('承办法官');
    // The judge is preselected once the court's staff has loaded.
    await page.waitForFunction(() => (document.getElementById('f-judgeId') as HTMLSelectElement | null)?.value !== '');
    expect(await judge.locator('option:checked').textContent()).to.equal('王建国');

    await page.getByLabel('案由').fill('民间借贷纠纷');
    await page.getByLabel('执行标的金额（元）').fill('150000.00');
    await page.getByLabel('执行依据').fill('（2025）京0105民初888号民事判决书');

    const creditor = page.getByRole('group', { name: '申请执行人 1' });
    await creditor.getByLabel('自然人').check();
    await creditor.getByLabel('姓名').fill('张三');
    await creditor.getByLabel('公民身份号码').fill(WRONG_CHECK_DIGIT_ID);

    const debtor = page.getByRole('group', { name: '被执行人 1' });
    await debtor.getByLabel('法人或其他组织').check();
    await debtor.getByLabel('名称').fill('福州闽江贸易有限公司');
    await debtor.getByLabel('统一社会信用代码').fill(VALID_CREDIT_CODE);

    await page.getByRole('button', { name: '提交立案' }).click();

    // The client validates with the shared schema: a summary at the top and the message at the field.
    const summary = page.getByRole('alert').filter({ hasText: '需要修改' });
    await summary.waitFor();
    expect(await summary.textContent()).to.contain('身份证号码校验位错误');
    const idInput = creditor.getByLabel('公民身份号码');
    expect(await idInput.getAttribute('aria-invalid')).to.equal('true');
    expect(await page.locator('#f-creditors-0-idNumber-error').textContent()).to.contain('身份证号码校验位错误');
    expect(page.url()).to.match(/\/cases\/new$/);
    await screenshot(page, 'new-case-validation', { fullPage: true });

    // The summary links to the field.
    await summary.getByRole('link', { name: /身份证号码校验位错误/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('f-creditors-0-idNumber');

    await idInput.fill(VALID_RESIDENT_ID);
    await page.getByRole('button', { name: '提交立案' }).click();

    // The case page.
    await page.waitForURL((url) => /^\/cases\/[0-9a-f-]{36}$/.test(url.pathname));
    // The case page's heading is its number (the page may still be loading when the address changes).
    const heading = page.getByRole('heading', { level: 1, name: /执\d+号/ });
    await heading.waitFor();
    const caseNo = (await heading.textContent())!.trim();
    expect(parseCaseNo(caseNo), `case number ${caseNo}`).to.not.equal(null);
    expect(parseCaseNo(caseNo)!.courtCode).to.equal('京0105');
    expect(await page.getByRole('status').filter({ hasText: '案件已立案' }).count()).to.equal(1);
    const main = page.getByRole('main');
    expect(await main.textContent()).to.contain('¥150,000.00');
    expect(await main.textContent()).to.contain('张三');
    expect(await main.textContent()).to.contain('福州闽江贸易有限公司');
    expect(await main.textContent()).to.contain(VALID_CREDIT_CODE);

    const filing = page.locator('.timeline li[data-action="case.created"]');
    await filing.waitFor();
    expect(await filing.locator('.timeline-label').textContent()).to.equal('立案');
    expect(await filing.textContent()).to.contain('王建国');
    expect(await filing.textContent()).to.contain(caseNo);
    await screenshot(page, 'case-page');

    // Back to the list: the filter finds the case by its number.
    await page.getByRole('link', { name: '返回案件列表' }).click();
    await page.waitForURL((url) => url.pathname === '/cases');
    await page.getByLabel('案号或当事人名称').fill(caseNo);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === caseNo);
    await page.getByRole('status').filter({ hasText: '共 1 件' }).waitFor();
    expect(await rows.count()).to.equal(1);
    expect(await rows.first().getByRole('link').textContent()).to.equal(caseNo);

    // The same list on a phone, signed in with the same session.
    const phone = await browser.newContext({ ...PHONE_CONTEXT, storageState: await browser.context.storageState() }, 'phone');
    await phone.page.goto(`${app.url}/cases`);
    await phone.page.locator('table.case-table tbody tr').first().waitFor();
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'horizontal overflow at phone width').to.be.at.most(0);
    await screenshot(phone.page, 'case-list-phone');
  });

  it('when the case number given is already taken, then the server says so at the case-number field and in the summary', async () => {
    const { page, log } = browser;
    log.expectHttpError({ path: '/api/cases', status: 409, method: 'POST' });
    await logIn(page, app.url, 'clerk.zhao', '/cases');
    const taken = (await page.locator('table.case-table tbody tr a.case-no').first().textContent())!.trim();

    await page.getByRole('main').getByRole('link', { name: '新建案件' }).click();
    // Wait for the form: until its lazy chunk has rendered, the list's search box (案号或当事人名称) is a field labelled 案号.
    await page.getByRole('heading', { level: 1, name: '新建执行案件' }).waitFor();
    await page.locator('#f-caseNo').fill(taken);
    await page.getByLabel('承办法官').selectOption({ label: '李敏' });
    await page.getByLabel('案由').fill('买卖合同纠纷');
    await page.getByLabel('执行标的金额（元）').fill('8800');
    await page.getByLabel('执行依据').fill('（2025）京0105民初777号民事判决书');
    const creditor = page.getByRole('group', { name: '申请执行人 1' });
    await creditor.getByLabel('姓名').fill('赵六');
    await creditor.getByLabel('公民身份号码').fill('11010519491231002X');
    const debtor = page.getByRole('group', { name: '被执行人 1' });
    await debtor.getByLabel('法人或其他组织').check();
    await debtor.getByLabel('名称').fill('北京某某科技有限公司');
    await debtor.getByLabel('统一社会信用代码').fill('91350100M000100Y43');
    await page.getByRole('button', { name: '提交立案' }).click();

    await page.locator('#f-caseNo-error').waitFor();
    expect(await page.locator('#f-caseNo-error').textContent()).to.contain('案号已被使用');
    expect(await page.getByRole('alert').textContent()).to.contain('案号：案号已被使用');
    expect(new URL(page.url()).pathname).to.equal('/cases/new');
  });

  it('when the judge filters by party name and status, then only matching cases are listed', async () => {
    const { page } = browser;
    await logIn(page, app.url, 'judge.wang', '/cases');
    await page.getByLabel('案号或当事人名称').fill('李强');
    await page.getByLabel('案件状态').selectOption('open');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === '李强' && url.searchParams.get('status') === 'open');
    const rows = page.locator('table.case-table tbody tr');
    await rows.first().waitFor();
    for (const text of await rows.allTextContents()) expect(text).to.contain('李强');
  });
});
