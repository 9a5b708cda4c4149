/**
 * The bidding engine: every bid and proxy maximum of an auction goes through `submit`, which queues it behind the
 * auction's other pending bids in this process and decides them in small groups, one transaction per group that
 * locks the auction's row (ARCHITECTURE invariant 1: the row lock is the serialisation point across processes; the
 * queue only cuts contention for it inside one). In the transaction, each request is decided in arrival order against
 * the state the previous ones left, with the pure rules of shared/auction-rules (网拍 Art. 20, 21; proxy bidding);
 * the accepted bids are numbered, inserted together, the end moved (Art. 20), the auction's row updated, and one audit
 * record lists them (invariant 7). The answers and the room's events go out after the commit (invariant 2).
 */
import { randomUUID } from 'node:crypto';
import { checkBidAmount, extendEnd, nextMinimumBid, proxyBids, type ProxyMax } from '../../../shared/auction-rules';
import type { LiveBid, LiveSnapshot } from '../../../shared/live-auction';
import { compareMoney, formatMoney } from '../../../shared/money';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError, notFound } from '../../platform/errors';
import { RateLimiter } from '../../platform/rate-limit';
import { SYSTEM_ACTOR } from '../../platform/actor';
import { recordAudit } from '../audit';
import { publicRoomOf } from './auction-events';
import { auctionById, auctionForUpdate, setBiddingState, type AuctionRow } from './auction.store';
import { isPublic } from './auction-view';
import { bidById, bidsByClientIds, insertBids, proxiesOf, registrationOf, upsertProxy, type BidRow, type RegistrationRow } from './bidding.store';

export type BidRequest = { kind: 'bid'; amount: string; clientBidId: string | null } | { kind: 'proxy'; max: string };

export interface Decision {
  /** The bidder's own bid (for a proxy maximum: the last bid the engine placed for it, if any). */
  bid: LiveBid | null;
  /** Whether the same clientBidId had been decided before: nothing new was placed. */
  replayed: boolean;
  leading: boolean;
  extended: boolean;
  auction: LiveSnapshot;
  /** For a proxy maximum: the maximum now in force. */
  proxyMax?: string;
}

interface Pending {
  actor: Actor;
  registration: RegistrationRow;
  request: BidRequest;
  at: Date;
  resolve(d: Decision): void;
  reject(e: unknown): void;
}

const GROUP_MAX = 64;

const toLive = (b: BidRow): LiveBid => ({ seq: b.seq, bidderCode: b.bidderCode, priority: b.priorityRank !== null, amount: formatMoney(b.amount), at: b.at.getTime(), auto: b.auto });

export class BidEngine {
  private readonly queues = new Map<string, Pending[]>();
  private readonly running = new Set<string>();
  /** Refusals by (registration, clientBidId), so that a retried id gets its first answer. Bounded. */
  private readonly refusals = new Map<string, AppError>();
  /** Qualified registrations by `auction:user`: once qualified, a registration stays so while bidding lasts. Bounded. */
  private readonly qualified = new Map<string, RegistrationRow>();
  /** The leading bid each auction had after this process's last group. Bid rows never change, so the one the row names is used as is. Bounded. */
  private readonly leaders = new Map<string, BidRow>();
  /** Called after each committed group with the new end (the close timer follows it). */
  onEndsAt: (auctionId: string, endsAt: Date) => void = () => undefined;

  private readonly rate: RateLimiter;

  constructor(
    private readonly ctx: AppContext,
    options: { bidRatePerSec: number },
  ) {
    this.rate = new RateLimiter(options.bidRatePerSec);
  }

