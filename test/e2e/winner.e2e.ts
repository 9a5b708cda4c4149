/**
 * The winner's and the loser's screens in the browser, after a sale: a real-estate auction is announced, two bidders
 * qualify and bid through the API on the fake clock, and the auction jobs close it, sold to the higher bid. The winner
 * signs in and sees that they won, the bid log by codes only (网拍 Art. 20), the confirmation letter with their real
 * name (网拍 Art. 22), the balance with its deadline (网拍 Art. 25); pays it at the simulated bank's cashier page and is
 * sent back to see it paid, with the sale ruling, also in "我的竞买". The loser signs in and sees the deposit refunded
 * (网拍 Art. 23).
 */
import { expect } from 'chai';
import { HOUR, startBiddingFixture, PASSWORD, type Bidder, type BiddingFixture } from '../auctions/bidding-fixture';
import { browserHooks, screenshot } from './harness';
import type { Page } from 'playwright-core';

/** An instant as the pages show it in Beijing time (zh-CN): 2027/01/12 00:00. */
function cst(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * HOUR).toISOString();
  return `${d.slice(0, 10).replaceAll('-', '/')} ${d.slice(11, 16)}`;
}

/** Signs a bidder in through the form, coming back to `next`. */
async function signIn(page: Page, baseUrl: string, who: Bidder, next: string): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => url.pathname === next);
}

