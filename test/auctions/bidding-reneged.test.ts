import { expect } from 'chai';
import request from 'supertest';
import { recordsOfEntity } from '../../server/modules/audit';
import { bearer } from '../helpers/http';
import { HOUR, MINUTE, startBiddingFixture, type Bidder, type BiddingFixture } from './bidding-fixture';

describe('auctions: a buyer who reneges (悔拍, 网拍 Art. 24; 拍变 Art. 22)', function () {
  this.timeout(120_000);
  let f: BiddingFixture;
  let first: string;
  let caseId: string;
  let measureId: string;
  let resale: string;
  let x: Bidder;
  let y: Bidder;

  const forfeiture = (costs: string, who = f.wang) => request(f.t.url).post(`/api/auctions/${first}/forfeiture`).set(bearer(who.token)).send({ costs });

  before(async () => {
    f = await startBiddingFixture();
    let startsAt: number;
    let endsAt: number;
    ({ auctionId: first, caseId, measureId, startsAt, endsAt } = await f.announced());
    x = await f.bidder();
    y = await f.bidder();
    await f.qualify(x, first);
    await f.qualify(y, first);
    await f.at(startsAt - f.clock.nowMs());
    expect((await f.bid(y, first, '700000.00')).status).to.equal(201);
    expect((await f.bid(x, first, '800000.00')).status).to.equal(201);
    await f.at(endsAt - f.clock.nowMs() + MINUTE);
    expect((await f.view(first)).status).to.equal('sold');
    await f.biddingJobs();
  });
  after(async () => {
    await f?.close();
  });

  it('when the balance deadline passes unpaid, then the job declares the sale reneged once: the deposit is forfeited and the asset freed', async () => {
    const sale = (await f.sale(x, first)).body;
    expect(sale).to.include({ price: '800000.00', depositApplied: '70000.00', balance: '730000.00' });
    await f.advance(Date.parse(sale.balanceDueAt) - f.clock.nowMs() - MINUTE);
    expect((await f.biddingJobs()).reneged).to.equal(0);
    await f.advance(MINUTE);
    const before = await f.state();
    const late = await request(f.t.url).post(`/api/auctions/${first}/sale/balance`).set(bearer(x.token)).send({});
    expect(late.status).to.equal(409);
    expect(late.body.error.code).to.equal('BALANCE_OVERDUE');
    expect(await f.state()).to.deep.equal(before);

    expect((await f.biddingJobs()).reneged).to.equal(1);
    expect((await f.biddingJobs()).reneged).to.equal(0);
    expect((await f.view(first)).status).to.equal('reneged');
    const reneged = (await f.sale(x, first)).body;
    expect(reneged.status).to.equal('reneged');
    expect(reneged.renegedAt).to.not.equal(null);
    expect((await f.registration(x, first)).deposit.state).to.equal('forfeited');
    expect(await f.accountBalance(`auction:${first}:forfeited-deposit`)).to.equal('-70000.00');
    expect(await f.accountBalance(`auction:${first}:price`)).to.equal('0.00');
    expect(await f.outstanding(caseId)).to.equal('5000000.00');
    const audit = (await recordsOfEntity(f.ctx.db, 'auction', first)).map((r) => r.action);
    expect(audit.filter((a) => a === 'auction.reneged')).to.have.length(1);
    await f.expectLedgerBalanced();
  });

  it('when the judge applies the forfeited deposit before the resale is sold, then it is refused: the shortfall is not known yet', async () => {
    const before = await f.state();
    const res = await forfeiture('3000.00');
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('FORFEITURE_NOT_READY');
    expect(res.body.error.message).to.contain('网拍第24条');
    expect(await f.state()).to.deep.equal(before);
  });

  it('when the asset is auctioned again, then the reneging buyer may not register; another buys it for less and pays', async () => {
    const drafted = await f.draft(measureId, f.settings());
    expect(drafted.status, JSON.stringify(drafted.body)).to.equal(201);
    resale = drafted.body.id;
    await f.approve(resale);
    await f.at(HOUR);
    const before = await f.state();
    const barred = await f.register(x, resale);
    expect(barred.status).to.equal(403);
    expect(barred.body.error.code).to.equal('BIDDER_BARRED');
    expect(barred.body.error.message).to.contain('网拍第24条').and.to.contain('拍变第22条');
    expect(await f.state()).to.deep.equal(before);

    await f.qualify(y, resale);
    const view = await f.view(resale);
    await f.at(Date.parse(view.biddingStartsAt) - f.clock.nowMs());
    expect((await f.bid(y, resale, '750000.00')).status).to.equal(201);
    await f.at(Date.parse(view.biddingEndsAt) - f.clock.nowMs() + MINUTE);
    expect((await f.view(resale)).status).to.equal('sold');
    const opened = await request(f.t.url).post(`/api/auctions/${resale}/sale/balance`).set(bearer(y.token)).send({});
    expect(opened.status, JSON.stringify(opened.body)).to.equal(200);
    await f.payAtBank(opened.body.id);
    expect((await f.sale(y, resale)).body.status).to.equal('paid');
    expect(await f.outstanding(caseId)).to.equal('4250000.00');
  });

  it('when the judge then applies it, then costs come first, then the resale shortfall, then the debtor\'s debts; once', async () => {
    const clerk = await forfeiture('3000.00', f.zhao);
    expect(clerk.status).to.equal(403);
    const res = await forfeiture('3000.00');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    // 70,000 deposit: 3,000 costs; 800,000 − 750,000 = 50,000 shortfall; 17,000 to the debts (网拍 Art. 24).
    expect(res.body.forfeiture).to.include({ deposit: '70000.00', costs: '3000.00', shortfall: '50000.00', debts: '17000.00' });
    expect(await f.accountBalance(`auction:${first}:forfeited-deposit`)).to.equal('0.00');
    expect(await f.accountBalance('court:京0105:auction-costs')).to.equal('-3000.00');
    expect(await f.outstanding(caseId)).to.equal('4183000.00');
    const again = await forfeiture('1.00');
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('FORFEITURE_SETTLED');
    await f.expectLedgerBalanced();
  });
});

