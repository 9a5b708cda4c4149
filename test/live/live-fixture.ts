/**
 * What the live-room tests share: the bidding fixture (real app, fake clock) plus live auctions with qualified
 * bidders, and real socket.io clients on the `/auctions` namespace that record every event they receive.
 */
import { expect } from 'chai';
import { count, eq } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { LIVE_NAMESPACE, type LiveAck } from '../../shared/live-auction';
import { auctionBids, auctionSales } from '../../server/modules/auctions/bidding.tables';
import { auditLog } from '../../server/modules/audit/audit.tables';
import { startBiddingFixture, type Bidder, type BiddingFixture } from '../auctions/bidding-fixture';

export { MINUTE, HOUR, DAY, type Bidder } from '../auctions/bidding-fixture';

export interface Recorded {
  event: string;
  payload: Record<string, unknown>;
  /** Real receipt time (performance.now()). */
  at: number;
}

/** A socket.io client of the live namespace that records what it receives. */
export interface LiveClient {
  socket: Socket;
  events: Recorded[];
  /** Emits with an acknowledgement; rejects when none comes within `ms`. */
  ask<T = LiveAck>(event: string, payload?: unknown, ms?: number): Promise<T>;
  /** The events of one kind received so far. */
  of(event: string): Record<string, unknown>[];
  /** Resolves with the first event (already received or to come) of this kind that passes `test`. */
  waitFor(event: string, test?: (p: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
  close(): void;
}

/** Connects to `${url}/auctions`, with the session token in `auth` when given; resolves once connected. */
export async function liveClient(url: string, token?: string, options: { reconnection?: boolean } = {}): Promise<LiveClient> {
  const socket = connect(`${url}${LIVE_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    forceNew: true,
    timeout: 10_000,
    ...(token ? { auth: { token } } : {}),
  });
  const events: Recorded[] = [];
  const waiters: (() => void)[] = [];
  socket.onAny((event: string, payload: Record<string, unknown>) => {
    events.push({ event, payload, at: performance.now() });
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(new Error(`could not connect to ${url}${LIVE_NAMESPACE}: ${err.message}`)));
  });
  const client: LiveClient = {
    socket,
    events,
    ask: <T>(event: string, payload?: unknown, ms = 15_000) => socket.timeout(ms).emitWithAck(event, payload) as Promise<T>,
    of: (event) => events.filter((e) => e.event === event).map((e) => e.payload),
    waitFor(event, test = () => true, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no '${event}' within ${ms} ms (got: ${events.map((e) => e.event).join(', ')})`)), ms);
        const check = () => {
          const found = events.find((e) => e.event === event && test(e.payload));
          if (found) {
            clearTimeout(timer);
            resolve(found.payload);
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () => void socket.close(),
  };
  return client;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LiveAuction {
  auctionId: string;
  caseId: string;
  /** The scheduled end when bidding started (epoch ms). */
  endsAt: number;
  bidders: Bidder[];
  codes: string[];
}

export interface LiveFixture extends BiddingFixture {
  /** A real-estate auction (starting 700000.00, increment 5000.00) with `n` qualified bidders, made live. */
  liveAuction(n: number, overrides?: Record<string, unknown>): Promise<LiveAuction>;
  /** A live client on this app, closed with the fixture. */
  client(token?: string): Promise<LiveClient>;
  /** The auction's bids in the log, by seq. */
  logOf(auctionId: string): Promise<(typeof auctionBids.$inferSelect)[]>;
  salesOf(auctionId: string): Promise<number>;
  auditCount(auctionId: string, action: string): Promise<number>;
  closeClients(): void;
}

export async function startLiveFixture(): Promise<LiveFixture> {
  const f = await startBiddingFixture();
  const clients: LiveClient[] = [];
  const fixture: LiveFixture = Object.assign(f, {
    async liveAuction(n: number, overrides: Record<string, unknown> = {}) {
      const { auctionId, caseId, startsAt, endsAt } = await f.announced(overrides);
      const bidders: Bidder[] = [];
      const codes: string[] = [];
      // In small batches: each bidder signs up, registers and pays the deposit at the simulated bank.
      for (let i = 0; i < n; i += 10) {
        const batch = await Promise.all(Array.from({ length: Math.min(10, n - i) }, () => f.bidder()));
        const batchCodes = await Promise.all(batch.map((b) => f.qualify(b, auctionId)));
        bidders.push(...batch);
        codes.push(...batchCodes);
      }
      await f.at(startsAt - f.clock.nowMs());
      expect((await f.view(auctionId)).status).to.equal('live');
      return { auctionId, caseId, endsAt, bidders, codes };
    },
    async client(token?: string) {
      const c = await liveClient(f.t.url, token);
      clients.push(c);
      return c;
    },
    logOf: (auctionId: string) => f.ctx.db.select().from(auctionBids).where(eq(auctionBids.auctionId, auctionId)).orderBy(auctionBids.seq),
    async salesOf(auctionId: string) {
      const [row] = await f.ctx.db.select({ n: count() }).from(auctionSales).where(eq(auctionSales.auctionId, auctionId));
      return Number(row!.n);
    },
    async auditCount(auctionId: string, action: string) {
      const rows = await f.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, auctionId));
      return rows.filter((r) => r.action === action).length;
    },
    closeClients() {
      for (const c of clients.splice(0)) c.close();
    },
  });
  const close = f.close.bind(f);
  fixture.close = async () => {
    fixture.closeClients();
    await close();
  };
  return fixture;
}