describe('the winner of an auction pays the balance, and the loser sees the deposit refunded, in the browser', function () {
  let f: BiddingFixture;
  const browser = browserHooks();
  let auctionId: string;
  let endsAt: number;
  let winner: Bidder;
  let loser: Bidder;
  const codes: Record<'winner' | 'loser', string> = { winner: '', loser: '' };

  before(async function () {
    this.timeout(180_000);
    f = await startBiddingFixture({ serveClient: true });
    const announced = await f.announced();
    auctionId = announced.auctionId;
    endsAt = announced.endsAt;
    winner = await f.bidder({ name: '周建国' });
    loser = await f.bidder({ name: '吴晓梅' });
    codes.winner = await f.qualify(winner, auctionId);
    codes.loser = await f.qualify(loser, auctionId);
    // Bidding opens; the loser bids the starting price, the winner one increment more.
    await f.at(announced.startsAt - f.clock.nowMs());
    expect((await f.view(auctionId)).status).to.equal('live');
    const first = await f.bid(loser, auctionId, '700000.00');
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    await f.advance(60_000);
    const second = await f.bid(winner, auctionId, '705000.00');
    expect(second.status, JSON.stringify(second.body)).to.equal(201);
    // The end passes and the jobs close it: sold to the winner.
    await f.at(endsAt - f.clock.nowMs() + 1000);
    expect((await f.view(auctionId)).status).to.equal('sold');
  });

  after(async () => {
    await f?.close();
  });

  it('when the winner opens the auction after the close, then they see they won, the letter with their name, and the balance due with its deadline; paying it at the bank brings them back to it paid', async function () {
    this.timeout(180_000);
    const { page, context } = browser;
    const auctionPath = `/auctions/${auctionId}`;
    const sale = (await f.sale(winner, auctionId)).body as { balanceDueAt: string; balance: string };
    expect(sale.balance).to.equal('635000.00');

    await signIn(page, f.t.url, winner, auctionPath);
    await page.getByTestId('auction-status').getByText('已成交').waitFor();
    const panel = page.getByRole('region', { name: '参与竞买' });
    await panel.getByText('您以 ¥705,000.00 竞得本标的。').waitFor();
    expect(await panel.getByTestId('bidder-code').textContent()).to.equal(codes.winner);
    expect(await panel.getByTestId('deposit-state').textContent()).to.equal('已转入法院账户，抵作价款');
    expect(await panel.getByTestId('balance').textContent()).to.equal('¥635,000.00');
    // The deadline: the end of the 15th day after the close on the China calendar, stated as the instant before which to pay.
    const due = /^(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}) 前$/.exec((await panel.getByTestId('balance-due').textContent()) ?? '');
    expect(due, 'the balance deadline').to.not.equal(null);
    const dueText = due![1]!;
    expect(dueText).to.equal(cst(sale.balanceDueAt));
    expect(await panel.getByTestId('sale-state').textContent()).to.equal('待付尾款');
    // The page shows no registration or deposit buttons any more.
    expect(await panel.getByRole('button', { name: /交纳保证金|报名/ }).count()).to.equal(0);

    // The public bid log: codes only, newest first, the winner's bid leading; no names.
    const bidLog = page.getByRole('region', { name: '竞价记录' });
    const rows = bidLog.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).to.equal(2);
    expect(await rows.nth(0).textContent()).to.contain(codes.winner).and.to.contain('领先').and.to.contain('¥705,000.00');
    expect(await rows.nth(1).textContent()).to.contain(codes.loser).and.to.contain('¥700,000.00');
    expect(await bidLog.textContent()).to.not.contain(winner.name).and.to.not.contain(loser.name);

    await panel.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -120));
    await screenshot(page, 'auction-won');

    // The confirmation letter opens printable in a new tab, with the buyer's real name and the price.
    const [letter] = await Promise.all([context.waitForEvent('page'), panel.getByRole('link', { name: '成交确认书' }).click()]);
    await letter.waitForLoadState();
    const letterText = (await letter.locator('body').textContent()) ?? '';
    expect(letterText).to.contain('网络司法拍卖成交确认书').and.to.contain('周建国').and.to.contain('¥705,000.00');
    expect(letterText).to.not.contain(winner.idNumber);
    await letter.close();

    // "My auctions": won, the balance to pay by the deadline, linking to the auction.
    await page.getByRole('navigation').getByRole('link', { name: '我的竞买' }).click();
    await page.waitForURL((url) => url.pathname === '/my/auctions');
    const row = page.locator(`tr[data-auction="${auctionId}"]`);
    await row.waitFor();
    expect(await row.textContent()).to.contain('已竞得，待付尾款').and.to.contain(`${dueText} 前付清尾款`);
    await row.getByRole('link', { name: /前付清尾款/ }).click();
    await page.waitForURL((url) => url.pathname === auctionPath);

    // To the bank: the cashier shows the balance under the buyer's name; paying sends the browser back.
    await panel.getByRole('button', { name: '前往银行支付尾款 ¥635,000.00' }).click();
    await page.waitForURL((url) => url.origin === new URL(f.simUrl).origin && /^\/bank\/payments\/[0-9a-f-]{36}\/cashier$/.test(url.pathname));
    const cashier = (await page.locator('body').textContent()) ?? '';
    expect(cashier).to.contain('635000.00').and.to.contain('周建国');
    await page.getByRole('button', { name: '确认支付 / Pay' }).click();
    await page.waitForURL((url) => url.origin === new URL(f.t.url).origin && url.pathname === auctionPath);

    // Back on the platform: paid, with the sale ruling (网拍 Art. 25), and nothing left to pay.
    await panel.getByTestId('sale-state').getByText('价款已付清').waitFor();
    expect(await panel.getByTestId('ruling').textContent()).to.match(/^拍卖成交裁定（\d{4}）京0105执\d+号之1，\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 作出$/);
    expect(await panel.getByTestId('balance').textContent()).to.equal('¥635,000.00');
    expect(await panel.getByTestId('balance-paid-at').textContent()).to.match(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
    expect(await panel.getByTestId('balance-due').count()).to.equal(0);
    expect(await panel.getByRole('button', { name: /支付尾款/ }).count()).to.equal(0);
    const paid = (await f.sale(winner, auctionId)).body as { status: string };
    expect(paid.status).to.equal('paid');
    await panel.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -120));
    await screenshot(page, 'balance-paid');

    await page.getByRole('navigation').getByRole('link', { name: '我的竞买' }).click();
    await page.waitForURL((url) => url.pathname === '/my/auctions');
    await row.waitFor();
    expect(await row.textContent()).to.contain('已竞得，价款已付清').and.to.not.contain('前付清尾款');
  });

  it('when the loser signs in, then they see the deposit being refunded by its deadline, and refunded once the bank has paid it back (网拍 Art. 23)', async function () {
    this.timeout(120_000);
    const { page } = browser;
    const auctionPath = `/auctions/${auctionId}`;
    // The close asked for the refund; the bank has not paid it back yet.
    const asked = await f.registration(loser, auctionId);
    expect(asked.deposit.payment?.refund?.status).to.equal('requested');
    const refundDue = cst(new Date(endsAt + 24 * HOUR).toISOString());

    await signIn(page, f.t.url, loser, auctionPath);
    const panel = page.getByRole('region', { name: '参与竞买' });
    const refund = panel.getByTestId('refund-state');
    await refund.waitFor();
    expect(await refund.textContent()).to.equal(`¥70,000.00 退还办理中，最迟 ${refundDue} 前到账`);
    expect(await panel.getByTestId('deposit-state').textContent()).to.equal('退还中');
    expect(await panel.getByTestId('bidder-code').textContent()).to.equal(codes.loser);
    expect(await panel.getByText(/竞得本标的/).count()).to.equal(0);
    expect(await panel.getByRole('link', { name: '成交确认书' }).count()).to.equal(0);
    expect(await panel.getByRole('button').count()).to.equal(0);

    await page.getByRole('navigation').getByRole('link', { name: '我的竞买' }).click();
    await page.waitForURL((url) => url.pathname === '/my/auctions');
    const row = page.locator(`tr[data-auction="${auctionId}"]`);
    await row.waitFor();
    expect(await row.locator('code').textContent()).to.equal(codes.loser);
    expect(await row.getByTestId('refund-state').textContent()).to.equal(`退还办理中，最迟 ${refundDue} 前到账`);
    expect(await row.textContent()).to.contain('¥70,000.00 · 退还中').and.to.contain('未竞得').and.to.not.contain('已竞得');

    // The refund job sends it; the bank pays it back at once.
    const run = await f.biddingJobs();
    expect(run.refunds).to.include({ refunded: 1, failed: 0 });
    const done = (await f.registration(loser, auctionId)).deposit.payment!.refund!;
    expect(done.status).to.equal('completed');
    const doneAt = cst(done.completedAt!);

    await page.reload();
    await row.waitFor();
    expect(await row.getByTestId('refund-state').textContent()).to.equal(`已于 ${doneAt} 退还到账`);
    expect(await row.textContent()).to.contain('¥70,000.00 · 已退还');

    await row.getByRole('link', { name: '北京市朝阳区某小区1号楼101室' }).click();
    await page.waitForURL((url) => url.pathname === auctionPath);
    await panel.getByTestId('deposit-state').getByText('已退还', { exact: true }).waitFor();
    expect(await refund.textContent()).to.equal(`¥70,000.00 已于 ${doneAt} 退还`);
  });
});