  /**
   * Decides one request of a qualified bidder. The receipt time is read here, before any queueing (网拍 Art. 20 para
   * 2: the server's time of receipt). Throws AppError with the rule's code on refusal.
   */
  async submit(actor: Actor, auctionId: string, request: BidRequest): Promise<Decision> {
    const at = this.ctx.clock.now();
    const wait = actor.userId ? this.rate.take(`${actor.userId}:${auctionId}`) : 0;
    if (wait > 0) throw new AppError('RATE_LIMITED', `出价过于频繁，请${wait}毫秒后再试 / Too many bids; try again in ${wait} ms`, { retryAfterMs: wait });
    // A bidder already known qualified here needs no read before the queue: a qualified registration exists only for a
    // published auction, and publication is never undone; the transaction reads the row under its lock anyway.
    let registration = actor.userId ? this.qualified.get(`${auctionId}:${actor.userId}`) : undefined;
    if (!registration) {
      const found = await auctionById(this.ctx.db, auctionId);
      if (!found || !isPublic(found)) throw notFound('auction', '拍卖');
      registration = actor.userId ? await this.registrationOf(auctionId, actor.userId) : undefined;
    }
    if (!registration || registration.depositState !== 'held' || !registration.bidderCode) {
      // A bidder who was qualified (has a code) but whose deposit the close has just refunded or applied: the auction
      // is over, and that is the answer (not NOT_QUALIFIED). Read after the registration: the close changes both in
      // one transaction, so a refund seen here means the closed status is seen too.
      if (registration?.bidderCode) {
        const now = await auctionById(this.ctx.db, auctionId);
        if (now && now.status !== 'live') throw notLive(now, now.biddingEndsAt);
      }
      throw new AppError('NOT_QUALIFIED', '交纳保证金并经确认后方取得竞买资格（网拍第17条、第18条） / Only a bidder whose deposit has been confirmed may bid (网拍 Art. 17, 18)');
    }
    if (request.kind === 'bid' && request.clientBidId) {
      const refused = this.refusals.get(`${registration.id}:${request.clientBidId}`);
      if (refused) throw refused;
    }
    return new Promise<Decision>((resolve, reject) => {
      const queue = this.queues.get(auctionId) ?? [];
      queue.push({ actor, registration, request, at, resolve, reject });
      this.queues.set(auctionId, queue);
      if (!this.running.has(auctionId)) void this.drain(auctionId);
    });
  }

  private async registrationOf(auctionId: string, userId: string): Promise<RegistrationRow | undefined> {
    const key = `${auctionId}:${userId}`;
    const cached = this.qualified.get(key);
    if (cached) return cached;
    const row = await registrationOf(this.ctx.db, auctionId, userId);
    if (row?.depositState === 'held' && row.bidderCode) {
      this.qualified.set(key, row);
      if (this.qualified.size > 50_000) this.qualified.delete(this.qualified.keys().next().value!);
    }
    return row;
  }

  private async drain(auctionId: string): Promise<void> {
    this.running.add(auctionId);
    try {
      for (;;) {
        const queue = this.queues.get(auctionId);
        if (!queue || queue.length === 0) {
          this.queues.delete(auctionId);
          return;
        }
        const group = queue.splice(0, GROUP_MAX);
        try {
          const { results, notify, endsAt, leader } = await this.decide(auctionId, group);
          if (leader) {
            this.leaders.delete(auctionId);
            this.leaders.set(auctionId, leader);
            if (this.leaders.size > 10_000) this.leaders.delete(this.leaders.keys().next().value!);
          }
          notify();
          this.onEndsAt(auctionId, endsAt);
          results.forEach((r, i) => {
            const p = group[i]!;
            if (r instanceof AppError) {
              if (p.request.kind === 'bid' && p.request.clientBidId) this.remember(`${p.registration.id}:${p.request.clientBidId}`, r);
              p.reject(r);
            } else p.resolve(r);
          });
        } catch (err) {
          // The transaction failed (the database, not a rule): nothing of the group committed; each is told.
          for (const p of group) p.reject(err);
        }
      }
    } finally {
      this.running.delete(auctionId);
    }
  }

  private remember(key: string, err: AppError): void {
    this.refusals.set(key, err);
    if (this.refusals.size > 10_000) this.refusals.delete(this.refusals.keys().next().value!);
  }

