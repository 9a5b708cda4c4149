import { expect } from 'chai';
import request from 'supertest';
import { recordsOfEntity } from '../../server/modules/audit';
import { bearer } from '../helpers/http';
import { DAY, HOUR, MINUTE, startBiddingFixture, type Bidder, type BiddingFixture } from './bidding-fixture';

describe('auctions: bids, the close, and a sale paid (网拍 Art. 11, 19–25)', function () {
  this.timeout(120_000);
  let f: BiddingFixture;
  let auctionId: string;
  let caseId: string;
  let startsAt: number;
  let endsAt: number;
  let a: Bidder;
  let b: Bidder;
  let holder: Bidder;
  let unpaid: Bidder;
  const codes: Record<string, string> = {};

  before(async () => {
    f = await startBiddingFixture();
    ({ auctionId, caseId, startsAt, endsAt } = await f.announced({ priorityHolders: [{ name: '钱共有', right: '共有人', rank: 1 }] }));
    a = await f.bidder();
    b = await f.bidder();
    holder = await f.bidder({ name: '钱共有' });
    unpaid = await f.bidder();
    codes.a = await f.qualify(a, auctionId);
    codes.b = await f.qualify(b, auctionId);
    codes.holder = await f.qualify(holder, auctionId);
    expect((await f.register(unpaid, auctionId)).status).to.equal(201);
  });
  after(async () => {
    await f?.close();
  });

  it('when bidding has not started, or the bidder has no confirmed deposit, then the bid is refused and nothing changes', async () => {
    const before = await f.state();
    const early = await f.bid(a, auctionId, '700000.00');
    expect(early.status).to.equal(409);
    expect(early.body.error.code).to.equal('AUCTION_NOT_LIVE');
    const notQualified = await f.bid(unpaid, auctionId, '700000.00');
    expect(notQualified.status).to.equal(403);
    expect(notQualified.body.error.code).to.equal('NOT_QUALIFIED');
    expect(notQualified.body.error.message).to.contain('网拍第17条');
    expect(await f.state()).to.deep.equal(before);
  });

  it('when live, then bids start at the starting price and rise by the increment; a priority holder wins a tie (网拍 Art. 20, 21)', async () => {
    await f.at(startsAt - f.clock.nowMs());
    expect((await f.view(auctionId)).status).to.equal('live');
    const before = await f.state();
    const void_ = await f.bid(a, auctionId, '699999.99');
    expect(void_.status).to.equal(422);
    expect(void_.body.error.code).to.equal('BID_TOO_LOW');
    expect(void_.body.error.message).to.contain('网拍第20条');
    expect(void_.body.error.details).to.include({ minimum: '700000.00' });
    expect(await f.state()).to.deep.equal(before);

    const first = await f.bid(a, auctionId, '700000');
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(first.body).to.include({ seq: 1, bidderCode: codes.a, amount: '700000.00', leading: true, extended: false, priority: false });
    expect(first.body.at).to.equal(f.clock.now().toISOString());

    const short = await f.bid(b, auctionId, '704999.99');
    expect(short.status).to.equal(422);
    expect(short.body.error.details).to.include({ minimum: '705000.00', leading: '700000.00' });
    expect((await f.bid(b, auctionId, '705000.00')).body).to.include({ seq: 2, leading: true });

    // The holder may match the leading amount and then leads (网拍 Art. 21); others must add the increment.
    const tie = await f.bid(holder, auctionId, '705000.00');
    expect(tie.status, JSON.stringify(tie.body)).to.equal(201);
    expect(tie.body).to.include({ seq: 3, leading: true, priority: true });
    expect(tie.body.bidderCode).to.match(/^P1-/);
    expect((await f.bid(a, auctionId, '705000.00')).body.error.details).to.include({ minimum: '710000.00' });

    const log = await f.bids(auctionId);
    expect(log.leading).to.include({ seq: 3, bidderCode: codes.holder, amount: '705000.00' });
    expect(log.nextMinimum).to.equal('710000.00');
    expect(log.bids.map((x: { seq: number }) => x.seq)).to.deep.equal([3, 2, 1]);
    const text = JSON.stringify(log);
    for (const who of [a, b, holder]) expect(text).to.not.contain(who.name).and.to.not.contain(who.idNumber);
  });

  it('when a bid comes in the last 5 minutes, then the end moves to its time + 5 minutes, again and again (网拍 Art. 20)', async () => {
    await f.advance(endsAt - f.clock.nowMs() - 2 * MINUTE);
    const late = await f.bid(b, auctionId, '710000.00');
    expect(late.body).to.include({ seq: 4, extended: true, biddingEndsAt: new Date(f.clock.nowMs() + 5 * MINUTE).toISOString() });
    await f.advance(4 * MINUTE);
    expect((await f.jobs()).closed).to.equal(0);
    const later = await f.bid(a, auctionId, '715000.00');
    expect(later.body).to.include({ seq: 5, extended: true, leading: true });
    endsAt = Date.parse(later.body.biddingEndsAt);
    expect(endsAt).to.equal(f.clock.nowMs() + 5 * MINUTE);
    expect((await f.view(auctionId)).biddingEndsAt).to.equal(later.body.biddingEndsAt);
  });

  it('when the end has come, then a bid is refused even before the job closes the auction', async () => {
    await f.advance(endsAt - f.clock.nowMs());
    const before = await f.state();
    const res = await f.bid(holder, auctionId, '715000.00');
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('AUCTION_NOT_LIVE');
    expect(await f.state()).to.deep.equal(before);
  });

  it('when the job closes it, then it is sold to the leading bid once; the letter is published; the deposit counts toward the price; losers are refunded', async () => {
    expect((await f.jobs()).closed).to.equal(1);
    expect((await f.jobs()).closed).to.equal(0);
    expect((await f.view(auctionId)).status).to.equal('sold');

    const sale = await f.sale(a, auctionId);
    expect(sale.status, JSON.stringify(sale.body)).to.equal(200);
    expect(sale.body).to.include({ kind: 'auction', status: 'awaiting_balance', bidderCode: codes.a, price: '715000.00', depositApplied: '70000.00', balance: '645000.00', ruling: null });
    // 15 days, counted on the China calendar from the end: until the end of the 15th day (网拍 Art. 25).
    const due = Date.parse(sale.body.balanceDueAt);
    expect(due).to.be.greaterThan(endsAt + 15 * DAY - DAY).and.at.most(endsAt + 16 * DAY);
    expect((await f.sale(b, auctionId)).status).to.equal(404);
    expect((await f.sale(f.wang, auctionId)).body.payment).to.equal(null);

    const letter = await request(f.t.url).get(sale.body.confirmationLetterUrl);
    expect(letter.status).to.equal(200);
    expect(letter.headers['content-type']).to.match(/text\/html/);
    expect(letter.text).to.contain('网络司法拍卖成交确认书').and.to.contain(a.name).and.to.contain('¥715,000.00').and.to.contain('北京市朝阳区人民法院');
    expect(letter.text).to.contain(`${a.idNumber.slice(0, 6)}********${a.idNumber.slice(-4)}`).and.to.not.contain(a.idNumber);
    const list = await request(f.t.url).get('/api/public/confirmation-letters');
    expect(list.body.items[0]).to.include({ auctionId, buyerName: a.name, price: '715000.00' });

    expect((await f.registration(a, auctionId)).deposit.state).to.equal('applied');
    for (const loser of [b, holder]) {
      const reg = await f.registration(loser, auctionId);
      expect(reg.deposit.state).to.equal('refunded');
      expect(reg.deposit.payment!.refund).to.include({ status: 'requested', dueBy: new Date(endsAt + 24 * HOUR).toISOString() });
    }
    const run = await f.biddingJobs();
    expect(run.refunds).to.deep.equal({ refunded: 2, failed: 0, overdue: 0 });
    expect((await f.registration(b, auctionId)).deposit.payment!.refund!.status).to.equal('completed');
    expect(await f.accountBalance('court:京0105:deposit-escrow')).to.equal('0.00');
    expect(await f.accountBalance('court:京0105:enforcement-funds')).to.equal('70000.00');
    const audit = (await recordsOfEntity(f.ctx.db, 'auction', auctionId)).map((r) => r.action);
    expect(audit).to.include.members(['auction.sold', 'auction.confirmation_letter_issued']);
    expect(audit.filter((x) => x === 'auction.sold')).to.have.length(1);
    await f.expectLedgerBalanced();
  });

  it('when registration is tried after the end, then it is refused', async () => {
    const res = await f.register(await f.bidder(), auctionId);
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('REGISTRATION_CLOSED');
  });

  it('when the buyer pays the balance at the bank, then the sale ruling is recorded and the case is credited with the price', async () => {
    const before = await f.outstanding(caseId);
    expect(before).to.equal('5000000.00');
    const opened = await request(f.t.url).post(`/api/auctions/${auctionId}/sale/balance`).set(bearer(a.token)).send({});
    expect(opened.status, JSON.stringify(opened.body)).to.equal(200);
    expect(opened.body).to.include({ purpose: 'balance', amount: '645000.00', status: 'created' });
    const others = await request(f.t.url).post(`/api/auctions/${auctionId}/sale/balance`).set(bearer(b.token)).send({});
    expect(others.status).to.equal(404);
    expect((await f.payAtBank(opened.body.id)).body.notified).to.equal(true);

    const sale = (await f.sale(a, auctionId)).body;
    expect(sale.status).to.equal('paid');
    expect(sale.ruling.no).to.match(/之1$/);
    expect(sale.payment).to.include({ status: 'paid' });
    expect(await f.outstanding(caseId)).to.equal('4285000.00');
    expect(await f.accountBalance(`auction:${auctionId}:price`)).to.equal('0.00');
    expect(await f.accountBalance(`case:${caseId}:recovered`)).to.equal('-715000.00');
    expect(await f.accountBalance('court:京0105:enforcement-funds')).to.equal('715000.00');
    const ledger = await request(f.t.url).get(`/api/cases/${caseId}/ledger`).set(bearer(f.wang.token));
    expect(ledger.body.totals.recovered).to.equal('715000.00');
    const timeline = (await recordsOfEntity(f.ctx.db, 'auction', auctionId)).map((r) => r.action);
    expect(timeline).to.include('auction.sale_paid');

    const before2 = await f.state();
    const again = await request(f.t.url).post(`/api/auctions/${auctionId}/sale/balance`).set(bearer(a.token)).send({});
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('ALREADY_PAID');
    await f.advance(20 * DAY);
    const jobs = await f.biddingJobs();
    expect(jobs.reneged).to.equal(0);
    expect(((await f.state()) as { sales: unknown }).sales).to.deep.equal((before2 as { sales: unknown }).sales);
    await f.expectLedgerBalanced();
  });
});
