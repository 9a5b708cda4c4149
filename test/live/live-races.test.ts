/**
 * Races in live bidding against the real app (fake clock): 50 bidders with the same amount at the same time, the
 * 5-minute extension at its millisecond boundaries, and the close run many times at once or racing a last bid.
 */
import { expect } from 'chai';
import request, { type Response } from 'supertest';
import { eq } from 'drizzle-orm';
import type { BidAckOk } from '../../shared/live-auction';
import { closeAuction } from '../../server/modules/auctions/close-auction';
import { runAuctionJobs } from '../../server/modules/auctions';
import { auctions } from '../../server/modules/auctions/auction.tables';
import { bearer } from '../helpers/http';
import { MINUTE, sleep, startLiveFixture, type LiveAuction, type LiveFixture } from './live-fixture';

type Refusal = { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } };
type Ack = BidAckOk | Refusal;

describe('live bidding races: same amount at once, the extension boundary, the close', function () {
  this.timeout(180_000);
  let f: LiveFixture;

  before(async () => {
    f = await startLiveFixture();
  });
  afterEach(() => f.closeClients());
  after(async () => {
    await f?.close();
  });

  describe('50 qualified bidders racing with the same amount', () => {
    let live: LiveAuction;
    before(async () => {
      live = await f.liveAuction(50);
    });

    it('when 50 bidders send the same first bid over socket.io at the same moment, then exactly one is accepted, 49 are refused BID_TOO_LOW, and the log has one bid', async () => {
      const clients = await Promise.all(live.bidders.map((b) => f.client(b.token)));
      const watcher = await f.client();
      await watcher.ask('join', { auctionId: live.auctionId });
      const answers = await Promise.all(clients.map((c, i) => c.ask<Ack>('bid', { auctionId: live.auctionId, amount: '700000.00', clientBidId: `race-${i}` })));
      const accepted = answers.filter((a): a is BidAckOk => a.ok);
      const refused = answers.filter((a): a is Refusal => !a.ok);
      expect(accepted, JSON.stringify(refused.filter((r) => r.error.code !== 'BID_TOO_LOW'))).to.have.length(1);
      expect(refused).to.have.length(49);
      for (const r of refused) expect(['BID_TOO_LOW', 'BID_NOT_ON_INCREMENT']).to.include(r.error.code);
      expect(refused.every((r) => r.error.details!.minimum === '705000.00')).to.equal(true);
      const log = await f.logOf(live.auctionId);
      expect(log).to.have.length(1);
      expect(log[0]).to.include({ seq: 1, bidderCode: accepted[0]!.bid!.bidderCode });
      expect(accepted[0]!.bid!.bidderCode).to.equal(live.codes[answers.indexOf(accepted[0]!)]);
      await watcher.waitFor('bid', (p) => p.seq === 1);
      await sleep(200);
      expect(watcher.of('bid')).to.have.length(1);
    });

    it('when the same 50 bidders send the same next amount over HTTP at the same moment, then exactly one is accepted and the log grows by one', async () => {
      const responses: Response[] = await Promise.all(
        live.bidders.map((b, i) => request(f.t.url).post(`/api/auctions/${live.auctionId}/bids`).set(bearer(b.token)).set('Idempotency-Key', `http-race-${i}`).send({ amount: '705000.00' })),
      );
      const accepted = responses.filter((r) => r.status === 201);
      expect(accepted, JSON.stringify(responses.filter((r) => r.status !== 201 && r.status !== 422).map((r) => r.body))).to.have.length(1);
      expect(responses.filter((r) => r.status === 422 && ['BID_TOO_LOW', 'BID_NOT_ON_INCREMENT'].includes(r.body.error.code))).to.have.length(49);
      expect(accepted[0]!.body).to.include({ seq: 2, amount: '705000.00', leading: true, replayed: false });
      const log = await f.logOf(live.auctionId);
      expect(log.map((b) => b.seq)).to.deep.equal([1, 2]);
    });
  });

  describe('the 5-minute extension at its boundaries (网拍 Art. 20), with the fake clock', () => {
    let live: LiveAuction;
    before(async () => {
      live = await f.liveAuction(2);
    });

    it('when a bid comes exactly 5:00.000 before the end, then the end stays; at 4:59.999 before the end, then the end becomes its time + 5 minutes', async () => {
      const [a, b] = live.bidders;
      await f.advance(live.endsAt - 5 * MINUTE - f.clock.nowMs());
      const atEdge = await f.bid(a!, live.auctionId, '700000.00');
      expect(atEdge.status, JSON.stringify(atEdge.body)).to.equal(201);
      expect(atEdge.body).to.include({ extended: false, biddingEndsAt: new Date(live.endsAt).toISOString() });
      await f.advance(1); // 4:59.999 before the end
      const bidAt = f.clock.nowMs();
      expect(live.endsAt - bidAt).to.equal(5 * MINUTE - 1);
      const inside = await f.bid(b!, live.auctionId, '705000.00');
      expect(inside.status, JSON.stringify(inside.body)).to.equal(201);
      expect(inside.body).to.include({ extended: true, at: new Date(bidAt).toISOString(), biddingEndsAt: new Date(bidAt + 5 * MINUTE).toISOString() });
      expect((await f.view(live.auctionId)).biddingEndsAt).to.equal(new Date(bidAt + 5 * MINUTE).toISOString());
    });

    it('when a bid comes exactly at the new end, or 5:00.001 after the extending bid, then it is refused AUCTION_NOT_LIVE and nothing changes', async () => {
      const [a] = live.bidders;
      const view = await f.view(live.auctionId);
      const end = Date.parse(view.biddingEndsAt as string);
      await f.advance(end - f.clock.nowMs());
      const before = (await f.state()) as { bids: unknown[] };
      expect(f.clock.nowMs()).to.equal(end);
      const atEnd = await f.bid(a!, live.auctionId, '710000.00');
      expect(atEnd.status).to.equal(409);
      expect(atEnd.body.error.code).to.equal('AUCTION_NOT_LIVE');
      await f.advance(1); // 5:00.001 after the extending bid
      const after = await f.bid(a!, live.auctionId, '710000.00');
      expect(after.status).to.equal(409);
      expect(after.body.error.code).to.equal('AUCTION_NOT_LIVE');
      const socket = await f.client(a!.token);
      const viaSocket = await socket.ask<Refusal>('bid', { auctionId: live.auctionId, amount: '710000.00', clientBidId: 'late-1' });
      expect(viaSocket.error.code).to.equal('AUCTION_NOT_LIVE');
      expect(((await f.state()) as { bids: unknown[] }).bids).to.deep.equal(before.bids);
      expect((await f.logOf(live.auctionId)).map((b) => b.seq)).to.deep.equal([1, 2]);
    });
  });

  describe('the close run many times at once (ARCHITECTURE invariant 4)', () => {
    it('when closeAuction runs 6 times at once and runAuctionJobs 3 times at once, then the auction closes once: one `closed` per watcher, one sale, one auction.sold', async () => {
      const live = await f.liveAuction(2);
      const [a, b] = live.bidders;
      expect((await f.bid(a!, live.auctionId, '700000.00')).status).to.equal(201);
      expect((await f.bid(b!, live.auctionId, '705000.00')).status).to.equal(201);
      const watchers = await Promise.all([f.client(), f.client(), f.client(a!.token)]);
      for (const w of watchers) await w.ask('join', { auctionId: live.auctionId });
      await f.advance(live.endsAt - f.clock.nowMs());
      const now = f.clock.now();
      const [closes, jobs] = await Promise.all([
        Promise.all(Array.from({ length: 6 }, () => closeAuction(f.ctx, live.auctionId, now))),
        Promise.all(Array.from({ length: 3 }, () => runAuctionJobs(f.ctx, now))),
      ]);
      const pushes = closes.filter((p) => p !== undefined);
      const jobCloses = jobs.reduce((n, j) => n + j.closed, 0);
      expect(pushes.length + jobCloses, `closeAuction: ${pushes.length}, jobs: ${jobCloses}`).to.equal(1);
      pushes.forEach((p) => p());
      for (const w of watchers) await w.waitFor('closed');
      await sleep(300);
      for (const w of watchers) {
        const closed = w.of('closed');
        expect(closed).to.have.length(1);
        expect(closed[0]).to.include({ auctionId: live.auctionId, outcome: 'sold', price: '705000.00', winnerCode: live.codes[1], seq: 2, endedAt: live.endsAt });
      }
      expect((await f.view(live.auctionId)).status).to.equal('sold');
      expect(await f.salesOf(live.auctionId)).to.equal(1);
      expect(await f.auditCount(live.auctionId, 'auction.sold')).to.equal(1);
      // And again later: nothing more.
      expect(await closeAuction(f.ctx, live.auctionId, f.clock.now())).to.equal(undefined);
      expect((await runAuctionJobs(f.ctx, f.clock.now())).closed).to.equal(0);
      expect(await f.salesOf(live.auctionId)).to.equal(1);
      await f.expectLedgerBalanced();
    });

    it('when a bid races the close, then it is either accepted (the end moves and the close does nothing) or refused (the auction closed without it), never both and never lost', async () => {
      const outcomes: string[] = [];
      for (let round = 0; round < 4; round++) {
        const live = await f.liveAuction(2);
        const [a, b] = live.bidders;
        expect((await f.bid(a!, live.auctionId, '700000.00')).status).to.equal(201);
        const watcher = await f.client();
        await watcher.ask('join', { auctionId: live.auctionId });
        // The bid is received 1 ms before the end; the close runs for the end itself, started a little later in each
        // round, so that sometimes the close and sometimes the bid takes the auction's lock first.
        await f.advance(live.endsAt - 1 - f.clock.nowMs());
        const bidder = await f.client(b!.token);
        const end = new Date(live.endsAt);
        const [ack, push] = await Promise.all([
          bidder.ask<Ack>('bid', { auctionId: live.auctionId, amount: '705000.00', clientBidId: `close-race-${round}` }),
          round === 0 ? closeAuction(f.ctx, live.auctionId, end) : sleep([0, 1, 3, 80][round]!).then(() => closeAuction(f.ctx, live.auctionId, end)),
        ]);
        push?.();
        const [row] = await f.ctx.db.select().from(auctions).where(eq(auctions.id, live.auctionId));
        const log = await f.logOf(live.auctionId);
        if (ack.ok) {
          outcomes.push('bid first');
          expect(push, 'the close must find the end moved').to.equal(undefined);
          expect(ack).to.include({ extended: true, leading: true });
          expect(row!.status).to.equal('live');
          expect(row!.biddingEndsAt.getTime()).to.equal(live.endsAt - 1 + 5 * MINUTE);
          expect(log.map((x) => x.amount)).to.deep.equal(['700000.00', '705000.00']);
          expect(await f.salesOf(live.auctionId)).to.equal(0);
          await sleep(200);
          expect(watcher.of('closed')).to.deep.equal([]);
          // The moved end comes; then it closes once, sold to the late bid.
          await f.advance(row!.biddingEndsAt.getTime() - f.clock.nowMs());
          expect((await runAuctionJobs(f.ctx, f.clock.now())).closed).to.equal(1);
          const closed = await watcher.waitFor('closed');
          expect(closed).to.include({ outcome: 'sold', price: '705000.00', winnerCode: live.codes[1], seq: 2 });
        } else {
          outcomes.push('close first');
          expect(push, 'the close happened').to.be.a('function');
          expect(ack.error.code).to.equal('AUCTION_NOT_LIVE');
          expect(row!.status).to.equal('sold');
          expect(log.map((x) => x.amount)).to.deep.equal(['700000.00']);
          const closed = await watcher.waitFor('closed');
          expect(closed).to.include({ outcome: 'sold', price: '700000.00', winnerCode: live.codes[0], seq: 1 });
        }
        await sleep(200);
        expect(watcher.of('closed')).to.have.length(1);
        expect(await f.salesOf(live.auctionId)).to.equal(1);
        expect(await f.auditCount(live.auctionId, 'auction.sold')).to.equal(1);
        f.closeClients();
      }
      // Which side won is up to the scheduler; the invariants above hold either way.
      expect(outcomes).to.have.length(4);
    });
  });
});
