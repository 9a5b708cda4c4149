/**
 * What the auction component tests share: the measure fixture (real app, fake clock, in-memory institutions) plus a
 * third judge of 朝阳 with approval rights (a collegial panel has at least three judges), a seized asset in force with
 * a negotiated reference price fixed through the valuation API, lawful settings relative to the clock, and the
 * auction jobs run by hand.
 */
import { expect } from 'chai';
import request, { type Response } from 'supertest';
import type { AuctionView } from '../../shared/schemas/auctions';
import { runAuctionJobs, type AuctionJobResult } from '../../server/modules/auctions';
import { bearer, tokenFor } from '../helpers/http';
import { DAY, startFixture, type Fixture, type Staff } from '../measures/measure-fixture';

export { DAY };
export const HOUR = 3_600_000;

export interface AuctionFixture extends Fixture {
  /** A third judge of 朝阳 (京0105) who may approve. */
  zhang: Staff;
  /** A case of judge.wang with a real-estate (or other) asset seized and in force; returns the measure. */
  seized(kind?: 'real_estate' | 'vehicle' | 'equity' | 'deposit', indicativeValue?: string): Promise<{ caseId: string; measureId: string }>;
  /** Fixes the parties' negotiated price as the reference price (参考价 Art. 4) through the valuation API. */
  referencePrice(measureId: string, price: string, who?: Staff): Promise<Record<string, unknown>>;
  /** Lawful settings for a real-estate first auction: announced in an hour, bidding from 31 days on for 24 h. */
  settings(overrides?: Record<string, unknown>): Record<string, unknown>;
  draft(measureId: string, body: Record<string, unknown>, who?: Staff): Promise<Response>;
  /** POST to an auction action (approve, relist, suspend…). */
  act(auctionId: string, action: string, body?: Record<string, unknown>, who?: Staff): Promise<Response>;
  view(auctionId: string, who?: Staff): Promise<AuctionView>;
  /** Approved by judge.li and judge.zhang (a majority of wang, li, zhang). */
  approve(auctionId: string): Promise<AuctionView>;
  jobs(): Promise<AuctionJobResult>;
  /** Moves the clock (signing the staff in again) and runs the jobs. */
  at(ms: number): Promise<AuctionJobResult>;
}

export const DISCLOSURES = {
  basis: '（2026）京0105民初100号民事判决书',
  reportRef: '当事人议价结果（参考价）',
  rules: '增价拍卖，竞价时间不少于24小时；竞价结束前5分钟内有出价的，自该出价时点顺延5分钟',
  photos: ['https://img.example/auction/1.jpg', 'https://img.example/auction/2.jpg'],
  encumbrances: '本院首封；无已知抵押',
  priorityRights: '无已知优先购买权人',
  taxes: '契税、增值税及附加、个人所得税',
  taxBearer: 'by_law',
  courtAccount: '北京市朝阳区人民法院执行款专户 0200 0041 0900 0000 001',
};

export async function startAuctionFixture(options: { serveClient?: boolean } = {}): Promise<AuctionFixture> {
  const f = await startFixture(options);
  // The demo's third judge of 京0105 who may approve, so that a panel of three can be formed.
  const zhangToken = await tokenFor(f.t.url, 'judge.zhang');
  const me = await request(f.t.url).get('/api/auth/me').set(bearer(zhangToken));
  const zhang: Staff = { token: zhangToken, id: me.body.user.id as string };
  const baseAdvance = f.advance.bind(f);

  const fixture: AuctionFixture = Object.assign(f, {
    zhang,
    async advance(ms: number) {
      await baseAdvance(ms);
      zhang.token = await tokenFor(f.t.url, 'judge.zhang');
    },
    async seized(kind: 'real_estate' | 'vehicle' | 'equity' | 'deposit' = 'real_estate', indicativeValue = '1000000.00') {
      const theCase = await f.newCase({ claim: '5000000.00' });
      const asset = await f.asset(theCase.debtorIdNumber, kind, { indicativeValue });
      const ordered = await f.order(theCase.id, { assetId: asset.id });
      expect(ordered.status, JSON.stringify(ordered.body)).to.equal(201);
      await f.deliver();
      const measure = await f.measure(theCase.id, ordered.body.id as string);
      expect(measure.status).to.equal('in_force');
      return { caseId: theCase.id, measureId: measure.id as string };
    },
    async referencePrice(measureId: string, price: string, who = f.wang) {
      const started = await request(f.t.url).post(`/api/measures/${measureId}/valuations`).set(bearer(who.token)).send({});
      expect(started.status, JSON.stringify(started.body)).to.equal(201);
      const fixed = await request(f.t.url)
        .post(`/api/valuations/${started.body.id}/negotiated`)
        .set(bearer(who.token))
        .send({ price, agreement: '申请执行人与被执行人书面议定处置参考价' });
      expect(fixed.status, JSON.stringify(fixed.body)).to.equal(200);
      return fixed.body;
    },
    settings(overrides: Record<string, unknown> = {}) {
      const now = f.clock.nowMs();
      const start = now + 31 * DAY;
      return {
        title: '北京市朝阳区某小区1号楼101室',
        description: '住宅，建筑面积89.5平方米',
        startingPrice: '700000.00',
        deposit: '70000.00',
        increment: '5000.00',
        announcementAt: new Date(now + HOUR).toISOString(),
        biddingStartsAt: new Date(start).toISOString(),
        biddingEndsAt: new Date(start + 24 * HOUR).toISOString(),
        balanceDueDays: 15,
        disclosures: { ...DISCLOSURES },
        priorityHolders: [],
        panel: [f.wang.id, f.li.id, zhang.id],
        ...overrides,
      };
    },
    draft: (measureId: string, body: Record<string, unknown>, who = f.wang) => request(f.t.url).post(`/api/measures/${measureId}/auctions`).set(bearer(who.token)).send(body),
    act: (auctionId: string, action: string, body: Record<string, unknown> = {}, who = f.wang) =>
      request(f.t.url).post(`/api/auctions/${auctionId}/${action}`).set(bearer(who.token)).send(body),
    async view(auctionId: string, who = f.wang) {
      const res = await request(f.t.url).get(`/api/auctions/${auctionId}`).set(bearer(who.token));
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return res.body;
    },
    async approve(auctionId: string) {
      const first = await fixture.act(auctionId, 'approve', {}, f.li);
      expect(first.status, JSON.stringify(first.body)).to.equal(200);
      const second = await fixture.act(auctionId, 'approve', {}, zhang);
      expect(second.status, JSON.stringify(second.body)).to.equal(200);
      expect(second.body.status).to.equal('approved');
      return second.body;
    },
    jobs: () => runAuctionJobs(f.ctx, f.clock.now()),
    async at(ms: number) {
      await fixture.advance(ms);
      return runAuctionJobs(f.ctx, f.clock.now());
    },
  });
  return fixture;
}

/** The violations of an AUCTION_RULE_VIOLATION answer, as `code@article`. */
export function violationsOf(res: Response): string[] {
  expect(res.status, JSON.stringify(res.body)).to.equal(422);
  expect(res.body.error.code).to.equal('AUCTION_RULE_VIOLATION');
  return (res.body.error.details.violations as { code: string; article: string }[]).map((v) => `${v.code}@${v.article}`);
}
