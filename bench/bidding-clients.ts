/**
 * The bidders of `npm run bench:bidding`: real socket.io clients on the live namespace, signed in with a session
 * token. Each joins its auction's room (so it sees every `bid` event) and, until the deadline, bids the highest price
 * it has seen (events, its own acks, the `leading` of a refusal) plus 1 to 20 increments, sending the next bid as
 * soon as the previous one is answered. A refusal by the rules (too low, off the increment) counts as decided.
 */
import { io, type Socket } from 'socket.io-client';
import { LIVE_NAMESPACE, type BidAckOk, type LiveAck, type LiveBidEvent, type LiveState } from '../shared/live-auction';
import { cents, money, type SeededAuction } from './bidding-seed';

/** The engine's refusals by the bidding rules: decided under the lock like an accepted bid. */
export const RULE_REFUSALS = new Set(['BID_TOO_LOW', 'BID_NOT_ON_INCREMENT']);

export interface BidStats {
  accepted: number;
  refused: number;
  /** Answers that were neither (rate limits, timeouts, errors), by code. */
  other: Record<string, number>;
  /** Ack latencies in ms (every bid, whatever the answer). */
  latencies: number[];
}

export const newStats = (): BidStats => ({ accepted: 0, refused: 0, other: {}, latencies: [] });

/** Connects one client to the live namespace (its own connection, no reconnection). */
export async function connectLive(url: string, token?: string): Promise<Socket> {
  const socket = io(`${url}${LIVE_NAMESPACE}`, { auth: token ? { token } : {}, transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Connects `count` clients, at most `parallel` handshakes at a time. */
export async function connectMany<T>(count: number, parallel: number, one: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await one(i);
      }
    }),
  );
  return out;
}

export class LiveBidder {
  /** The highest price seen, in cents; null before the first bid. */
  private priceCents: number | null = null;
  private n = 0;

  /** The prefix of this bidder's clientBidIds (letters, digits, - and _ only). */
  private readonly name: string;

  constructor(
    readonly socket: Socket,
    readonly auction: SeededAuction,
    name: string,
  ) {
    this.name = name.replace(/[^\w-]/g, '_');
    socket.on('bid', (e: LiveBidEvent) => this.see(e.price));
  }

  private see(price: string | null | undefined): void {
    if (!price) return;
    const c = cents(price);
    if (this.priceCents === null || c > this.priceCents) this.priceCents = c;
  }

  async join(): Promise<LiveState> {
    const ack = (await this.socket.timeout(30_000).emitWithAck('join', { auctionId: this.auction.id })) as LiveAck;
    if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack.error)}`);
    const state = ack.state as LiveState;
    this.see(state.price);
    return state;
  }

  /** The amount this bidder would bid now: the price seen plus `steps` increments (the starting price upward when none). */
  amount(steps: number): string {
    const { startingCents, incrementCents } = this.auction;
    return money(this.priceCents === null ? startingCents + (steps - 1) * incrementCents : this.priceCents + steps * incrementCents);
  }

  /** One bid; records the answer and its latency. */
  async bid(amount: string, stats: BidStats): Promise<boolean> {
    const t0 = performance.now();
    let ack: LiveAck;
    try {
      ack = (await this.socket.timeout(30_000).emitWithAck('bid', { auctionId: this.auction.id, amount, clientBidId: `${this.name}-${++this.n}` })) as LiveAck;
    } catch {
      stats.latencies.push(performance.now() - t0);
      stats.other.TIMEOUT = (stats.other.TIMEOUT ?? 0) + 1;
      return false;
    }
    stats.latencies.push(performance.now() - t0);
    if (ack.ok) {
      stats.accepted++;
      this.see((ack as unknown as BidAckOk).auction.price);
      return true;
    }
    if (RULE_REFUSALS.has(ack.error.code)) {
      stats.refused++;
      this.see((ack.error.details as { leading?: string | null } | undefined)?.leading);
    } else stats.other[ack.error.code] = (stats.other[ack.error.code] ?? 0) + 1;
    return false;
  }

  /** Bids back to back (the next as soon as the previous is answered) until `until` (performance.now()). */
  async run(until: number, stats: BidStats): Promise<void> {
    while (performance.now() < until) await this.bid(this.amount(1 + Math.floor(Math.random() * 20)), stats);
  }
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = Float64Array.from(xs).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
