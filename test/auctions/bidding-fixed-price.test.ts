import { expect } from 'chai';
import request from 'supertest';
import { bearer } from '../helpers/http';
import { DAY, HOUR, MINUTE, startBiddingFixture, type Bidder, type BiddingFixture } from './bidding-fixture';

describe('auctions: unsold twice, then sold at a fixed price (网拍 Art. 26; 拍变)', function () {
  this.timeout(120_000);
  let f: BiddingFixture;
  let first: string;
  let second: string;
  let caseId: string;
  let watcher: Bidder;
  let early: Bidder;
  let slow: Bidder;

  const purchase = (who: Bidder, body: Record<string, unknown> = { qualificationPledge: true }) =>
    request(f.t.url).post(`/api/auctions/${second}/purchase`).set(bearer(who.token)).send(body);

  before(async () => {
    f = await startBiddingFixture();
    watcher = await f.bidder();
    early = await f.bidder();
    slow = await f.bidder();
  });
  after(async () => {
    await f?.close();
  });

  it('when nobody bids, then the auction is unsold and every deposit is refunded; it is relisted with a cut', async () => {
    let endsAt: number;
    ({ auctionId: first, caseId, endsAt } = await f.announced());
    await f.qualify(watcher, first);
    await f.at(endsAt - f.clock.nowMs() + MINUTE);
    expect((await f.view(first)).status).to.equal('unsold');
    expect((await f.registration(watcher, first)).deposit.state).to.equal('refunded');
    expect((await f.biddingJobs()).refunds.refunded).to.equal(1);

    const now = f.clock.nowMs();
    const start = now + 16 * DAY;
    const relisted = await f.act(first, 'relist', {
      startingPrice: '560000.00',
      deposit: '56000.00',
      increment: '5000.00',
      announcementAt: new Date(now + HOUR).toISOString(),
      biddingStartsAt: new Date(start).toISOString(),
      biddingEndsAt: new Date(start + 24 * HOUR).toISOString(),
    });
    expect(relisted.status, JSON.stringify(relisted.body)).to.equal(201);
    second = relisted.body.id;
    await f.approve(second);
    await f.at(HOUR);
    await f.qualify(watcher, second);
    await f.at(start + 24 * HOUR - f.clock.nowMs() + MINUTE);
    expect((await f.view(second)).status).to.equal('unsold');
    expect((await f.biddingJobs()).refunds.refunded).to.equal(1);
    await f.expectLedgerBalanced();
  });

  it('before the fixed-price sale, nobody can buy', async () => {
    const res = await purchase(early);
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('NOT_FOR_SALE');
  });

  it('when the second auction fails, then the court sells at its starting price; the first full payment takes it, a later one is refunded', async () => {
    const sale = await f.act(second, 'fixed-price-sale', {});
    expect(sale.status, JSON.stringify(sale.body)).to.equal(200);
    const restricted = await f.bidder({ sequence: '998' });
    const before = await f.state();
    const refused = await purchase(restricted);
    expect(refused.status).to.equal(422);
    expect(refused.body.error.code).to.equal('PURCHASE_NOT_ELIGIBLE');
    expect(await f.state()).to.deep.equal(before);

    const slowPayment = await purchase(slow);
    expect(slowPayment.status, JSON.stringify(slowPayment.body)).to.equal(200);
    expect(slowPayment.body).to.include({ purpose: 'full_price', amount: '560000.00', status: 'created' });
    const earlyPayment = await purchase(early);
    expect((await purchase(early)).body.id).to.equal(earlyPayment.body.id);
    // The one who opened second pays first: paying, not asking, decides (拍变: the first to pay in full).
    await f.advance(MINUTE);
    expect((await f.payAtBank(earlyPayment.body.id)).body.notified).to.equal(true);
    expect((await f.view(second)).status).to.equal('sold');
    const won = (await f.sale(early, second)).body;
    expect(won).to.include({ kind: 'fixed_price', status: 'paid', price: '560000.00', depositApplied: '0.00', balance: '0.00', balanceDueAt: null });
    expect(won.ruling.no).to.match(/之1$/);
    expect(await f.outstanding(caseId)).to.equal('4440000.00');
    const letter = await request(f.t.url).get(won.confirmationLetterUrl);
    expect(letter.text).to.contain('变卖').and.to.contain(early.name);

    await f.advance(MINUTE);
    await f.payAtBank(slowPayment.body.id);
    expect((await f.sale(slow, second)).status).to.equal(404);
    const refund = await request(f.t.url).get(`/api/payments/${slowPayment.body.id}`).set(bearer(slow.token));
    expect(refund.body.refund).to.include({ status: 'requested', amount: '560000.00' });
    expect((await f.biddingJobs()).refunds.refunded).to.equal(1);
    expect((await request(f.t.url).get(`/api/payments/${slowPayment.body.id}`).set(bearer(slow.token))).body.refund.status).to.equal('completed');
    expect((await request(f.t.url).get(`/api/payments/${slowPayment.body.id}`).set(bearer(early.token))).status).to.equal(404);
    const after = await purchase(await f.bidder());
    expect(after.status).to.equal(409);
    expect(after.body.error.code).to.equal('NOT_FOR_SALE');
    await f.expectLedgerBalanced();
  });

  it('the jobs run again change nothing', async () => {
    const before = await f.state();
    await f.jobs();
    const again = await f.biddingJobs();
    expect(again).to.deep.equal({ reneged: 0, depositsReleased: 0, refunds: { refunded: 0, failed: 0, overdue: 0 } });
    expect(await f.state()).to.deep.equal(before);
  });
});
