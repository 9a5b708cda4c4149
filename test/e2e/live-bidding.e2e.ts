/**
 * The live auction room in the browser: a real-estate auction is announced and two bidders qualify through the API;
 * the fake clock moves into bidding (the auction jobs run by hand). Each bidder signs in in their own browser and
 * opens the auction page: A bids the least amount with a quick button and confirms it; B sees it arrive live, is
 * refused an amount off the increment grid before anything is sent, and bids its own amount; A is told at once that
 * they were outbid. In the last 5 minutes a bid moves the end, and both countdowns show the extension and the new end
 * (网拍 Art. 20). When the end has passed and the close runs, both rooms show the sale to the winner's code; the
 * judge's page shows the same room, read-only.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { HOUR, MINUTE, PASSWORD, startBiddingFixture, type Bidder, type BiddingFixture } from '../auctions/bidding-fixture';
import { browserHooks, screenshot } from './harness';
import { logIn } from './steps';

/** An instant as the room shows it in Beijing time (zh-CN, with seconds): 2026/12/27 09:58:00. */
function cstSeconds(ms: number): string {
  const d = new Date(ms + 8 * HOUR).toISOString();
  return `${d.slice(0, 10).replaceAll('-', '/')} ${d.slice(11, 19)}`;
}

async function signIn(page: Page, baseUrl: string, who: Bidder, next: string): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => url.pathname === next);
}

