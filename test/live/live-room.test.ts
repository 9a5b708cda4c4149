/**
 * The live room over real socket.io clients (namespace `/auctions`): joins, watcher counts, ticks, codes only,
 * resync after a reconnect, refusals of bad messages, and idempotent client bid ids over socket and HTTP.
 */
import { expect } from 'chai';
import request from 'supertest';
import type { BidAckOk, LiveState } from '../../shared/live-auction';
import { TICK_MS } from '../../server/modules/auctions/live-room';
import { bearer } from '../helpers/http';
import { sleep, startLiveFixture, type LiveAuction, type LiveFixture } from './live-fixture';

type Refusal = { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } };
type JoinAck = { ok: true; state: LiveState };
type SyncAck = { ok: true; state: Omit<LiveState, 'bids'>; bids: LiveState['bids']; complete: boolean };

describe('live room: watchers, ticks, resync, refusals and idempotent bids (/auctions)', function () {
  this.timeout(120_000);
  let f: LiveFixture;
  let live: LiveAuction;
  let auctionId: string;
  let price = 0;
  /** The next amount above the leading one (increment 5000.00). */
  const next = () => {
    price = price === 0 ? 700_000 : price + 5_000;
    return `${price}.00`;
  };

  before(async () => {
    f = await startLiveFixture();
    live = await f.liveAuction(4);
    auctionId = live.auctionId;
  });
  afterEach(() => f.closeClients());
  after(async () => {
    await f?.close();
  });

  it('when watchers join, then each gets the state with serverNow and endsAt, and the watcher count reflects the joins', async () => {
    const w1 = await f.client();
    const first = await w1.ask<JoinAck>('join', { auctionId });
    expect(first.ok).to.equal(true);
    expect(first.state).to.include({ auctionId, status: 'live', seq: 0, watchers: 1, serverNow: f.clock.nowMs(), endsAt: live.endsAt, startingPrice: '700000.00', increment: '5000.00' });
    expect(first.state.me).to.equal(null);
    const w2 = await f.client(live.bidders[0]!.token);
    const second = await w2.ask<JoinAck>('join', { auctionId });
    expect(second.state.watchers).to.equal(2);
    expect(second.state.me).to.deep.equal({ bidderCode: live.codes[0], priorityRank: null });
    const w3 = await f.client();
    expect((await w3.ask<JoinAck>('join', { auctionId })).state.watchers).to.equal(3);
    // Leaving lowers the count the next joiner sees.
    expect(await w3.ask('leave', { auctionId })).to.deep.equal({ ok: true });
    w2.close();
    await sleep(100);
    const w4 = await f.client();
    expect((await w4.ask<JoinAck>('join', { auctionId })).state.watchers).to.equal(2);
  });

  it(`when a watcher stays, then ticks arrive at least every 5 s (TICK_MS ${TICK_MS}) with serverNow, endsAt, seq and the watcher count`, async () => {
    const w = await f.client();
    await w.ask('join', { auctionId });
    const joinedAt = performance.now();
    const first = await w.waitFor('tick', undefined, 5_500);
    const firstAt = w.events.find((e) => e.event === 'tick')!.at;
    expect(firstAt - joinedAt).to.be.below(5_000);
    await w.waitFor('tick', () => w.of('tick').length >= 2, 5_500);
    const ticks = w.events.filter((e) => e.event === 'tick');
    expect(ticks[1]!.at - ticks[0]!.at).to.be.below(5_000);
    for (const t of ticks.map((x) => x.payload)) {
      expect(t).to.include({ auctionId, status: 'live', endsAt: live.endsAt, serverNow: f.clock.nowMs(), seq: 0, watchers: 1 });
      expect(Object.keys(t).sort()).to.deep.equal(['auctionId', 'endsAt', 'seq', 'serverNow', 'status', 'watchers']);
    }
    expect(first.serverNow).to.be.a('number');
  });

  it('when bids are placed, then watchers get them in order, with bidder codes only (no user ids, usernames or names)', async () => {
    const w = await f.client();
    await w.ask('join', { auctionId });
    const [a, b] = live.bidders;
    const bidderA = await f.client(a!.token);
    const placed = await bidderA.ask<BidAckOk>('bid', { auctionId, amount: next(), clientBidId: 'room-1' });
    expect(placed.ok, JSON.stringify(placed)).to.equal(true);
    expect(placed).to.include({ replayed: false, leading: true, extended: false });
    expect(placed.bid).to.include({ seq: 1, bidderCode: live.codes[0], amount: '700000.00', auto: false, priority: false, at: f.clock.nowMs() });
    const http = await request(f.t.url).post(`/api/auctions/${auctionId}/bids`).set(bearer(b!.token)).send({ amount: next() });
    expect(http.status, JSON.stringify(http.body)).to.equal(201);
    await w.waitFor('bid', (p) => p.seq === 2);
    const events = w.of('bid');
    expect(events.map((e) => (e.bid as { seq: number }).seq)).to.deep.equal([1, 2]);
    expect(events[1]).to.include({ seq: 2, price: '705000.00', leaderCode: live.codes[1], endsAt: live.endsAt, serverNow: f.clock.nowMs() });
    const text = JSON.stringify([...w.events, placed, http.body]);
    for (const who of live.bidders) {
      expect(text).to.not.contain(who.id).and.to.not.contain(who.username).and.to.not.contain(who.name).and.to.not.contain(who.idNumber);
    }
    expect(text).to.not.match(/userId|registrationId|username|idNumber/);
  });

  it('when a watcher disconnects and bids happen, then after reconnecting `sync { afterSeq }` returns exactly the bids it missed', async () => {
    const w = await f.client();
    const joined = await w.ask<JoinAck>('join', { auctionId });
    const lastSeen = joined.state.seq;
    w.socket.disconnect();
    const placed: string[] = [];
    for (let i = 0; i < 3; i++) {
      const who = live.bidders[i % 2 === 0 ? 2 : 3]!;
      const amount = next();
      const res = await f.bid(who, auctionId, amount);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      placed.push(amount);
    }
    const again = await f.client();
    const synced = await again.ask<SyncAck>('sync', { auctionId, afterSeq: lastSeen });
    expect(synced.ok).to.equal(true);
    expect(synced.complete).to.equal(true);
    expect(synced.bids.map((b) => b.seq)).to.deep.equal([lastSeen + 1, lastSeen + 2, lastSeen + 3]);
    expect(synced.bids.map((b) => b.amount)).to.deep.equal(placed);
    expect(synced.bids.map((b) => b.bidderCode)).to.deep.equal([live.codes[2], live.codes[3], live.codes[2]]);
    expect(synced.state).to.include({ seq: lastSeen + 3, price: placed[2], leaderCode: live.codes[2] });
    expect(synced.state).to.not.have.property('bids');
    // Nothing missed: an empty answer.
    const none = await again.ask<SyncAck>('sync', { auctionId, afterSeq: lastSeen + 3 });
    expect(none.bids).to.deep.equal([]);
  });

  it('when a client sends an unknown event, or an invalid payload, then it gets UNKNOWN_EVENT or VALIDATION_FAILED, and nothing changes', async () => {
    const bidder = await f.client(live.bidders[0]!.token);
    const before = await f.state();
    const unknown = await bidder.ask<Refusal>('frobnicate', { auctionId });
    expect(unknown.ok).to.equal(false);
    expect(unknown.error.code).to.equal('UNKNOWN_EVENT');
    const invalid: [string, unknown][] = [
      ['join', { auctionId: 'not-a-uuid' }],
      ['join', null],
      ['sync', { auctionId, afterSeq: -1 }],
      ['sync', { auctionId, afterSeq: 1, extra: true }],
      ['bid', { auctionId, amount: 'lots', clientBidId: 'v-1' }],
      ['bid', { auctionId, amount: '800000.00', clientBidId: 'has spaces' }],
      ['bid', { auctionId, amount: 800000, clientBidId: 'v-2' }],
      ['proxy', { auctionId, max: 'much' }],
    ];
    for (const [event, payload] of invalid) {
      const res = await bidder.ask<Refusal>(event, payload);
      expect(res.ok, `${event} ${JSON.stringify(payload)}`).to.equal(false);
      expect(res.error.code, `${event} ${JSON.stringify(payload)}`).to.equal('VALIDATION_FAILED');
    }
    expect(await f.state()).to.deep.equal(before);
  });

  it('when an anonymous watcher sends `bid` or `proxy`, then it gets UNAUTHENTICATED and nothing is placed', async () => {
    const w = await f.client();
    const before = await f.state();
    const bid = await w.ask<Refusal>('bid', { auctionId, amount: '900000.00', clientBidId: 'anon-1' });
    expect(bid.ok).to.equal(false);
    expect(bid.error.code).to.equal('UNAUTHENTICATED');
    const proxy = await w.ask<Refusal>('proxy', { auctionId, max: '900000.00' });
    expect(proxy.error.code).to.equal('UNAUTHENTICATED');
    expect(await f.state()).to.deep.equal(before);
  });

  describe('idempotent client bid ids', () => {
    it('when the same clientBidId is sent twice over the socket, then the second answer is the first result (replayed) and one bid is placed', async () => {
      const bidder = await f.client(live.bidders[0]!.token);
      const amount = next();
      const first = await bidder.ask<BidAckOk>('bid', { auctionId, amount, clientBidId: 'same-socket-1' });
      expect(first.ok, JSON.stringify(first)).to.equal(true);
      expect(first.replayed).to.equal(false);
      const logBefore = await f.logOf(auctionId);
      const second = await bidder.ask<BidAckOk>('bid', { auctionId, amount, clientBidId: 'same-socket-1' });
      expect(second.ok, JSON.stringify(second)).to.equal(true);
      expect(second.replayed).to.equal(true);
      expect(second.bid).to.deep.equal(first.bid);
      expect(await f.logOf(auctionId)).to.deep.equal(logBefore);
      expect(logBefore.filter((b) => b.clientBidId === 'same-socket-1')).to.have.length(1);
    });

    it('when the same clientBidId is sent twice at once, then exactly one bid is placed and both answers name it', async () => {
      const bidder = await f.client(live.bidders[1]!.token);
      const amount = next();
      const [x, y] = await Promise.all([
        bidder.ask<BidAckOk>('bid', { auctionId, amount, clientBidId: 'same-at-once' }),
        bidder.ask<BidAckOk>('bid', { auctionId, amount, clientBidId: 'same-at-once' }),
      ]);
      expect(x.ok && y.ok, JSON.stringify([x, y])).to.equal(true);
      expect([x.replayed, y.replayed].sort()).to.deep.equal([false, true]);
      expect(x.bid).to.deep.equal(y.bid);
      expect((await f.logOf(auctionId)).filter((b) => b.clientBidId === 'same-at-once')).to.have.length(1);
    });

    it('when the same Idempotency-Key is sent twice over HTTP, or as a socket clientBidId, then the first result comes back (replayed) and one bid is placed', async () => {
      const who = live.bidders[2]!;
      const amount = next();
      const post = () => request(f.t.url).post(`/api/auctions/${auctionId}/bids`).set(bearer(who.token)).set('Idempotency-Key', 'http-key-1').send({ amount });
      const first = await post();
      expect(first.status, JSON.stringify(first.body)).to.equal(201);
      expect(first.body.replayed).to.equal(false);
      const logBefore = await f.logOf(auctionId);
      const second = await post();
      expect(second.status, JSON.stringify(second.body)).to.equal(201);
      expect(second.body.replayed).to.equal(true);
      expect(second.body).to.include({ seq: first.body.seq, amount: first.body.amount, at: first.body.at, bidderCode: first.body.bidderCode });
      // The same id over the socket is the same bid: the id belongs to the bidder, not to the transport.
      const socket = await f.client(who.token);
      const viaSocket = await socket.ask<BidAckOk>('bid', { auctionId, amount, clientBidId: 'http-key-1' });
      expect(viaSocket.ok, JSON.stringify(viaSocket)).to.equal(true);
      expect(viaSocket.replayed).to.equal(true);
      expect(viaSocket.bid!.seq).to.equal(first.body.seq);
      expect(await f.logOf(auctionId)).to.deep.equal(logBefore);
    });

    it('when a refused clientBidId is retried, even after the state changed, then the same refusal comes back and nothing is placed', async () => {
      const who = live.bidders[3]!;
      const socket = await f.client(who.token);
      const low = '700000.00';
      const first = await socket.ask<Refusal>('bid', { auctionId, amount: low, clientBidId: 'refused-1' });
      expect(first.ok).to.equal(false);
      expect(first.error.code).to.equal('BID_TOO_LOW');
      const logBefore = await f.logOf(auctionId);
      const again = await socket.ask<Refusal>('bid', { auctionId, amount: low, clientBidId: 'refused-1' });
      expect(again).to.deep.equal(first);
      // Over HTTP with the same key: the same refusal.
      const http = await request(f.t.url).post(`/api/auctions/${auctionId}/bids`).set(bearer(who.token)).set('Idempotency-Key', 'refused-1').send({ amount: low });
      expect(http.status).to.equal(422);
      expect(http.body.error).to.include({ code: 'BID_TOO_LOW', message: first.error.message });
      expect(http.body.error.details).to.deep.equal(first.error.details);
      expect(await f.logOf(auctionId)).to.deep.equal(logBefore);
      // Another bid moves the price; the retried id still answers with its first refusal.
      expect((await f.bid(live.bidders[0]!, auctionId, next())).status).to.equal(201);
      const later = await socket.ask<Refusal>('bid', { auctionId, amount: low, clientBidId: 'refused-1' });
      expect(later).to.deep.equal(first);
      expect((await f.logOf(auctionId)).filter((b) => b.clientBidId === 'refused-1')).to.deep.equal([]);
    });
  });

  describe('rate limits', () => {
    it('when one socket sends more bids a second than BID_RATE_PER_SEC, then the excess gets RATE_LIMITED with retryAfterMs', async () => {
      const rate = f.t.config.bidRatePerSec;
      const socket = await f.client(live.bidders[1]!.token);
      const before = await f.logOf(auctionId);
      // Amounts below the minimum: the ones the limit lets through are refused by the rules, so nothing is placed.
      const answers = await Promise.all(Array.from({ length: rate * 2 + 2 }, (_, i) => socket.ask<Refusal>('bid', { auctionId, amount: '700000.00', clientBidId: `burst-${i}` })));
      const limited = answers.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED');
      expect(limited.length, JSON.stringify(answers.map((a) => a.ok || a.error.code))).to.be.at.least(rate + 1);
      expect(limited[0]!.error.details!.retryAfterMs).to.be.a('number').and.above(0);
      for (const a of answers) expect(a.ok === false && ['RATE_LIMITED', 'BID_TOO_LOW'].includes(a.error.code)).to.equal(true);
      expect(await f.logOf(auctionId)).to.deep.equal(before);
    });
  });
});
