/**
 * The same generated bid sequences as bid-sequence.property.test.ts, against the real server (fewer runs: each run is
 * a fresh live auction with proxy bidding). The fake clock moves between requests; every request goes over HTTP.
 * The server must decide each request as the pure model does, and its stored state must have the properties: the
 * price only rises, the end never moves earlier, exactly one winner at the close, and replaying the stored log gives
 * the same final state.
 */
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import request, { type Response } from 'supertest';
import { compareBids, leadingBid } from '../../shared/auction-rules';
import { runAuctionJobs } from '../../server/modules/auctions';
import { auctions } from '../../server/modules/auctions/auction.tables';
import { bearer } from '../helpers/http';
import { fold, replay, requestArb, type LoggedBid, type Request } from './bid-model';
import { MINUTE, sleep, startLiveFixture, type Bidder, type LiveFixture } from './live-fixture';

const TERMS = { startingPrice: '700000.00', increment: '5000.00' };
const OUTCOME_OF: Record<string, string> = {
  AUCTION_NOT_LIVE: 'not_live',
  BID_TOO_LOW: 'amount',
  BID_NOT_ON_INCREMENT: 'amount',
  PROXY_NOT_ENABLED: 'proxy_not_enabled',
  PROXY_TOO_LOW: 'proxy_too_low',
};

describe('live bidding engine over generated bid sequences (fast-check, real server)', function () {
  this.timeout(300_000);
  let f: LiveFixture;

  before(async () => {
    f = await startLiveFixture();
  });
  after(async () => {
    await f?.close();
  });

  /** Sends one request; waits out the engine's rate limit (real time) when it answers RATE_LIMITED. */
  async function send(who: Bidder, auctionId: string, kind: 'bid' | 'proxy', amount: string): Promise<Response> {
    for (;;) {
      const res = await request(f.t.url)
        .post(`/api/auctions/${auctionId}/${kind === 'bid' ? 'bids' : 'proxy'}`)
        .set(bearer(who.token))
        .send(kind === 'bid' ? { amount } : { max: amount });
      if (res.status !== 429 && res.body?.error?.code !== 'RATE_LIMITED') return res;
      await sleep(Number(res.body.error.details?.retryAfterMs ?? 200) + 10);
    }
  }

  it('when a generated sequence of bids and proxy maxima is sent to the server, then it decides as the model, the price only rises, the end never moves earlier, one winner is sold to, and the log replays to the same state', async () => {
    const requestsArb = fc.array(requestArb.map((r): Request => ({ ...r, bidder: r.bidder % 3 })), { minLength: 3, maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(requestsArb, async (requests) => {
        const live = await f.liveAuction(3, { proxyBidding: true });
        // Start 6 minutes before the end: the requests cross the last 5 minutes and, often, the end.
        await f.advance(live.endsAt - 6 * MINUTE - f.clock.nowMs()); // signs everyone in again (sessions last hours)
        const t0 = f.clock.nowMs();
        const model = fold(TERMS, t0, live.endsAt, requests, true);
        const ends: number[] = [live.endsAt];
        for (const [i, r] of requests.entries()) {
          f.clock.advance(r.dt);
          const decision = model.decisions[i]!;
          // Past the end the model names no amount: send one that would otherwise be allowed.
          const amount = decision.amount ?? '99999999.00';
          const res = await send(live.bidders[r.bidder]!, live.auctionId, r.kind, amount);
          const got = res.status === 201 ? 'accepted' : (OUTCOME_OF[res.body.error?.code as string] ?? `${res.status} ${JSON.stringify(res.body)}`);
          expect(got, `request ${i} ${JSON.stringify(r)} ${amount}`).to.equal(decision.outcome);
          if (res.status === 201) ends.push(Date.parse(res.body.biddingEndsAt as string));
        }
        const log = await f.logOf(live.auctionId);
        const [row] = await f.ctx.db.select().from(auctions).where(eq(auctions.id, live.auctionId));
        // The same log as the model's, by the bidders' codes.
        expect(log.map((b) => ({ seq: b.seq, amount: b.amount, code: b.bidderCode, at: b.at.getTime(), auto: b.auto }))).to.deep.equal(
          model.bids.map((b) => ({ seq: b.seq, amount: b.amount, code: live.codes[Number(b.registrationId.slice(1))], at: b.at.getTime(), auto: b.auto })),
        );
        // The price only rises; the end never moves earlier (as acknowledged, and as stored).
        for (let i = 1; i < log.length; i++) expect(Number(log[i]!.amount)).to.be.above(Number(log[i - 1]!.amount));
        for (let i = 1; i < ends.length; i++) expect(ends[i]!).to.be.at.least(ends[i - 1]!);
        expect(row!.biddingEndsAt.getTime()).to.equal(model.endsAt.getTime()).and.to.be.at.least(live.endsAt);
        expect(row!.bidSeq).to.equal(log.length);
        // Replaying the stored log gives the same final state.
        const stored: LoggedBid[] = log.map((b) => ({ seq: b.seq, registrationId: b.registrationId, priorityRank: b.priorityRank, amount: b.amount, at: b.at, auto: b.auto }));
        const again = replay(TERMS, live.endsAt, stored);
        expect(again.refused).to.equal(0);
        expect(again.endsAt.getTime()).to.equal(row!.biddingEndsAt.getTime());
        const winner = leadingBid(stored);
        expect(again.leader).to.equal(winner);
        expect(winner?.seq ?? null).to.equal(log.length === 0 ? null : log.length);
        expect(row!.leadingBidId).to.equal(log.length === 0 ? null : log[log.length - 1]!.id);
        for (const b of stored) if (b !== winner) expect(compareBids(winner!, b)).to.be.below(0);
        // The close: exactly one winner, the leading bid, sold once.
        await f.advance(Math.max(0, row!.biddingEndsAt.getTime() - f.clock.nowMs()));
        await runAuctionJobs(f.ctx, f.clock.now());
        await runAuctionJobs(f.ctx, f.clock.now());
        const [closed] = await f.ctx.db.select().from(auctions).where(eq(auctions.id, live.auctionId));
        expect(closed!.status).to.equal(log.length === 0 ? 'unsold' : 'sold');
        expect(await f.salesOf(live.auctionId)).to.equal(log.length === 0 ? 0 : 1);
        expect(await f.auditCount(live.auctionId, log.length === 0 ? 'auction.unsold' : 'auction.sold')).to.equal(1);
      }),
      { numRuns: 8 },
    );
  });
});
