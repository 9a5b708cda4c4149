/**
 * 网络查控 in the browser: a judge's inquiry with its live progress, a freeze, the over-seizure refusal, a deduction
 * with a second approver and the payout of the money (执行款), the expiry calendar; an institution operator's inbox
 * with live arrival and an answer the judge sees at once. The simulated network answers with latency (scale 4: an inquiry of twenty institutions takes
 * two or three seconds) so the progress bar is seen moving.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { browserHooks, PHONE_CONTEXT, screenshot } from './harness';
import { logIn, openControlPage } from './steps';

const AUTOMATIC_KINDS = ['全国性银行', '支付机构', '证券登记结算机构', '车辆登记机构'];
const FLAT = '京(2021)朝阳区不动产权第0031245号';


async function tickKinds(page: Page, labels: string[]): Promise<void> {
  const group = page.getByRole('group', { name: /机构类型/ });
  for (const label of labels) await group.getByRole('checkbox', { name: new RegExp(`^${label}`) }).check();
}

const progressOf = async (page: Page) => Number(await page.getByRole('progressbar').getAttribute('aria-valuenow'));

describe('network inquiry, control measures and the institution inbox in the browser', function () {
  let app: TestApp;
  const browser = browserHooks();

  before(async function () {
    this.timeout(180_000);
    app = await startTestApp({ demo: true, serveClient: true, env: { SIM_LATENCY_SCALE: '4' } });
  });

  after(async () => {
    await app?.close();
  });

  it('when a judge searches 李强 at the institutions that answer automatically, then the bar fills to 100 %, accounts are found, and one is frozen', async function () {
    this.timeout(120_000);
    const { page } = browser;
    await logIn(page, app.url, 'judge.wang', '/cases');
    await openControlPage(page, '李强');

    // Only the debtor of the case can be chosen.
    const debtor = page.getByLabel('被查询的被执行人');
    expect(await debtor.locator('option:checked').textContent()).to.equal('李强');
    await tickKinds(page, AUTOMATIC_KINDS);
    await page.getByRole('button', { name: '发起查询' }).click();

    const bar = page.getByRole('progressbar');
    await bar.waitFor();
    await page.setViewportSize({ width: 1280, height: 960 });
    await page.evaluate(() => {
      document.querySelector('.inquiry-shown')?.scrollIntoView();
      window.scrollBy(0, -24);
    });
    // Catch the bar on its way if possible (answers arrive over a few seconds): once it has moved and the table of
    // answers has caught up with it. Otherwise show it full.
    let caught = false;
    for (let i = 0; i < 200 && !caught; i++) {
      const now = await progressOf(page);
      if (now >= 100) break;
      if (now > 0) {
        await page.waitForResponse((r) => r.url().includes('/targets?') && !r.url().includes('status=pending'), { timeout: 5_000 }).catch(() => undefined);
        await page.waitForTimeout(150);
        const later = await progressOf(page);
        if (later > 0 && later < 100) {
          await screenshot(page, 'inquiry-progress');
          caught = true;
        }
        break;
      }
      await page.waitForTimeout(25);
    }
    await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100', undefined, {
      timeout: 30_000,
    });
    expect(await bar.getAttribute('aria-valuetext')).to.match(/^100%/);
    expect(await page.locator('.inquiry-meta').textContent()).to.contain('已完成');
    expect(await page.getByRole('status').filter({ hasText: '查询完成' }).textContent()).to.match(/发现财产 [1-9]\d* 项/);
    if (!caught) await screenshot(page, 'inquiry-progress');

    // The answers by institution: ICBC answered with its two accounts.
    const icbc = page.locator('table.target-table tr[data-institution="B-ICBC"]');
    await icbc.waitFor();
    expect(await icbc.getAttribute('data-status')).to.equal('answered');
    expect(await icbc.textContent()).to.contain('已反馈');

    // The assets: the account at 海淀 already frozen shows that court's first rank.
    const assets = page.locator('table.asset-table tbody tr');
    await page.locator('table.asset-table tbody tr', { hasText: '招商银行' }).waitFor();
    expect(await assets.count()).to.be.greaterThan(2);
    const encumbered = page.locator('table.asset-table tbody tr', { hasText: '北京市海淀区人民法院' });
    expect(await encumbered.textContent()).to.contain('首封');

    // Freeze the CMB account: the amount defaults to its balance (within the over-seizure limit).
    const cmb = page.locator('table.asset-table tbody tr', { hasText: '招商银行' });
    await cmb.getByRole('button', { name: /^冻结/ }).click();
    const dialog = page.getByRole('dialog', { name: '冻结财产' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('冻结金额（元）').inputValue()).to.equal('214800.00');
    await dialog.getByRole('button', { name: '发出冻结通知' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/已向招商银行发出冻结通知/).waitFor();

    const measure = page.locator('table.measure-table tbody tr', { hasText: '招商银行' });
    await measure.locator('.badge', { hasText: /^(生效中|轮候中)$/ }).waitFor();
    expect(await measure.textContent()).to.match(/首封|轮候第\d+位/);
    expect(await measure.textContent()).to.contain('¥214,800.00');
    expect(await cmb.textContent()).to.match(/本案：(生效中|轮候中)/);

    // The journal opens on demand and lists the messages.
    await page.getByRole('button', { name: '报文日志' }).click();
    await page.locator('table.journal-table tbody tr').first().waitFor();

    await page.locator('#assets').scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.evaluate(() => document.getElementById('assets')?.scrollIntoView());
    await screenshot(page, 'assets-measures');

    // The same page on a phone: no sideways scrolling.
    const phone = await browser.newContext({ ...PHONE_CONTEXT, storageState: await browser.context.storageState() }, 'phone');
    await phone.page.goto(page.url());
    await phone.page.locator('table.measure-table tbody tr').first().waitFor();
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'horizontal overflow at phone width').to.be.at.most(0);
  });

  it('when the judge includes the real-estate registry, then its operator sees the notice arrive, reports the flat from the records, and the judge sees the answer and seizes the flat as indivisible', async function () {
    this.timeout(150_000);
    const { page: judge, log } = browser;
    log.expectHttpError({ path: /^\/api\/cases\/[0-9a-f-]{36}\/measures$/, status: 422, method: 'POST' });

    // The operator of the registry waits in the inbox.
    const { page: op } = await browser.newContext({}, 'operator');
    await logIn(op, app.url, 'op.bjre', '/inbox');
    await op.getByRole('heading', { level: 1, name: '协助执行通知书' }).waitFor();
    await op.getByText('新通知实时送达').waitFor();

    await logIn(judge, app.url, 'judge.wang', '/cases');
    const caseNo = await openControlPage(judge, '李强');
    await tickKinds(judge, ['不动产登记机构']);
    await judge.getByRole('button', { name: '发起查询' }).click();

    // The notice arrives in the open inbox, on top and highlighted, and is announced.
    const arrived = op.locator('table.inbox-table tbody tr.is-fresh', { hasText: caseNo });
    await arrived.waitFor();
    expect(await arrived.textContent()).to.contain('查询');
    expect(await arrived.textContent()).to.contain('李强');
    expect(await op.getByTestId('inbox-announcer').textContent()).to.contain(`新通知：查询，${caseNo}`);
    await screenshot(op, 'inbox');

    // Meanwhile the judge sees the registry waiting for its operator, not failing.
    const registry = judge.locator('table.target-table tr[data-institution="RE-110000"]');
    await registry.getByText('待人工办理').waitFor();
    expect(await registry.getAttribute('data-status')).to.equal('pending');
    expect(await progressOf(judge)).to.be.below(100);
    expect(await judge.locator('.inquiry-shown').textContent()).to.contain('北京市不动产登记中心');

    // The operator opens the notice: the records prefill the answer.
    await arrived.getByRole('link', { name: caseNo }).click();
    await op.getByRole('heading', { level: 1, name: '查询通知' }).waitFor();
    const flat = op.getByRole('checkbox', { name: new RegExp(FLAT.replace(/[()]/g, '\\$&')) });
    await flat.waitFor();
    expect(await flat.isChecked()).to.equal(true);
    expect(await op.getByRole('main').textContent()).to.contain('110105198209031537');
    await screenshot(op, 'inbox-notice', { fullPage: true });
    await op.getByRole('button', { name: '提交执行结果' }).click();
    await op.getByText('已提交执行结果').waitFor();
    expect(await op.getByRole('main').textContent()).to.contain('报告财产 1 项');

    // The judge's page updates by itself: the registry answered and the flat is among the assets.
    await judge.locator('table.target-table tr[data-institution="RE-110000"][data-status="answered"]').waitFor();
    const flatRow = judge.locator('table.asset-table tbody tr', { hasText: FLAT });
    await flatRow.waitFor();
    expect(await flatRow.textContent()).to.contain('北京市不动产登记中心');

    // Seizing the flat would bind far more than the claim: refused with the figures, then recorded as indivisible.
    await flatRow.getByRole('button', { name: /^查封/ }).click();
    const dialog = judge.getByRole('dialog', { name: '查封财产' });
    await dialog.getByRole('button', { name: '发出查封通知' }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: '超标的查封' });
    await refusal.waitFor();
    expect(await refusal.textContent()).to.contain('¥5,367,600.00');
    expect(await refusal.textContent()).to.contain('¥392,197.50');
    await dialog.getByRole('checkbox', { name: /不可分物/ }).check();
    await dialog.getByLabel('不可分的理由').fill('一套住宅无法分割处分');
    await dialog.getByRole('button', { name: '发出查封通知' }).click();
    await dialog.waitFor({ state: 'detached' });
    const seizure = judge.locator('table.measure-table tbody tr', { hasText: FLAT });
    await seizure.getByText('待机构执行').waitFor();
    expect(await seizure.textContent()).to.contain('不可分物：一套住宅无法分割处分');

    // The seizure goes to the registry's inbox; the operator records it at first rank; the judge sees it in force.
    await op.getByRole('link', { name: '返回收件箱' }).click();
    const seizeNotice = op.locator('table.inbox-table tbody tr[data-type="seize"]', { hasText: caseNo });
    await seizeNotice.getByRole('link').click();
    await op.getByRole('heading', { level: 1, name: '查封通知' }).waitFor();
    expect(await op.getByLabel('顺位').inputValue()).to.equal('1');
    await op.getByRole('button', { name: '提交执行结果' }).click();
    await op.getByText('已提交执行结果').waitFor();
    await seizure.getByText('生效中').waitFor();
    expect(await seizure.textContent()).to.contain('首封');
  });

  it('when a judge asks to deduct frozen funds, then nothing moves until another judge approves, and then the transfer is shown and paid out', async function () {
    this.timeout(120_000);
    const { page, log } = browser;
    await logIn(page, app.url, 'judge.wang', '/cases');
    const caseNo = await openControlPage(page, '王磊');
    await page.getByLabel('被查询的被执行人').selectOption({ label: '王磊' });
    await tickKinds(page, ['全国性银行']);
    await page.getByRole('button', { name: '发起查询' }).click();
    await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100', undefined, {
      timeout: 30_000,
    });
    const account = page.locator('table.asset-table tbody tr', { hasText: '中国农业银行' });
    await account.getByRole('button', { name: /^冻结/ }).click();
    await page.getByRole('dialog', { name: '冻结财产' }).getByRole('button', { name: '发出冻结通知' }).click();
    const measure = page.locator('table.measure-table tbody tr', { hasText: '中国农业银行' });
    await measure.getByText('生效中').waitFor();

    await measure.getByRole('button', { name: /^扣划/ }).click();
    const ask = page.getByRole('dialog', { name: '申请扣划' });
    await ask.getByLabel('扣划金额（元）').fill('20000');
    await ask.getByRole('button', { name: '提交审批' }).click();
    const deduction = page.locator('table.deduction-table tbody tr').first();
    await deduction.getByText('待审批').waitFor();
    // The one who asked cannot approve.
    expect(await deduction.getByRole('button', { name: /^批准/ }).count()).to.equal(0);
    expect(await deduction.textContent()).to.contain('须由他人批准');

    // 李敏, a judge of the same court with approval rights, approves.
    const { page: li } = await browser.newContext({}, 'second judge');
    await logIn(li, app.url, 'judge.li', '/cases');
    await li.goto(page.url());
    await li.getByRole('heading', { level: 1, name: '网络查控' }).waitFor();
    expect(await li.locator('.page-sub').textContent()).to.contain(caseNo);
    const pending = li.locator('table.deduction-table tbody tr').first();
    await pending.getByRole('button', { name: '批准扣划 ¥20,000.00' }).click();
    await li.getByText('已批准，扣划通知已发出').waitFor();
    await pending.getByText('已扣划').waitFor();

    // The requester's page follows: the transfer is there and the freeze holds less.
    await deduction.getByText('已扣划').waitFor({ timeout: 20_000 });
    expect(await deduction.textContent()).to.contain('李敏 批准');
    await measure.getByText('已扣划 ¥20,000.00').waitFor();

    // What is left of the freeze is released, with the reason.
    await measure.getByRole('button', { name: /^解除/ }).click();
    const release = page.getByRole('dialog', { name: '解除' });
    await release.getByRole('button', { name: '发出解除通知' }).click();
    expect(await release.getByLabel('解除理由').getAttribute('aria-invalid')).to.equal('true');
    await release.getByLabel('解除理由').fill('已扣划部分足额清偿本案该笔款项');
    await release.getByRole('button', { name: '发出解除通知' }).click();
    await measure.getByText('已解除').waitFor();
    expect(await measure.getByRole('button').count()).to.equal(0);

    // The deducted money is on the case page (执行款); the judge pays part of it out to the creditor.
    log.expectHttpError({ path: /^\/api\/cases\/[0-9a-f-]{36}\/payouts$/, status: 422, method: 'POST' });
    await page.goto(page.url().replace(/\/assets$/, ''));
    await page.getByRole('heading', { level: 1, name: caseNo }).waitFor();
    const ledger = page.getByRole('region', { name: '执行款' });
    const total = (name: string) => ledger.locator(`[data-total="${name}"]`);
    await ledger.locator('table.ledger-table tbody tr[data-kind="deduction"]').waitFor();
    expect(await total('recovered').textContent()).to.equal('¥20,000.00');
    expect(await total('available').textContent()).to.equal('¥20,000.00');
    await ledger.getByRole('button', { name: '发放执行款' }).click();
    const payout = page.getByRole('dialog', { name: '发放执行款' });
    expect(await payout.getByLabel('发放金额（元）').inputValue()).to.equal('20000.00');
    await payout.getByLabel('发放金额（元）').fill('12000');
    await payout.getByLabel('收款账户').fill('6222 0200 0000 0001');
    await payout.getByRole('button', { name: '确认发放' }).click();
    await payout.waitFor({ state: 'detached' });
    await ledger.getByText('已发放 ¥12,000.00，本案尚待发放 ¥8,000.00。').waitFor();
    // The ledger reloads after the payout: wait for its new figures.
    await total('paidOut').filter({ hasText: /^¥12,000\.00$/ }).waitFor();
    await total('available').filter({ hasText: /^¥8,000\.00$/ }).waitFor();
    const paid = ledger.locator('table.ledger-table tbody tr[data-kind="payout"]');
    await paid.waitFor();
    expect(await paid.textContent()).to.contain('发放执行款').and.contain('-¥12,000.00');
    await page.locator('.timeline-item[data-action="ledger.payout"]').waitFor();

    // More than is left is refused, with the server's reason in the dialog.
    await ledger.getByRole('button', { name: '发放执行款' }).click();
    await payout.getByLabel('发放金额（元）').fill('9000');
    await payout.getByLabel('收款账户').fill('6222 0200 0000 0001');
    await payout.getByRole('button', { name: '确认发放' }).click();
    expect(await payout.getByRole('alert').textContent()).to.contain('超过本案已到账未发放的8000.00元');
    await payout.getByRole('button', { name: '取消' }).click();
    expect(await total('available').textContent()).to.equal('¥8,000.00');
    await ledger.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-ledger');
  });

  it('when a judge freezes accounts for short terms, then the calendar of expiring measures lists them under their days', async function () {
    this.timeout(120_000);
    const { page } = browser;
    await logIn(page, app.url, 'judge.chen', '/cases');
    await openControlPage(page, '黄勇');
    await tickKinds(page, ['全国性银行', '支付机构', '住房公积金中心']);
    await page.getByRole('button', { name: '发起查询' }).click();
    await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100', undefined, {
      timeout: 30_000,
    });

    // The test server's clock stands at 2026-11-25 16:00 Beijing time.
    const terms: [string, string, string][] = [
      ['中国工商银行', '2026-12-10', '剩余 15 天'],
      ['支付宝', '2026-11-30', '剩余 5 天'],
      ['上海市公积金管理中心', '2026-12-20', '剩余 25 天'],
    ];
    for (const [institution, until, left] of terms) {
      const account = page.locator('table.asset-table tbody tr', { hasText: institution });
      await account.getByRole('button', { name: /^冻结/ }).click();
      const dialog = page.getByRole('dialog', { name: '冻结财产' });
      await dialog.getByLabel('期限届满日').fill(until);
      await dialog.getByRole('button', { name: '发出冻结通知' }).click();
      await dialog.waitFor({ state: 'detached' });
      const measure = page.locator('table.measure-table tbody tr', { hasText: institution });
      await measure.getByText('生效中').waitFor();
      expect(await measure.textContent()).to.contain(left);
    }
    // The last freeze asked only for what the over-seizure limit left, not the whole balance.
    const fund = page.locator('table.measure-table tbody tr', { hasText: '上海市公积金管理中心' });
    expect(await fund.textContent()).to.not.contain('¥42,115.00');

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '到期提醒' }).click();
    await page.waitForURL((url) => url.pathname === '/measures/expiring');
    const days = page.locator('.calendar-day');
    await days.first().waitFor();
    expect(await days.count()).to.equal(3);
    expect(await days.first().textContent()).to.contain('2026/11/30');
    expect(await days.first().textContent()).to.contain('不足 7 日');
    const december = page.locator('.calendar-day', { hasText: '2026/12/10' });
    expect(await december.textContent()).to.contain('中国工商银行');
    expect(await december.textContent()).to.contain('剩余 15 天');
    await screenshot(page, 'expiring');

    // Each entry leads to its case's measures, where the one ending soonest is renewed for the full term.
    await days.first().getByRole('link').click();
    await page.waitForURL((url) => url.pathname.endsWith('/assets') && url.hash === '#measures');
    const wallet = page.locator('table.measure-table tbody tr', { hasText: '支付宝' });
    await wallet.getByRole('button', { name: /^续行/ }).click();
    await page.getByRole('dialog', { name: '续行' }).getByRole('button', { name: '发出续行通知' }).click();
    await wallet.getByText('2027/11/25').waitFor();
    expect(await wallet.textContent()).to.contain('剩余 365 天');

    // Renewed, it leaves the calendar.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '到期提醒' }).click();
    await page.getByText('共 2 项').waitFor();
    expect(await page.locator('.calendar-day').count()).to.equal(2);
  });

  it('when the live link is down, then the page says so and the progress still fills by polling', async function () {
    this.timeout(120_000);
    const { page, context, log } = browser;
    // Every socket.io request fails as if a proxy refused it: the client has no live events at all.
    log.expectHttpError({ path: /^\/socket\.io\//, status: 503 });
    await context.route('**/socket.io/**', (route) => route.fulfill({ status: 503, contentType: 'text/plain', body: 'unavailable' }));
    await logIn(page, app.url, 'judge.li', '/cases');
    await openControlPage(page, '陈静');
    await page.getByText('实时连接中断，每 2 秒刷新').waitFor();
    await tickKinds(page, ['全国性银行']);
    await page.getByRole('button', { name: '发起查询' }).click();
    await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100', undefined, {
      timeout: 30_000,
    });
    await page.locator('table.asset-table tbody tr', { hasText: '招商银行' }).waitFor();
    expect(await page.locator('.counter-answered dd').textContent()).to.equal('15');
  });
});
