/**
 * Valuation and auctions in the browser: a judge seizes a demo debtor's car, fixes its reference price by the parties'
 * negotiated price, builds an auction and sees the rule it breaks (a starting price under 70 % of the reference price,
 * 网拍 Art. 10) as it is typed and as the server refuses it, corrects it, and two other judges of the collegial panel
 * approve; the scheduled job announces it, and anyone, signed out, finds it in the public list and reads its page, which
 * follows the court's suspension live.
 */
import { expect } from 'chai';
import { runAuctionJobs } from '../../server/modules/auctions';
import type { FakeClock } from '../../server/platform/clock';
import { browserHooks, demoAppHooks, PHONE_CONTEXT, screenshot } from './harness';
import { logIn, openControlPage, seizeCar } from './steps';

const CAR = '京A·7K2M9';
const TITLE = '大众帕萨特小型轿车（京A·7K2M9）';


describe('valuation and the auction of a seized asset in the browser', function () {
  const browser = browserHooks();
  const app = demoAppHooks();

  it('when a judge values a seized car, builds its auction past a refused starting price and the panel approves, then the public finds the announced auction and its page follows it live', async function () {
    this.timeout(240_000);
    const { page, log } = browser;
    // The first submission is refused on purpose (starting price below 70 % of the reference price).
    log.expectHttpError({ path: /^\/api\/measures\/[0-9a-f-]{36}\/auctions$/, status: 422, method: 'POST' });

    // 1. The car of 李强 is found at the vehicle registry and seized.
    await logIn(page, app.url, 'judge.wang', '/cases');
    await openControlPage(page, '李强');
    await seizeCar(page, CAR);

    // 2. Its reference price: the parties' negotiated price (参考价 Art. 4).
    const valuation = page.locator('#valuation');
    await valuation.getByRole('button', { name: `启动定价程序：车辆 ${CAR}` }).click();
    const start = page.getByRole('dialog', { name: '启动确定参考价程序' });
    await start.getByRole('button', { name: '启动定价程序' }).click();
    await start.waitFor({ state: 'detached' });
    const steps = valuation.getByRole('list', { name: '定价方式（依法定顺序）' });
    await steps.locator('li[data-method="negotiated"][data-status="open"]').waitFor();
    expect(await steps.locator('li[data-method="onlineInquiry"]').textContent()).to.contain('未进行');
    await valuation.getByRole('button', { name: '记录议价结果' }).click();
    const negotiated = page.getByRole('dialog', { name: '记录议价结果' });
    await negotiated.getByLabel('价格（元）').fill('98000');
    await negotiated.getByLabel('当事人约定').fill('申请执行人张伟与被执行人李强于2026年11月25日书面议定处置参考价');
    await negotiated.getByRole('button', { name: '提交' }).click();
    await negotiated.waitFor({ state: 'detached' });
    await valuation.getByTestId('reference-price').filter({ hasText: '¥98,000.00' }).waitFor();
    expect(await steps.locator('li[data-method="negotiated"]').getAttribute('data-status')).to.equal('succeeded');

    // 3. The builder: the rules stand beside the fields; a starting price under 70 % breaks 网拍 Art. 10 at once.
    await valuation.getByRole('link', { name: `制作拍卖：车辆 ${CAR}` }).click();
    await page.getByRole('heading', { level: 1, name: '制作拍卖' }).waitFor();
    const startingPrice = page.getByLabel('起拍价（元）');
    expect(await startingPrice.inputValue()).to.equal('68600.00');
    expect(await page.locator('#f-startingPrice-hint').textContent()).to.equal('起拍价不得低于参考价¥98,000.00的70%，即至少¥68,600.00（网拍第10条）');
    await page.getByLabel('标的名称').fill(TITLE);
    await startingPrice.fill('60000');
    const priceError = page.locator('#f-startingPrice-error');
    await priceError.waitFor();
    expect(await priceError.textContent()).to.contain('起拍价60000.00元低于参考价98000.00元的70%（68600.00元）（网拍第10条）');
    expect(await startingPrice.getAttribute('aria-invalid')).to.equal('true');

    // The disclosures of 网拍 Art. 13 the court still has to give.
    await page.getByLabel('财产照片或视频').fill('/demo/vehicle.svg');
    await page.getByLabel('权属、占有使用、瑕疵及权利负担').fill('被执行人李强名下，本院首封；车辆由本院扣押保管，无已知抵押');
    await page.getByLabel('优先购买权情况').fill('无已知优先购买权人');
    await page.getByLabel('可能产生的税费').fill('车辆过户相关税费');
    await page.getByLabel('保证金及价款支付账户').fill('北京市朝阳区人民法院执行款专户 0200 0041 0900 0000 001');
    await page.getByRole('checkbox', { name: /王建国/ }).waitFor();
    expect(await page.getByRole('checkbox', { name: /王建国/ }).isChecked()).to.equal(true);
    expect(await page.getByRole('checkbox', { name: /李敏/ }).isChecked()).to.equal(true);
    expect(await page.getByRole('checkbox', { name: /张立/ }).isChecked()).to.equal(true);

    // Submitted as it is: the server refuses with the article, shown at the field and in the summary, which takes focus.
    await page.getByRole('button', { name: '保存草稿，提交合议庭' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '服务器拒绝了这些设置' });
    await summary.waitFor();
    expect(await summary.textContent()).to.contain('起拍价（元）：起拍价60000.00元低于参考价98000.00元的70%');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).to.equal(true);
    expect(await priceError.textContent()).to.contain('网拍第10条');
    await page.evaluate(() => {
      document.getElementById('f-startingPrice')?.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -140);
    });
    await screenshot(page, 'auction-builder');

    // Corrected: the rule is met, the message goes; saved as a draft for the panel.
    await summary.getByRole('link', { name: /起拍价/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('f-startingPrice');
    await startingPrice.fill('70000');
    await priceError.waitFor({ state: 'detached' });
    expect(await page.getByText('各项规则均已满足').count()).to.equal(1);
    await page.getByRole('button', { name: '保存草稿，提交合议庭' }).click();
    await page.waitForURL((url) => /^\/court\/auctions\/[0-9a-f-]{36}$/.test(url.pathname));
    const auctionUrl = page.url();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('拍卖草稿已保存，请合议庭成员批准。').waitFor();
    expect(await page.getByTestId('starting-price').textContent()).to.equal('¥70,000.00');
    expect(await page.getByTestId('panel-count').textContent()).to.contain('已批准 0 / 需 2');

    // 4. The panel: 李敏 and 张立 approve in their own sessions; the drafting judge's page follows live.
    for (const [username, expected] of [
      ['judge.li', '您已批准（1 / 2）。'],
      ['judge.zhang', '合议庭已批准，拍卖将于公告时间发布。'],
    ] as const) {
      const { page: member } = await browser.newContext({}, username);
      await logIn(member, app.url, username, '/cases');
      await member.goto(auctionUrl);
      await member.getByRole('button', { name: '批准拍卖设置' }).click();
      await member.getByText(expected).waitFor();
      await member.close();
    }
    await page.getByTestId('panel-count').filter({ hasText: '已批准 2 / 需 2' }).waitFor();
    await page.locator('.page-head .badge', { hasText: '合议庭已批准' }).waitFor();
    expect(await page.locator('.panel-list li[data-member="李敏"]').textContent()).to.contain('已批准');
    expect(await page.locator('.panel-list li[data-member="王建国"]').textContent()).to.contain('待批准');

    // 5. The announcement time comes (the builder proposed the next full hour of the server's clock, 17:00 Beijing
    // time): the clock moves on and the scheduled job publishes it.
    const clock = app.clock as FakeClock;
    expect(await page.locator('.auction-facts').textContent()).to.contain('2026/11/25 17:00');
    clock.advance(60 * 60_000);
    // (The minute cron may publish it first; either way it happens once.)
    await runAuctionJobs(app.app.ctx, clock.now());
    await page.locator('.page-head .badge', { hasText: '公告中' }).waitFor();

    // 6. Anyone, signed out: the public list has it (search by words and kind), and its page shows its data.
    const { page: visitor } = await browser.newContext({}, 'visitor');
    await visitor.goto(`${app.url}/auctions`);
    await visitor.getByRole('heading', { level: 1, name: '司法拍卖' }).waitFor();
    expect(await visitor.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '司法拍卖' }).count()).to.equal(1);
    await visitor.getByLabel('关键词（标的、描述或案号）').fill('帕萨特');
    await visitor.getByLabel('财产类型').selectOption({ label: '车辆' });
    await visitor.getByRole('button', { name: '搜索' }).click();
    await visitor.waitForURL((url) => url.searchParams.get('q') === '帕萨特' && url.searchParams.get('assetKind') === 'vehicle');
    const card = visitor.locator('li.auction-card', { hasText: TITLE });
    await card.waitFor();
    expect(await visitor.getByRole('status').filter({ hasText: /^共 \d+ 场$/ }).textContent()).to.equal('共 1 场');
    expect(await card.textContent()).to.contain('¥70,000.00');
    expect(await card.textContent()).to.contain('公告中');
    await card.getByRole('link', { name: TITLE }).click();
    await visitor.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const main = visitor.getByRole('main');
    expect(await visitor.getByTestId('auction-status').textContent()).to.equal('公告中');
    expect(await visitor.getByTestId('starting-price').textContent()).to.equal('¥70,000.00');
    const text = (await main.textContent()) ?? '';
    for (const shown of ['¥98,000.00', '¥6,860.00', '¥686.00', '北京市朝阳区人民法院', '（2025）京0105民初18842号民事判决书', '无已知优先购买权人', '依法各自承担', '距竞价开始']) {
      expect(text, shown).to.contain(shown);
    }
    // Bidding starts at 10:00 on the 15th day after the announcement (movables: 15 days' notice, 网拍 Art. 12); the
    // countdown runs on the server's clock (17:00 on 25 November), not the browser's.
    expect(text).to.contain('2026/12/10 10:00');
    expect(await visitor.getByRole('timer').getAttribute('aria-label')).to.match(/^距竞价开始 14 天 1[67] 小时 \d+ 分$/);
    await visitor.getByRole('img', { name: `${TITLE} 照片 1` }).waitFor();
    await visitor.getByText('实时更新').waitFor();
    await visitor.setViewportSize({ width: 1280, height: 1100 });
    await screenshot(visitor, 'auction-public');

    // 7. The court suspends it: the open public page shows it at once, with the published reason.
    await page.getByRole('button', { name: '暂缓/中止拍卖' }).click();
    const suspend = page.getByRole('dialog', { name: '暂缓或中止拍卖' });
    await suspend.getByLabel('理由').fill('案外人提出执行异议');
    await suspend.getByRole('button', { name: '暂缓/中止拍卖' }).click();
    await page.getByText('拍卖已暂缓，理由已公示。').waitFor();
    await visitor.getByTestId('auction-status').filter({ hasText: '暂缓/中止' }).waitFor();
    expect(await visitor.getByRole('status').filter({ hasText: '本拍卖自' }).textContent()).to.contain('案外人提出执行异议');

    // The public page on a phone: no sideways scrolling.
    const phone = await browser.newContext({ ...PHONE_CONTEXT }, 'phone');
    await phone.page.goto(visitor.url());
    await phone.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'horizontal overflow at phone width').to.be.at.most(0);
  });
});
