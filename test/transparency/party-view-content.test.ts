/**
 * The party view (执行公开) of a case with real content, made through the real use cases: a flat seized and put up
 * for auction (announced, then live with a bid), a deposit frozen and partly deducted (four eyes), and part of the
 * money paid out to the creditor. The party sees the measures, the money and the auction's public figures, and still
 * nothing internal: no staff, no identity numbers, no accounts, no bidder.
 */
import { expect } from 'chai';
import request from 'supertest';
import { bearer } from '../helpers/http';
import { startBiddingFixture, type BiddingFixture } from '../auctions/bidding-fixture';
import { DAY } from '../measures/measure-fixture';
import { buildPartyContent, openPartyView, type PartyContent } from './party-content';

describe('the party view of a case with measures, money and an auction', function () {
  this.timeout(120_000);
  let f: BiddingFixture;
  let content: PartyContent;

  before(async () => {
    f = await startBiddingFixture();
    content = await buildPartyContent(f);
  });
  after(() => f?.close());

  it('when a party opens a case with a deduction, a payout and a live auction, then they see the measures, the money and the public figures of the auction', async () => {
    const res = await openPartyView(f, content);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const view = res.body;
    expect(view).to.include({ caseNo: content.caseNo, status: 'open', claimAmount: '5000000.00', outstandingAmount: '4970000.00' });
    expect(view.money).to.deep.equal({ recovered: '30000.00', paidOut: '20000.00' });

    expect(view.measures).to.have.length(2);
    const freeze = view.measures.find((m: { kind: string }) => m.kind === 'freeze');
    const seizure = view.measures.find((m: { kind: string }) => m.kind === 'seizure');
    expect(freeze).to.include({ assetKind: 'deposit', status: 'in_force', frozenAmount: '50000.00', deductedAmount: '30000.00' });
    expect(freeze.institutionName).to.be.a('string').and.not.equal('').and.not.equal(content.deposit.code);
    expect(seizure).to.include({ assetKind: 'real_estate', status: 'in_force', deductedAmount: '0.00' });
    expect(seizure.institutionName).to.be.a('string').and.not.equal('').and.not.equal(content.flat.code);
    for (const m of view.measures) expect(m.effectiveAt, 'in force since').to.be.a('string');

    expect(view.auctions).to.have.length(1);
    expect(view.auctions[0]).to.deep.equal({
      id: content.auctionId,
      title: '北京市朝阳区某小区1号楼101室',
      status: 'live',
      round: 1,
      startingPrice: '700000.00',
      currentPrice: '705000.00',
      salePrice: null,
      biddingStartsAt: new Date(content.startsAt).toISOString(),
      biddingEndsAt: new Date(content.endsAt).toISOString(),
      publicUrl: `/auctions/${content.auctionId}`,
    });

    const steps = view.timeline.map((e: { action: string }) => e.action);
    expect(steps).to.include.members(['measure.seizure_ordered', 'measure.freeze_ordered', 'deduction.completed', 'ledger.payout', 'auction.announced', 'auction.live']);
    const deducted = view.timeline.find((e: { action: string }) => e.action === 'deduction.completed');
    expect(deducted.data).to.include({ amount: '30000.00' });
    const paid = view.timeline.find((e: { action: string }) => e.action === 'ledger.payout');
    expect(paid.data).to.deep.equal({ amount: '20000.00' });
  });

  it('when the view is read, then it holds no staff names or ids, no full identity numbers, no account numbers and no bidder identities', async () => {
    const view = (await openPartyView(f, content)).body;
    const text = JSON.stringify(view);
    const me = await request(f.t.url).get('/api/auth/me').set(bearer(content.bidder.token));
    expect(me.status).to.equal(200);
    const secrets = [
      // Staff: names and ids.
      '王建国', '李敏', '张立', '赵雪', f.wang.id, f.li.id, f.zhang.id, f.zhao.id,
      // Parties' identities, the debtor's accounts, the creditor's account.
      content.debtorIdNumber, content.deposit.assetRef, content.flat.assetRef, content.payeeAccount, '李四', '张三',
      // The bidder: name, identity, account, bidder code.
      content.bidder.name, content.bidder.idNumber, content.bidder.username, content.bidder.id, content.bidderCode,
      'actor', 'bidderCode', 'requestedBy', 'approvedBy',
    ];
    for (const secret of secrets) expect(text, secret).to.not.include(secret);
    // No 18-digit identity number of anyone, whole or in part of 15+ digits.
    expect(text).to.not.match(/\d{15,}/);
  });

  it('when the auction ends sold, then the party sees the sale price', async () => {
    await f.at(content.endsAt - f.clock.nowMs() + 1);
    const view = (await openPartyView(f, content)).body;
    expect(view.auctions[0]).to.include({ status: 'sold', salePrice: '705000.00', currentPrice: '705000.00' });
    expect(view.timeline.find((e: { action: string }) => e.action === 'auction.sold').data).to.include({ price: '705000.00' });
    expect(JSON.stringify(view)).to.not.include(content.bidderCode).and.not.include(content.bidder.name);
    // A day on, the party's code still opens it.
    await f.advance(DAY);
    expect((await openPartyView(f, content)).status).to.equal(200);
  });
});
