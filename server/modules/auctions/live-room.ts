/**
 * The live auction room on socket.io's public namespace (`/auctions`): anyone may watch an auction, a qualified bidder
 * signed in on the same connection may bid. The protocol is shared/live-auction.ts; the README documents it.
 *
 * - `join` / `leave` an auction's room (`auction:<id>`); `join` answers with the room's state and the recent bids.
 * - `sync { auctionId, afterSeq }` answers with the bids after `afterSeq` (a client that missed events; socket.io's
 *   connection state recovery replays short gaps by itself).
 * - `bid { auctionId, amount, clientBidId }` and `proxy { auctionId, max }` go to the bidding engine; the ack comes
 *   after the commit; the room gets `bid` events (ARCHITECTURE invariant 2).
 * - `tick { auctionId, seq, status, endsAt, serverNow, watchers }` at least every 5 s to every watcher, from the
 *   database (so an end moved by a bid on another process is seen), for the client's clock offset (invariant 3).
 * - Rate limits per connection here and per bidder in the engine (config BID_RATE_PER_SEC); payloads validated; unknown events refused.
 */
import { randomUUID } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import { BidCommand, JoinCommand, ProxyCommand, SyncCommand, type LiveAck } from '../../../shared/live-auction';
import { formatMoney } from '../../../shared/money';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { RateLimiter } from '../../platform/rate-limit';
import { publicRoomOf } from './auction-events';
import { isPublic } from './auction-view';
import { auctionById, liveFigures } from './auction.store';
import type { BidEngine, BidRequest, Decision } from './bid-engine';
import { bidById, bidsAfter, registrationOf } from './bidding.store';

export const TICK_MS = 2_000;
const SYNC_LIMIT = 500;
/** The bids `join` sends with the state. */
const RECENT = 100;
const KNOWN = new Set(['join', 'leave', 'sync', 'bid', 'proxy', 'watch', 'unwatch']);
const ROOM = /^auction:([0-9a-f-]{36})$/;

type Reply = (r: LiveAck) => void;

export interface LiveRoom {
  /** The watchers of an auction on every process (as last reported). */
  watchers(auctionId: string): number;
  stop(): void;
}

