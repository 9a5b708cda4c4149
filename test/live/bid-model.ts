/**
 * A model of the bidding engine's decisions for the property tests: requests decided in arrival order against the
 * state the previous ones left, with the pure rules of shared/auction-rules (as BidEngine's transaction does), and a
 * replay of a stored log as plain bids. Amounts in fen (bigint) so that the test's own arithmetic is exact.
 */
import fc from 'fast-check';
import { checkBidAmount, extendEnd, nextMinimumBid, proxyBids, type Bid, type ProxyMax } from '../../shared/auction-rules';
import { compareMoney, formatMoney } from '../../shared/money';

export const MINUTE = 60_000;
export const fen = (n: bigint) => formatMoney(`${n / 100n}.${String(n % 100n).padStart(2, '0')}`);
export const toFen = (s: string) => BigInt(formatMoney(s).replace('.', ''));

export interface Terms {
  startingPrice: string;
  increment: string;
}

export interface LoggedBid extends Bid {
  seq: number;
  registrationId: string;
  auto: boolean;
}

export interface State {
  bids: LoggedBid[];
  leader: LoggedBid | null;
  endsAt: Date;
  proxies: ProxyMax[];
  /** Per request: the amount (or maximum) it named, and whether it was taken, or why not. */
  decisions: { amount: string | null; outcome: 'accepted' | 'not_live' | 'amount' | 'proxy_not_enabled' | 'proxy_too_low' }[];
}

export type Request = { bidder: number; dt: number; kind: 'bid'; steps: number; offFen: number } | { bidder: number; dt: number; kind: 'proxy'; steps: number };

export const termsArb: fc.Arbitrary<Terms> = fc
  .record({ start: fc.bigInt({ min: 1n, max: 100_000_000n }), inc: fc.bigInt({ min: 1n, max: 1_000_000n }) })
  .map(({ start, inc }) => ({ startingPrice: fen(start), increment: fen(inc) }));

/** Requests close together near the end (so that extensions and refusals at the end happen often). */
export const requestArb: fc.Arbitrary<Request> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ bidder: fc.nat(5), dt: fc.integer({ min: 0, max: 4 * MINUTE }), kind: fc.constant('bid' as const), steps: fc.integer({ min: -1, max: 3 }), offFen: fc.constantFrom(0, 0, 0, 1) }) },
  { weight: 1, arbitrary: fc.record({ bidder: fc.nat(5), dt: fc.integer({ min: 0, max: 4 * MINUTE }), kind: fc.constant('proxy' as const), steps: fc.integer({ min: 0, max: 12 }) }) },
);

/** Bidder 5 holds a priority right of rank 1 (网拍 Art. 19); the others are ordinary bidders. */
export const rankOf = (bidder: number) => (bidder === 5 ? 1 : null);

/** The amount a request names: `steps` increments over the leading amount (or the starting price), plus `offFen`. */
export function amountOf(terms: Terms, leader: Bid | null, steps: number, offFen: number): string {
  const base = leader ? toFen(leader.amount) : toFen(terms.startingPrice);
  const amount = base + BigInt(steps) * toFen(terms.increment) + BigInt(offFen);
  return fen(amount < 1n ? 1n : amount);
}

/** Decides the requests in order, like the engine's transaction does for a group. */
export function fold(terms: Terms, startsAt: number, endsAt: number, requests: Request[], proxyBidding: boolean): State {
  const s: State = { bids: [], leader: null, endsAt: new Date(endsAt), proxies: [], decisions: [] };
  let t = startsAt;
  const place = (registrationId: string, rank: number | null, amount: string, at: Date, auto: boolean) => {
    const b: LoggedBid = { seq: s.bids.length + 1, registrationId, priorityRank: rank, amount, at, auto };
    s.bids.push(b);
    s.leader = b;
    s.endsAt = extendEnd(s.endsAt, at);
  };
  for (const r of requests) {
    t += r.dt;
    const at = new Date(t);
    if (at.getTime() >= s.endsAt.getTime()) {
      s.decisions.push({ amount: null, outcome: 'not_live' });
      continue;
    }
    const reg = `r${r.bidder}`;
    const rank = rankOf(r.bidder);
    if (r.kind === 'bid') {
      const amount = amountOf(terms, s.leader, r.steps, r.offFen);
      const ok = checkBidAmount(terms, s.leader, rank, amount).ok;
      s.decisions.push({ amount, outcome: ok ? 'accepted' : 'amount' });
      if (!ok) continue;
      place(reg, rank, amount, at, false);
    } else {
      const max = amountOf(terms, s.leader, r.steps, 0);
      if (!proxyBidding) {
        s.decisions.push({ amount: max, outcome: 'proxy_not_enabled' });
        continue;
      }
      // As the engine: a maximum below the least bid allowed now (or the bidder's own leading bid) is refused.
      const leads = s.leader?.registrationId === reg;
      const least = leads ? s.leader!.amount : formatMoney(nextMinimumBid(terms, s.leader, null));
      if (compareMoney(max, least) < 0) {
        s.decisions.push({ amount: max, outcome: 'proxy_too_low' });
        continue;
      }
      s.decisions.push({ amount: max, outcome: 'accepted' });
      const proxy: ProxyMax = { registrationId: reg, bidderCode: reg, priorityRank: rank, max, setAt: at };
      s.proxies = [...s.proxies.filter((p) => p.registrationId !== reg), proxy];
    }
    for (const auto of proxyBids(terms, s.leader, s.proxies)) place(auto.registrationId, auto.priorityRank, auto.amount, at, true);
  }
  return s;
}

/** Replays a stored log as plain bids: every one must be accepted again, and the state must come out the same. */
export function replay(terms: Terms, endsAt: number, log: LoggedBid[]): { leader: Bid | null; endsAt: Date; refused: number } {
  let leader: Bid | null = null;
  let end = new Date(endsAt);
  let refused = 0;
  for (const b of log) {
    if (b.at.getTime() >= end.getTime() || !checkBidAmount(terms, leader, b.priorityRank, b.amount).ok) {
      refused++;
      continue;
    }
    leader = b;
    end = extendEnd(end, b.at);
  }
  return { leader, endsAt: end, refused };
}