describe('live bidding in the browser: two bidders, an extension and the close', function () {
  let f: BiddingFixture;
  const browser = browserHooks();

  before(async function () {
    this.timeout(180_000);
    f = await startBiddingFixture({ serveClient: true });
  });

  after(async () => {
    await f?.close();
  });

  it('when two bidders bid in their browsers, then each sees the other bid live, the outbid one is told, a late bid visibly extends the end, and the close shows the winner', async function () {
    this.timeout(240_000);
    const { auctionId, startsAt, endsAt } = await f.announced();
    const a = await f.bidder({ name: '赵一鸣' });
    const b = await f.bidder({ name: '钱二朵' });
    const codeA = await f.qualify(a, auctionId);
    const codeB = await f.qualify(b, auctionId);
    // Bidding opens, and runs until 20 minutes before its end (the browsers sign in after the clock's long jump).
    await f.at(startsAt - f.clock.nowMs());
    expect((await f.view(auctionId)).status).to.equal('live');
    await f.at(endsAt - 20 * MINUTE - f.clock.nowMs());

    const auctionPath = `/auctions/${auctionId}`;
    const pageA = browser.page;
    const { page: pageB } = await browser.newContext({}, 'bidder B');
    await signIn(pageA, f.t.url, a, auctionPath);
    await signIn(pageB, f.t.url, b, auctionPath);
    const roomA = pageA.getByRole('region', { name: '竞价大厅' });
    const roomB = pageB.getByRole('region', { name: '竞价大厅' });
    for (const room of [roomA, roomB]) {
      await room.getByTestId('room-link').getByText('实时竞价中').waitFor();
      await room.getByTestId('room-watchers').filter({ hasText: /^[2-9] 人围观$/ }).waitFor();
    }
    expect(await roomA.getByText(`您的竞买代码 ${codeA}`).count()).to.equal(1);
    expect(await roomA.getByTestId('room-leader').textContent()).to.equal('暂无出价');
    // The countdown follows the server's (fake) clock: 20 minutes left, not the browser's month.
    expect(await roomA.getByTestId('room-countdown').textContent()).to.match(/^00:(19|20):\d\d$/);
    expect(await roomA.getByTestId('room-ends-at').textContent()).to.equal(`结束时间 ${cstSeconds(endsAt)}`);

    // 1. A bids the starting price with the first quick button, and confirms it.
    const quick = roomA.getByRole('button', { name: '出价 ¥700,000.00' });
    expect(await roomA.getByRole('button', { name: /^出价 ¥/ }).allTextContents()).to.deep.equal(['¥700,000.00起拍价', '¥705,000.00起拍价加 1 个幅度', '¥720,000.00起拍价加 4 个幅度']);
    await quick.click();
    const confirmA = pageA.getByRole('dialog', { name: '确认出价' });
    expect(await confirmA.textContent()).to.contain(`以竞买代码 ${codeA} 出价 ¥700,000.00`);
    await confirmA.getByRole('button', { name: '确认出价 ¥700,000.00' }).click();
    await roomA.getByText('出价成功：¥700,000.00，您当前领先。').waitFor();
    await roomA.getByTestId('room-you-lead').waitFor();

    // 2. B sees it live, by code only.
    const topB = roomB.getByTestId('room-log').locator('li').first();
    await topB.filter({ hasText: codeA }).waitFor();
    expect(await topB.textContent()).to.contain('¥700,000.00');
    expect(await roomB.getByTestId('room-price').textContent()).to.equal('¥700,000.00');
    expect(await roomB.getByTestId('room-leader').textContent()).to.equal(codeA);
    expect(await roomB.textContent()).to.not.contain(a.name);

    // 3. B's own amount: off the increment grid it is refused in the page (nothing sent); on it, confirmed and placed.
    const custom = roomB.getByLabel('自定义出价（元）');
    await custom.fill('712000');
    await roomB.getByRole('button', { name: '出价…' }).click();
    await roomB.getByText('出价应为领先价 ¥700,000.00 加整数倍加价幅度 ¥5,000.00，例如 ¥705,000.00').waitFor();
    expect(await pageB.getByRole('dialog').count()).to.equal(0);
    await custom.fill('705000');
    await roomB.getByRole('button', { name: '出价…' }).click();
    await pageB.getByRole('dialog', { name: '确认出价' }).getByRole('button', { name: '确认出价 ¥705,000.00' }).click();
    await roomB.getByText('出价成功：¥705,000.00，您当前领先。').waitFor();

    // 4. A is told at once, and sees B's bid on top.
    await roomA.getByRole('alert').filter({ hasText: '您的出价已被超过' }).waitFor();
    const logA = roomA.getByTestId('room-log').locator('li');
    expect(await logA.count()).to.equal(2);
    expect(await logA.nth(0).textContent()).to.contain(codeB).and.to.contain('¥705,000.00');
    expect(await logA.nth(1).textContent()).to.contain(codeA).and.to.contain('¥700,000.00');
    expect(await roomA.getByTestId('room-you-lead').count()).to.equal(0);

    // 5. Two minutes before the end, A bids again: the end moves to that bid's time + 5 minutes, in both rooms.
    await f.advance(endsAt - 2 * MINUTE - f.clock.nowMs());
    await roomA.getByTestId('room-countdown').filter({ hasText: /^00:0[12]:\d\d$/ }).waitFor();
    await roomA.getByRole('button', { name: '出价 ¥710,000.00' }).click();
    await pageA.getByRole('dialog', { name: '确认出价' }).getByRole('button', { name: '确认出价 ¥710,000.00' }).click();
    await roomA.getByText('出价成功：¥710,000.00，您当前领先。').waitFor();
    const newEnd = (await f.view(auctionId)).biddingEndsAt;
    expect(Date.parse(newEnd)).to.equal(f.clock.nowMs() + 5 * MINUTE);
    for (const room of [roomA, roomB]) {
      const notice = room.getByTestId('room-extension');
      await notice.waitFor();
      expect(await notice.textContent()).to.contain('延时').and.to.contain(`结束时间顺延至 ${cstSeconds(Date.parse(newEnd)).slice(11)}`);
      await room.getByTestId('room-ends-at').filter({ hasText: `结束时间 ${cstSeconds(Date.parse(newEnd))}` }).waitFor();
      await room.getByTestId('room-countdown').filter({ hasText: /^00:0[45]:\d\d$/ }).waitFor();
    }
    await roomB.getByRole('alert').filter({ hasText: '您的出价已被超过' }).waitFor();
    await roomA.scrollIntoViewIfNeeded();
    await pageA.evaluate(() => window.scrollBy(0, -80));
    await screenshot(pageA, 'live-room');

    // 6. The end passes and the close runs: both rooms show the sale to A's code at A's price.
    await f.at(Date.parse(newEnd) - f.clock.nowMs() + 1000);
    expect((await f.view(auctionId)).status).to.equal('sold');
    await roomA.getByTestId('room-outcome').filter({ hasText: `成交：您（竞买代码 ${codeA}）以 ¥710,000.00 竞得` }).waitFor();
    await roomB.getByTestId('room-outcome').filter({ hasText: `成交：竞买代码 ${codeA} 以 ¥710,000.00 竞得` }).waitFor();
    for (const room of [roomA, roomB]) {
      expect(await room.getByRole('button', { name: /^出价/ }).count()).to.equal(0);
      expect(await room.getByRole('timer').count()).to.equal(0);
    }
    await pageA.getByTestId('auction-status').getByText('已成交').waitFor();

    // 7. The judge's page shows the same room, read-only.
    const { page: judge } = await browser.newContext({}, 'judge');
    await logIn(judge, f.t.url, 'judge.wang', '/cases');
    await judge.goto(`${f.t.url}/court/auctions/${auctionId}`);
    const supervision = judge.getByRole('region', { name: '竞价实况（监督）' });
    await supervision.getByTestId('room-outcome').filter({ hasText: `成交：竞买代码 ${codeA} 以 ¥710,000.00 竞得` }).waitFor();
    expect(await supervision.getByTestId('room-log').locator('li').count()).to.equal(3);
    expect(await supervision.getByRole('button').count()).to.equal(0);
  });
});