export function attachLiveRoom(ctx: AppContext, ns: Namespace, engine: BidEngine, options: { bidRatePerSec: number; clustered: boolean }): LiveRoom {
  const bySocket = new RateLimiter(options.bidRatePerSec);
  const serverId = randomUUID();
  /** Watcher counts other processes reported, by server: their rooms and when. */
  const remote = new Map<string, { at: number; counts: Record<string, number> }>();

  const localCount = (room: string) => ns.adapter.rooms.get(room)?.size ?? 0;
  const watchers = (auctionId: string) => {
    const room = publicRoomOf(auctionId);
    let n = localCount(room);
    const now = Date.now();
    for (const [id, r] of remote) {
      if (now - r.at > 3 * TICK_MS) remote.delete(id);
      else n += r.counts[room] ?? 0;
    }
    return n;
  };

  ns.on('server:watchers', (from: string, counts: Record<string, number>) => {
    if (from !== serverId) remote.set(from, { at: Date.now(), counts });
  });

  /** The state of a room for `join`: the auction's live figures, recent bids, and the caller's own standing. */
  const stateOf = async (auctionId: string, actor: Actor | null) => {
    const row = await auctionById(ctx.db, auctionId);
    if (!row || !isPublic(row)) return null;
    const leading = row.leadingBidId ? await bidById(ctx.db, row.leadingBidId) : null;
    const recent = await bidsAfter(ctx.db, auctionId, Math.max(0, row.bidSeq - RECENT), RECENT);
    const reg = actor?.userId ? await registrationOf(ctx.db, auctionId, actor.userId) : undefined;
    return {
      auctionId,
      seq: row.bidSeq,
      status: row.status,
      startingPrice: formatMoney(row.startingPrice),
      increment: formatMoney(row.increment),
      proxyBidding: row.proxyBidding,
      price: leading ? formatMoney(leading.amount) : null,
      leaderCode: leading?.bidderCode ?? null,
      leaderPriorityRank: leading?.priorityRank ?? null,
      startsAt: row.biddingStartsAt.getTime(),
      endsAt: row.biddingEndsAt.getTime(),
      serverNow: ctx.clock.nowMs(),
      watchers: watchers(auctionId),
      bids: recent.map((b) => ({ seq: b.seq, bidderCode: b.bidderCode, priority: b.priorityRank !== null, amount: formatMoney(b.amount), at: b.at.getTime(), auto: b.auto })),
      me: reg?.bidderCode && reg.depositState === 'held' ? { bidderCode: reg.bidderCode, priorityRank: reg.priorityRank } : null,
    };
  };

  const refuse = (reply: Reply, code: string, message: string, details?: unknown) => reply({ ok: false, error: { code, message, ...(details === undefined ? {} : { details }) } });
  const invalid = (reply: Reply, issues: unknown) => refuse(reply, 'VALIDATION_FAILED', '消息格式不正确 / The message is not valid', issues);
  const failed = (reply: Reply, err: unknown) => {
    if (err instanceof AppError) return refuse(reply, err.code, err.message, err.details);
    ctx.logger.error({ err }, 'live room: request failed');
    refuse(reply, 'INTERNAL', '服务器暂时无法处理，请重试 / The server could not take this now; try again');
  };

  const decide = async (socket: Socket, auctionId: string, request: BidRequest, reply: Reply) => {
    const actor = socket.data.actor as Actor | null;
    if (!actor?.userId || actor.role !== 'bidder') return refuse(reply, 'UNAUTHENTICATED', '请以竞买人身份登录后出价 / Sign in as a bidder to bid');
    const wait = bySocket.take(socket.id);
    if (wait > 0) return refuse(reply, 'RATE_LIMITED', `出价过于频繁，请${wait}毫秒后再试 / Too many bids; try again in ${wait} ms`, { retryAfterMs: wait });
    try {
      const d: Decision = await engine.submit(actor, auctionId, request);
      reply({ ok: true, bid: d.bid, replayed: d.replayed, leading: d.leading, extended: d.extended, auction: d.auction, ...(d.proxyMax ? { proxyMax: d.proxyMax } : {}) });
    } catch (err) {
      failed(reply, err);
    }
  };

  ns.on('connection', (socket) => {
    socket.onAny((event: string, ...args: unknown[]) => {
      if (KNOWN.has(event)) return;
      const ack = args[args.length - 1];
      if (typeof ack === 'function') refuse(ack as Reply, 'UNKNOWN_EVENT', `未知的消息：${event} / Unknown event: ${event}`);
    });
    const on = (event: string, handler: (payload: unknown, reply: Reply) => Promise<void> | void) =>
      socket.on(event, (payload: unknown, ack?: unknown) => {
        const reply: Reply = typeof ack === 'function' ? (ack as Reply) : () => undefined;
        Promise.resolve(handler(payload, reply)).catch((err) => failed(reply, err));
      });

    on('join', async (payload, reply) => {
      const parsed = JoinCommand.safeParse(payload);
      if (!parsed.success) return invalid(reply, parsed.error.issues);
      const state = await stateOf(parsed.data.auctionId, socket.data.actor as Actor | null);
      if (!state) return refuse(reply, 'NOT_FOUND', '拍卖不存在 / Auction not found');
      await socket.join(publicRoomOf(parsed.data.auctionId));
      reply({ ok: true, state: { ...state, watchers: watchers(parsed.data.auctionId) } });
    });
    on('leave', async (payload, reply) => {
      const parsed = JoinCommand.safeParse(payload);
      if (!parsed.success) return invalid(reply, parsed.error.issues);
      await socket.leave(publicRoomOf(parsed.data.auctionId));
      reply({ ok: true });
    });
    on('sync', async (payload, reply) => {
      const parsed = SyncCommand.safeParse(payload);
      if (!parsed.success) return invalid(reply, parsed.error.issues);
      const state = await stateOf(parsed.data.auctionId, socket.data.actor as Actor | null);
      if (!state) return refuse(reply, 'NOT_FOUND', '拍卖不存在 / Auction not found');
      const missed = await bidsAfter(ctx.db, parsed.data.auctionId, parsed.data.afterSeq, SYNC_LIMIT);
      const { bids: _recent, ...rest } = state;
      reply({ ok: true, state: rest, bids: missed.map((b) => ({ seq: b.seq, bidderCode: b.bidderCode, priority: b.priorityRank !== null, amount: formatMoney(b.amount), at: b.at.getTime(), auto: b.auto })), complete: missed.length < SYNC_LIMIT });
    });
    on('bid', async (payload, reply) => {
      const parsed = BidCommand.safeParse(payload);
      if (!parsed.success) return invalid(reply, parsed.error.issues);
      await decide(socket, parsed.data.auctionId, { kind: 'bid', amount: parsed.data.amount, clientBidId: parsed.data.clientBidId }, reply);
    });
    on('proxy', async (payload, reply) => {
      const parsed = ProxyCommand.safeParse(payload);
      if (!parsed.success) return invalid(reply, parsed.error.issues);
      await decide(socket, parsed.data.auctionId, { kind: 'proxy', max: parsed.data.max }, reply);
    });
  });

  // The tick: every process ticks its own watchers, with the figures read from the database, and reports its
  // watcher counts to the others (with the Redis adapter; alone, nobody hears it).
  let ticking = false;
  const tick = async () => {
    if (ticking) return;
    ticking = true;
    try {
      const counts: Record<string, number> = {};
      const ids: string[] = [];
      for (const [room, members] of ns.adapter.rooms) {
        const m = ROOM.exec(room);
        if (m && !members.has(room)) {
          counts[room] = members.size;
          ids.push(m[1]!);
        }
      }
      if (options.clustered) ns.serverSideEmit('server:watchers', serverId, counts);
      if (ids.length === 0) return;
      const rows = await liveFigures(ctx.db, ids);
      const serverNow = ctx.clock.nowMs();
      for (const r of rows) {
        ns.local.to(publicRoomOf(r.id)).emit('tick', { auctionId: r.id, seq: r.seq, status: r.status, endsAt: r.endsAt.getTime(), serverNow, watchers: watchers(r.id) });
      }
    } catch (err) {
      ctx.logger.warn({ err }, 'live room: tick failed');
    } finally {
      ticking = false;
    }
  };
  const timer = setInterval(() => void tick(), TICK_MS);
  timer.unref();

  return {
    watchers,
    stop: () => clearInterval(timer),
  };
}
