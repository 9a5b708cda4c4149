/**
 * The online inquiry (网络询价, 参考价 Art. 8–13) in the browser: a judge seizes a demo debtor's car, starts the
 * valuation, and records the parties' agreement to skip negotiation and directed inquiry (参考价 Art. 5, 7); the four
 * listed platforms are commissioned at once with 3 days. The clock moves past the deadline and the valuation jobs run:
 * the page shows each platform's answer (the one still working is "no answer") and their mean as the step's amount
 * (Art. 13). The judge delivers the report to the parties; the 5-day objection window passes with no objection
 * (Art. 22, 26), the jobs fix the mean as the reference price (the late platform's answer is recorded, not counted),
 * and the auction builder opens from it with the starting price at 70 % of it (网拍 Art. 10).
 */
import { expect } from 'chai';
import type { Locator } from 'playwright-core';
import { displayMoney, Money } from '../../shared/money';
import { HttpInquiryPlatformDirectory, runValuationJobs, type ValuationDeps } from '../../server/modules/valuation';
import type { FakeClock } from '../../server/platform/clock';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { browserHooks, screenshot } from './harness';
import { logIn, openControlPage, seizeCar } from './steps';

const CAR = '京A·7K2M9';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PLATFORMS = ['IP-TAOBAO', 'IP-JD', 'IP-ICBC', 'IP-RMZC'];
const AGREEMENT = '申请执行人张伟与被执行人李强于2026年11月25日书面约定，直接采用网络询价确定参考价';

/** An instant as the pages show it in Beijing time (zh-CN): 2026/11/28 16:00. */
function cst(ms: number): string {
  const d = new Date(ms + 8 * HOUR).toISOString();
  return `${d.slice(0, 10).replaceAll('-', '/')} ${d.slice(11, 16)}`;
}

/** '¥1,234,567.80' → '1234567.80'. */
function amountOf(text: string | null): string {
  const m = /¥([\d,]+\.\d{2})/.exec(text ?? '');
  if (!m) throw new Error(`no amount in ${JSON.stringify(text)}`);
  return m[1]!.replaceAll(',', '');
}


/** The platform rows of the online inquiry step: code → { status, amount shown }. */
async function platformRows(step: Locator): Promise<Record<string, { status: string | null; amount: string }>> {
  const rows = step.locator('table.result-table tbody tr');
  const out: Record<string, { status: string | null; amount: string }> = {};
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const code = (await row.getAttribute('data-result')) ?? '';
    out[code] = { status: await row.getAttribute('data-status'), amount: ((await row.locator('td.num').textContent()) ?? '').trim() };
  }
  return out;
}

