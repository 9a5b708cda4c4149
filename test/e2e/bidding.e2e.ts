/**
 * The bidder's side in the browser: a real-estate auction is announced (through the API, on the fake clock, with the
 * auction jobs run by hand); a signed-up bidder opens its public page signed out and is asked to sign in, signs in and
 * comes back, is refused registration without the purchase-qualification pledge (竞买资格 Art. 2, shown with its
 * article), registers with it, goes to the simulated bank's cashier page, pays the deposit there, is sent back to the
 * auction page by the bank, and sees the bidder code and the deposit held (网拍 Art. 17, 18).
 */
import { expect } from 'chai';
import { startBiddingFixture, PASSWORD, type BiddingFixture } from '../auctions/bidding-fixture';
import { browserHooks, screenshot } from './harness';

describe('a bidder registers for an auction and pays the deposit in the browser', function () {
  let f: BiddingFixture;
  const browser = browserHooks();

  before(async function () {
    this.timeout(180_000);
    f = await startBiddingFixture({ serveClient: true });
  });

  after(async () => {
    await f?.close();
  });

  it('when a bidder registers with the pledge and pays the deposit at the bank, then the bank sends them back to the auction page, which shows their bidder code and the deposit held', async function () {
    this.timeout(240_000);
    const { page, log } = browser;
    const { auctionId } = await f.announced();
    const bidder = await f.bidder({ name: '孙立新' });
    const auctionPath = `/auctions/${auctionId}`;
    // Not registered yet: the registration is asked for and is not there (404 NOT_FOUND).
    log.expectHttpError({ path: `/api/auctions/${auctionId}/registration`, status: 404, method: 'GET' });
    // Registering without the pledge is refused on purpose.
    log.expectHttpError({ path: `/api/auctions/${auctionId}/registration`, status: 422, method: 'POST' });

    // 1. Signed out: the page says how to take part; signing in brings the bidder back to it.
    await page.goto(`${f.t.url}${auctionPath}`);
    const panel = page.getByRole('region', { name: '参与竞买' });
    await panel.getByText('登录竞买人账户后即可报名').waitFor();
    expect(await panel.getByRole('link', { name: '注册竞买人账户' }).getAttribute('href')).to.equal('/register');
    await panel.getByRole('link', { name: '登录后报名' }).click();
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === auctionPath);
    await page.getByLabel('用户名').fill(bidder.username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL((url) => url.pathname === auctionPath);

    // 2. Real estate: without the pledge the server refuses, with the rule's article.
    const register = panel.getByRole('button', { name: '报名参加竞买' });
    await register.waitFor();
    expect(await panel.textContent()).to.contain('¥70,000.00');
    await register.click();
    const refusal = panel.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).to.contain('竞买资格第2条');
    await panel.getByRole('checkbox', { name: /承诺具备购买该不动产的资格/ }).check();
    await register.click();
    await panel.getByText('请交纳保证金').waitFor();
    expect(await panel.getByTestId('deposit-state').textContent()).to.equal('未交纳');
    expect(await panel.getByTestId('bidder-code').count()).to.equal(0);

    // 3. To the bank: its cashier page shows the deposit under the bidder's real name; paying sends the browser back.
    await panel.getByRole('button', { name: '前往银行交纳保证金 ¥70,000.00' }).click();
    await page.waitForURL((url) => url.origin === new URL(f.simUrl).origin && /^\/bank\/payments\/[0-9a-f-]{36}\/cashier$/.test(url.pathname));
    const cashier = (await page.locator('body').textContent()) ?? '';
    expect(cashier).to.contain('70000.00');
    expect(cashier).to.contain('孙立新');
    await page.getByRole('button', { name: '确认支付 / Pay' }).click();
    await page.waitForURL((url) => url.origin === new URL(f.t.url).origin && url.pathname === auctionPath);

    // 4. Back on the platform: qualified, with a bidder code, the deposit held since the bank's confirmation.
    const code = panel.getByTestId('bidder-code');
    await code.waitFor();
    expect(await code.textContent()).to.match(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(await panel.getByTestId('deposit-state').textContent()).to.match(/^已交纳，由法院监管 · \d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 到账$/);
    expect(await panel.getByText('请交纳保证金').count()).to.equal(0);
    expect(await panel.getByRole('button', { name: /交纳保证金/ }).count()).to.equal(0);
    // The platform agrees: the registration is qualified under that code.
    const reg = await f.registration(bidder, auctionId);
    expect(reg.status).to.equal('qualified');
    expect(reg.bidderCode).to.equal(await code.textContent());

    await panel.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -120));
    await screenshot(page, 'auction-deposit');

    // "My auctions" lists the registration with the same code and the deposit held.
    await page.getByRole('navigation').getByRole('link', { name: '我的竞买' }).click();
    await page.waitForURL((url) => url.pathname === '/my/auctions');
    const row = page.locator(`tr[data-auction="${auctionId}"]`);
    await row.waitFor();
    expect(await row.locator('code').textContent()).to.equal(reg.bidderCode);
    expect(await row.textContent()).to.contain('已交纳，由法院监管');
    await screenshot(page, 'my-auctions');
  });
});
