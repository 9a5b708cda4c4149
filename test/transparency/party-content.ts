/**
 * A case with something to show its parties, made through the API of the bidding fixture: a flat seized with a
 * negotiated reference price and put up for auction (announced, then live with one bid of 705,000), a deposit of
 * 50,000 frozen and 30,000 of it deducted (asked by one judge, approved by another), 20,000 paid out to the creditor,
 * and a query code. Shared by the party-view component test and the browser test.
 */
import { expect } from 'chai';
import request, { type Response } from 'supertest';
import { bearer } from '../helpers/http';
import { HOUR, type Bidder, type BiddingFixture } from '../auctions/bidding-fixture';

export interface PartyContent {
  caseId: string;
  caseNo: string;
  debtorIdNumber: string;
  code: string;
  flat: { id: string; assetRef: string; code: string };
  deposit: { id: string; assetRef: string; code: string };
  payeeAccount: string;
  auctionId: string;
  startsAt: number;
  endsAt: number;
  bidder: Bidder;
  bidderCode: string;
}

export async function buildPartyContent(f: BiddingFixture): Promise<PartyContent> {
  const post = (path: string, body: Record<string, unknown>, token: string) => request(f.t.url).post(path).set(bearer(token)).send(body);
  const c = await f.newCase({ claim: '5000000.00' });

  // The flat: seized, valued by the parties' agreement, put up for auction and announced.
  const flat = await f.asset(c.debtorIdNumber, 'real_estate', { indicativeValue: '1000000.00' });
  const seized = await f.order(c.id, { assetId: flat.id });
  expect(seized.status, JSON.stringify(seized.body)).to.equal(201);
  // The deposit: frozen in full.
  const deposit = await f.asset(c.debtorIdNumber, 'deposit', { balance: '50000.00' });
  const frozen = await f.order(c.id, { assetId: deposit.id, amount: '50000.00' });
  expect(frozen.status, JSON.stringify(frozen.body)).to.equal(201);
  await f.deliver();
  expect(await f.measure(c.id, seized.body.id)).to.include({ status: 'in_force' });
  expect(await f.measure(c.id, frozen.body.id)).to.include({ status: 'in_force' });

  // 30,000 deducted: asked by judge.wang, approved by judge.li, transferred by the bank.
  const asked = await post(`/api/measures/${frozen.body.id}/deductions`, { amount: '30000.00' }, f.wang.token);
  expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
  const approved = await post(`/api/deductions/${asked.body.id}/approve`, {}, f.li.token);
  expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
  await f.deliver();
  const deductions = (await request(f.t.url).get(`/api/cases/${c.id}/deductions`).set(bearer(f.wang.token))).body;
  expect(deductions[0]).to.include({ status: 'completed', deductedAmount: '30000.00' });

  // 20,000 of it paid out to the creditor.
  const payeeAccount = '6222 0200 0000 0001';
  const paid = await post(`/api/cases/${c.id}/payouts`, { amount: '20000.00', payeeAccount }, f.wang.token);
  expect(paid.status, JSON.stringify(paid.body)).to.equal(201);

  // The auction of the flat: announced in an hour, live 31 days on, one bid.
  await f.referencePrice(seized.body.id as string, '1000000.00');
  const settings = f.settings();
  const drafted = await f.draft(seized.body.id as string, settings);
  expect(drafted.status, JSON.stringify(drafted.body)).to.equal(201);
  const auctionId = drafted.body.id as string;
  await f.approve(auctionId);
  await f.at(HOUR);
  expect((await f.view(auctionId)).status).to.equal('announced');
  const bidder = await f.bidder({ name: '钱竞买' });
  const bidderCode = await f.qualify(bidder, auctionId);
  const startsAt = Date.parse(settings.biddingStartsAt as string);
  const endsAt = Date.parse(settings.biddingEndsAt as string);
  await f.at(startsAt - f.clock.nowMs());
  expect((await f.view(auctionId)).status).to.equal('live');
  const bid = await f.bid(bidder, auctionId, '705000.00');
  expect(bid.status, JSON.stringify(bid.body)).to.equal(201);

  const issued = await post(`/api/cases/${c.id}/query-code`, {}, f.wang.token);
  expect(issued.status, JSON.stringify(issued.body)).to.equal(201);
  return {
    caseId: c.id,
    caseNo: c.caseNo,
    debtorIdNumber: c.debtorIdNumber,
    code: issued.body.code as string,
    flat,
    deposit,
    payeeAccount,
    auctionId,
    startsAt,
    endsAt,
    bidder,
    bidderCode,
  };
}

/** What a signed-out party gets for the case number and the query code. */
export function openPartyView(f: BiddingFixture, content: PartyContent): Promise<Response> {
  return request(f.t.url).post('/api/public/case-query').send({ caseNo: content.caseNo, code: content.code });
}