describe('valuation by online inquiry in the browser', function () {
  let app: TestApp;
  let clock: FakeClock;
  let deps: ValuationDeps;
  const browser = browserHooks();

  before(async function () {
    this.timeout(180_000);
    // The judge's page stays open across the simulated days: the session outlives them (12 hours by default).
    app = await startTestApp({ demo: true, serveClient: true, env: { SESSION_TTL_HOURS: String(30 * 24) } });
    clock = app.clock as FakeClock;
    // The valuation jobs as the app runs them, driven by hand: the in-process simulator's platforms over HTTP.
    deps = { platforms: new HttpInquiryPlatformDirectory({ networkUrl: app.app.simulator!.url, networkSecret: app.config.network.secret, clock }) };
  });

  after(async () => {
    await app?.close();
  });

  it('when the parties agree to go straight to online inquiry, then the platforms answer, their mean is delivered, becomes the reference price after the objection window, and the auction is built on it', async function () {
    this.timeout(240_000);
    const { page } = browser;

    // 1. The car of 李强 is found at the vehicle registry and seized.
    await logIn(page, app.url, 'judge.wang', '/cases');
    await openControlPage(page, '李强');
    await seizeCar(page, CAR);

    // 2. The valuation starts with the parties' negotiation; they agree in writing to skip to online inquiry.
    const valuation = page.locator('#valuation');
    await valuation.getByRole('button', { name: `启动定价程序：车辆 ${CAR}` }).click();
    const start = page.getByRole('dialog', { name: '启动确定参考价程序' });
    await start.getByRole('button', { name: '启动定价程序' }).click();
    await start.waitFor({ state: 'detached' });
    const steps = valuation.getByRole('list', { name: '定价方式（依法定顺序）' });
    await steps.locator('li[data-method="negotiated"][data-status="open"]').waitFor();
    await valuation.getByRole('button', { name: '约定跳过' }).click();
    const skip = page.getByRole('dialog', { name: '约定跳过' });
    await skip.getByLabel('直接采用').selectOption({ label: '网络询价' });
    await skip.getByLabel('当事人约定').fill(AGREEMENT);
    const commissionedAt = clock.nowMs();
    await skip.getByRole('button', { name: '提交' }).click();
    await skip.waitFor({ state: 'detached' });
    await valuation.getByText('已记录当事人约定，进入所选方式。').waitFor();

    // The methods skipped carry the agreement; the online inquiry is open with the four platforms pending, 3 days.
    const online = steps.locator('li[data-method="onlineInquiry"]');
    await steps.locator('li[data-method="onlineInquiry"][data-status="open"]').waitFor();
    for (const method of ['negotiated', 'directedInquiry']) {
      const skipped = steps.locator(`li[data-method="${method}"]`);
      expect(await skipped.getAttribute('data-status'), method).to.equal('skipped');
      expect(await skipped.textContent(), method).to.contain('约定跳过');
    }
    expect(await steps.locator('li[data-method="negotiated"]').textContent()).to.contain(`当事人约定：${AGREEMENT}`);
    expect(await steps.locator('li[data-method="appraisal"]').textContent()).to.contain('未进行');
    const deadline = cst(commissionedAt + 3 * DAY);
    expect(await online.locator('.step-meta').textContent()).to.contain(`期限 ${deadline}`);
    let rows = await platformRows(online);
    expect(Object.keys(rows)).to.deep.equal(PLATFORMS);
    for (const code of PLATFORMS) expect(rows[code], code).to.deep.equal({ status: 'pending', amount: '—' });
    for (const row of await online.locator('table.result-table tbody tr').all()) {
      expect(await row.textContent()).to.contain('等待结果').and.contain(deadline);
    }
    expect(await online.locator('.step-amount').count(), 'no mean before the answers').to.equal(0);

    // 3. The 3 days pass; the jobs collect the reports. Three platforms answered in time, the fourth (about 100
    // hours' work) not yet: the mean of the three is the step's amount (参考价 Art. 11, 13).
    clock.advance(3 * DAY + MINUTE);
    await runValuationJobs(app.app.ctx, deps);
    await steps.locator('li[data-method="onlineInquiry"][data-status="reported"]').waitFor();
    await online.locator('tr[data-result="IP-RMZC"][data-status="unanswered"]').waitFor();
    rows = await platformRows(online);
    const inTime = PLATFORMS.filter((code) => rows[code]!.status === 'received');
    expect(inTime).to.deep.equal(['IP-TAOBAO', 'IP-JD', 'IP-ICBC']);
    expect(rows['IP-RMZC']).to.deep.equal({ status: 'unanswered', amount: '—' });
    const amounts = inTime.map((code) => amountOf(rows[code]!.amount));
    expect(new Set(amounts).size, 'the platforms differ').to.be.greaterThan(1);
    const mean = amounts.reduce((sum, a) => sum.plus(a), new Money(0)).dividedBy(amounts.length).toFixed(2, Money.ROUND_HALF_UP);
    expect(await online.locator('.step-amount').textContent()).to.equal(`按期结果的平均值：${displayMoney(mean)}（参考价第13条）`);
    expect(await online.locator('tr[data-result="IP-TAOBAO"]').textContent()).to.contain('按期收到');
    // The server's reasons are shown in the page's language, their instants in Beijing time.
    expect(await online.locator('tr[data-result="IP-RMZC"]').textContent()).to.contain(`未答复期限${deadline}届满未出具结果（参考价第11条）`);
    expect(await steps.textContent()).not.to.match(/No result|Both parties|\d{4}-\d{2}-\d{2}T/);
    const deliver = online.getByRole('button', { name: '送达当事人' });
    await deliver.waitFor();
    await online.evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -90);
    });
    await screenshot(page, 'valuation-online');

    // 4. The report is delivered to the parties: the 5-day objection window runs (参考价 Art. 21, 22).
    await deliver.click();
    const delivery = page.getByRole('dialog', { name: '送达当事人' });
    expect(await delivery.getByLabel('送达方式').inputValue()).to.equal('electronic');
    await delivery.getByRole('button', { name: '提交' }).click();
    await delivery.waitFor({ state: 'detached' });
    await valuation.getByText('已记录送达，异议期开始计算。').waitFor();
    const deliveredAt = clock.nowMs();
    await online.getByText(`已于 ${cst(deliveredAt)} 送达当事人（电子送达）`).waitFor();
    expect(await online.textContent()).to.contain(`异议期至 ${cst(deliveredAt + 5 * DAY)}（参考价第22条）`);
    expect(await online.getByRole('button', { name: '送达当事人' }).count()).to.equal(0);
    expect(await valuation.getByTestId('reference-price').count(), 'not fixed while objections may come').to.equal(0);

    // 5. The window passes with no objection: the jobs fix the mean as the reference price. The fourth platform's
    // report came in meanwhile: recorded as late, not counted.
    clock.advance(5 * DAY + HOUR);
    await runValuationJobs(app.app.ctx, deps);
    const price = valuation.getByTestId('reference-price');
    await price.filter({ hasText: displayMoney(mean) }).waitFor();
    expect(await price.textContent()).to.equal(displayMoney(mean));
    expect(await online.getAttribute('data-status')).to.equal('succeeded');
    const reference = valuation.getByRole('definition').filter({ hasText: '网络询价 · ' });
    expect(await reference.textContent()).to.equal(`网络询价 · ${cst(clock.nowMs())}`);
    await online.locator('tr[data-result="IP-RMZC"][data-status="late"]').waitFor();
    const late = (await platformRows(online))['IP-RMZC']!;
    expect(late.amount, 'the late report is recorded with its price').to.match(/^¥[\d,]+\.\d{2}/);
    expect(await online.locator('tr[data-result="IP-RMZC"]').textContent()).to.contain('逾期收到（不计入）');
    expect(await online.locator('.step-amount').textContent()).to.contain(displayMoney(mean));
    expect(await valuation.locator('.valuation-asset', { hasText: CAR }).locator('.section-head').textContent()).to.contain('参考价已确定');

    // 6. The auction is built on it: the starting price proposed is 70 % of the reference price, rounded up to the fen.
    await valuation.getByRole('link', { name: `制作拍卖：车辆 ${CAR}` }).click();
    await page.getByRole('heading', { level: 1, name: '制作拍卖' }).waitFor();
    const floor = new Money(mean).times(70).dividedBy(100).toDecimalPlaces(2, Money.ROUND_UP);
    expect(await page.getByLabel('起拍价（元）').inputValue()).to.equal(floor.toFixed(2));
    expect(await page.locator('#f-startingPrice-hint').textContent()).to.equal(`起拍价不得低于参考价${displayMoney(mean)}的70%，即至少${displayMoney(floor)}（网拍第10条）`);
  });
});