  /** One group, in one transaction under the auction's row lock. */
  private async decide(auctionId: string, group: Pending[]): Promise<{ results: (Decision | AppError)[]; notify: () => void; endsAt: Date; leader: BidRow | null }> {
    const { ctx } = this;
    return ctx.db.transaction(async (tx) => {
      const auction = await auctionForUpdate(tx, auctionId);
      if (!auction || !isPublic(auction)) return { results: group.map(() => notFound('auction', '拍卖')), notify: () => undefined, endsAt: auction?.biddingEndsAt ?? new Date(0), leader: null };
      const known = this.leaders.get(auctionId);
      let leader: BidRow | null = !auction.leadingBidId ? null : known?.id === auction.leadingBidId ? known : await bidById(tx, auction.leadingBidId);
      let seq = auction.bidSeq;
      let endsAt = auction.biddingEndsAt;
      const terms = { startingPrice: auction.startingPrice, increment: auction.increment };
      const earlier = await earlierByClientId(tx, group);
      const proxies = auction.proxyBidding ? await proxiesOf(tx, auctionId) : [];
      const changedProxies = new Map<string, ProxyMax>();
      const placed: BidRow[] = [];
      const byClientId = new Map<string, Decision>();

      const place = (registrationId: string, bidderCode: string, priorityRank: number | null, amount: string, at: Date, auto: boolean, clientBidId: string | null): BidRow => {
        const bid: BidRow = { id: randomUUID(), auctionId, registrationId, bidderCode, priorityRank, amount: formatMoney(amount), at, seq: ++seq, clientBidId, auto };
        placed.push(bid);
        leader = bid;
        endsAt = extendEnd(endsAt, at);
        return bid;
      };
      const snapshot = (): LiveSnapshot => ({
        auctionId,
        seq,
        price: leader ? formatMoney(leader.amount) : null,
        leaderCode: leader?.bidderCode ?? null,
        endsAt: endsAt.getTime(),
        serverNow: ctx.clock.nowMs(),
      });

      const results = group.map((p): Decision | AppError => {
        const reg = p.registration;
        const key = p.request.kind === 'bid' && p.request.clientBidId ? `${reg.id}:${p.request.clientBidId}` : null;
        if (key) {
          const stored = earlier.get(key);
          if (stored) return { bid: toLive(stored), replayed: true, leading: leader?.id === stored.id, extended: false, auction: snapshot() };
          const inGroup = byClientId.get(key);
          if (inGroup) return { ...inGroup, replayed: true };
        }
        // 网拍 Art. 20: only while live and before the end; the receipt time decides (invariant 4).
        if (auction.status !== 'live' || p.at.getTime() >= endsAt.getTime()) return notLive(auction, endsAt);
        const endBefore = endsAt.getTime();
        let own: BidRow | null = null;
        let proxyMax: string | undefined;
        if (p.request.kind === 'bid') {
          const amount = formatMoney(p.request.amount);
          const check = checkBidAmount(terms, leader, reg.priorityRank, amount);
          if (!check.ok) return bidRefusal(check.reason, amount, formatMoney(check.minimum), leader, auction.increment);
          own = place(reg.id, reg.bidderCode!, reg.priorityRank, amount, p.at, false, p.request.clientBidId);
        } else {
          if (!auction.proxyBidding) return new AppError('PROXY_NOT_ENABLED', '本场拍卖未开启代理出价 / Proxy bidding is not enabled in this auction');
          const max = formatMoney(p.request.max);
          const leads = leader?.registrationId === reg.id;
          const least = leads ? formatMoney(leader!.amount) : formatMoney(nextMinimumBid(terms, leader, null));
          if (compareMoney(max, least) < 0) {
            return new AppError('PROXY_TOO_LOW', `代理出价上限${max}元低于${leads ? '您当前的出价' : '当前最低可出价'}${least}元 / The proxy maximum ${max} is below ${leads ? 'your leading bid' : 'the least bid allowed now'}, ${least}`, { max, minimum: least });
          }
          const proxy: ProxyMax = { registrationId: reg.id, bidderCode: reg.bidderCode!, priorityRank: reg.priorityRank, max, setAt: p.at };
          const i = proxies.findIndex((x) => x.registrationId === reg.id);
          if (i >= 0) proxies[i] = proxy;
          else proxies.push(proxy);
          changedProxies.set(reg.id, proxy);
          proxyMax = max;
        }
        // The proxies answer in the same transaction, at the same receipt time (they extend the end like any bid).
        for (const auto of proxyBids(terms, leader, proxies)) {
          const b = place(auto.registrationId, auto.bidderCode, auto.priorityRank, auto.amount, p.at, true, null);
          if (auto.registrationId === reg.id) own = b;
        }
        const decision: Decision = { bid: own ? toLive(own) : null, replayed: false, leading: leader?.registrationId === reg.id, extended: endsAt.getTime() !== endBefore, auction: snapshot(), ...(proxyMax ? { proxyMax } : {}) };
        if (key) byClientId.set(key, decision);
        return decision;
      });

      if (placed.length > 0) {
        await insertBids(tx, placed);
        await setBiddingState(tx, auctionId, { bidSeq: seq, leadingBidId: leader!.id, biddingEndsAt: endsAt, updatedAt: ctx.clock.now() });
      }
      for (const p of changedProxies.values()) await upsertProxy(tx, auctionId, p);
      if (placed.length > 0 || changedProxies.size > 0) {
        // Not on the case's timeline: the bid log is public by codes only (网拍 Art. 18 para 2, 20 para 3). The
        // maxima are recorded (they decide auto-bids) but never published.
        await recordAudit(tx, ctx.clock, new Set(group.map((p) => p.actor.userId)).size === 1 ? group[0]!.actor : SYSTEM_ACTOR, {
          action: 'auction.bids_placed',
          entityType: 'auction',
          entityId: auctionId,
          data: {
            bids: placed.map((b) => ({ seq: b.seq, bidderCode: b.bidderCode, amount: b.amount, at: b.at.toISOString(), auto: b.auto })),
            proxies: [...changedProxies.values()].map((p) => ({ bidderCode: p.bidderCode, max: p.max, setAt: p.setAt.toISOString() })),
            biddingEndsAt: endsAt.toISOString(),
          },
        });
      }
      const final = snapshot();
      const room = publicRoomOf(auctionId);
      return {
        results,
        endsAt,
        leader,
        notify: () => {
          // Each bid as its own event, in order, each with the state after it (the last carries the final state).
          placed.forEach((b, i) => {
            const last = i === placed.length - 1;
            ctx.realtime.toPublic(room, 'bid', { ...final, bid: toLive(b), ...(last ? {} : { seq: b.seq, price: formatMoney(b.amount), leaderCode: b.bidderCode }) });
          });
        },
      };
    });
  }
}