describe('auctions: a forfeited deposit when the resale ends without a sale (网拍 Art. 24)', function () {
  this.timeout(120_000);
  let f: BiddingFixture;

  before(async () => {
    f = await startBiddingFixture();
  });
  after(async () => {
    await f?.close();
  });

  it('when the resale is withdrawn, then there is no resale price and so no shortfall: the deposit pays the costs, then the debts', async () => {
    const { auctionId: first, caseId, measureId, startsAt, endsAt } = await f.announced();
    const x = await f.bidder();
    await f.qualify(x, first);
    await f.at(startsAt - f.clock.nowMs());
    expect((await f.bid(x, first, '700000.00')).status).to.equal(201);
    await f.at(endsAt - f.clock.nowMs() + MINUTE);
    const sale = (await f.sale(x, first)).body;
    await f.advance(Date.parse(sale.balanceDueAt) - f.clock.nowMs() + MINUTE);
    expect((await f.biddingJobs()).reneged).to.equal(1);
    const forfeiture = (costs: string) => request(f.t.url).post(`/api/auctions/${first}/forfeiture`).set(bearer(f.wang.token)).send({ costs });

    // A resale drafted: still open, so not yet.
    const drafted = await f.draft(measureId, f.settings());
    expect(drafted.status, JSON.stringify(drafted.body)).to.equal(201);
    expect((await forfeiture('2000.00')).body.error.code).to.equal('FORFEITURE_NOT_READY');
    // The court withdraws it (the debtor settled with the creditor, say): the line has ended with no sale.
    const withdrawn = await request(f.t.url).post(`/api/auctions/${drafted.body.id}/withdraw`).set(bearer(f.wang.token)).send({ reason: '双方达成和解' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    const res = await forfeiture('2000.00');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.forfeiture).to.include({ deposit: '70000.00', costs: '2000.00', shortfall: '0.00', debts: '68000.00', resaleAuctionId: drafted.body.id });
    expect(await f.outstanding(caseId)).to.equal('4932000.00');
    await f.expectLedgerBalanced();
  });
});