function notLive(auction: AuctionRow, endsAt: Date): AppError {
  return new AppError(
    'AUCTION_NOT_LIVE',
    `该拍卖不在竞价期间（${auction.status}，竞价至${endsAt.toISOString()}）（网拍第20条） / This auction is not open for bids (${auction.status}, bidding until ${endsAt.toISOString()}) (网拍 Art. 20)`,
    { status: auction.status, biddingEndsAt: endsAt.toISOString() },
  );
}

function bidRefusal(reason: 'too_low' | 'off_increment', amount: string, min: string, leader: BidRow | null, increment: string): AppError {
  const details = { amount, minimum: min, leading: leader ? formatMoney(leader.amount) : null, increment: formatMoney(increment) };
  if (reason === 'off_increment') {
    return new AppError(
      'BID_NOT_ON_INCREMENT',
      `出价${amount}元须为当前最高价${formatMoney(leader!.amount)}元加增价幅度${formatMoney(increment)}元的整数倍（网拍第20条） / The bid ${amount} must be the leading ${formatMoney(leader!.amount)} plus a whole number of increments of ${formatMoney(increment)} (网拍 Art. 20)`,
      details,
    );
  }
  return new AppError(
    'BID_TOO_LOW',
    leader
      ? `出价${amount}元低于当前最高价${formatMoney(leader.amount)}元加增价幅度${formatMoney(increment)}元，最低${min}元（网拍第20条） / The bid ${amount} is below the leading ${formatMoney(leader.amount)} plus the increment ${formatMoney(increment)}: at least ${min} (网拍 Art. 20)`
      : `出价${amount}元低于起拍价${min}元，出价无效（网拍第20条） / The bid ${amount} is below the starting price ${min} and void (网拍 Art. 20)`,
    details,
  );
}

/** Bids already placed under the group's client ids, by `registration:clientBidId`. */
async function earlierByClientId(tx: Db, group: Pending[]): Promise<Map<string, BidRow>> {
  const pairs = group.flatMap((p) => (p.request.kind === 'bid' && p.request.clientBidId ? [{ registrationId: p.registration.id, clientBidId: p.request.clientBidId }] : []));
  const rows = await bidsByClientIds(tx, pairs);
  return new Map(rows.map((r) => [`${r.registrationId}:${r.clientBidId}`, r]));
}
