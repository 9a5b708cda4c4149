/**
 * The live auction room's protocol (socket.io namespace `/auctions`), shared by the server, the browser client and
 * the tests. Times are epoch milliseconds (ARCHITECTURE invariant 3); amounts are strings like "1234.50"; bidders
 * appear by their codes only (网拍 Art. 18 para 2). Every event carries `seq`, the number of the auction's last bid.
 *
 * Client → server (each with an acknowledgement callback):
 * - `join { auctionId }` → `{ ok, state: LiveState }`; then the room's events arrive.
 * - `leave { auctionId }` → `{ ok }`.
 * - `sync { auctionId, afterSeq }` → `{ ok, state, bids: LiveBid[], complete }`: the bids after `afterSeq`.
 * - `bid { auctionId, amount, clientBidId }` → `{ ok: true, bid, leading, extended, replayed, auction: LiveSnapshot }`
 *   or `{ ok: false, error: { code, message, details? } }`. The same `clientBidId` again returns the first result.
 * - `proxy { auctionId, max }` → as `bid`, with `proxyMax` (where the court enabled proxy bidding).
 * Server → client, to the room:
 * - `bid` (LiveBidEvent) for every bid placed, in order; `tick` (LiveTick) at least every 5 s;
 * - `closed` (LiveClosed) once, when bidding ends; `auction.updated` with the public page after any other change.
 */
import { z } from 'zod';
import { MoneyString, Uuid } from './schemas/common';

export const LIVE_NAMESPACE = '/auctions';

/** The room of an auction in the live namespace. */
export const liveRoom = (auctionId: string) => `auction:${auctionId}`;

export const JoinCommand = z.strictObject({ auctionId: Uuid });
export const SyncCommand = z.strictObject({ auctionId: Uuid, afterSeq: z.number().int().min(0) });
export const BidCommand = z.strictObject({
  auctionId: Uuid,
  amount: MoneyString,
  /** The client's own id of this bid (e.g. a UUID), so that a retry cannot bid twice. */
  clientBidId: z.string().min(1).max(64).regex(/^[\w-]+$/, '只能含字母、数字、-、_ / Letters, digits, - and _ only'),
});
export const ProxyCommand = z.strictObject({ auctionId: Uuid, max: MoneyString });

export interface LiveBid {
  seq: number;
  bidderCode: string;
  /** Placed with a priority code (网拍 Art. 19). */
  priority: boolean;
  amount: string;
  /** The server's receipt time (网拍 Art. 20 para 2). */
  at: number;
  /** Placed by the engine for the bidder's proxy maximum. */
  auto: boolean;
}

/** The auction after a decision. */
export interface LiveSnapshot {
  auctionId: string;
  seq: number;
  price: string | null;
  leaderCode: string | null;
  endsAt: number;
  serverNow: number;
}

export interface LiveState extends LiveSnapshot {
  status: string;
  startingPrice: string;
  increment: string;
  proxyBidding: boolean;
  leaderPriorityRank: number | null;
  startsAt: number;
  watchers: number;
  /** The last bids, oldest first (at most 100; `sync` for more). */
  bids: LiveBid[];
  /** The caller's standing when signed in as a qualified bidder of this auction. */
  me: { bidderCode: string; priorityRank: number | null } | null;
}

export interface LiveBidEvent extends LiveSnapshot {
  bid: LiveBid;
}

export interface LiveTick {
  auctionId: string;
  seq: number;
  status: string;
  endsAt: number;
  serverNow: number;
  watchers: number;
}

export interface LiveClosed {
  auctionId: string;
  seq: number;
  outcome: 'sold' | 'unsold';
  price: string | null;
  winnerCode: string | null;
  endedAt: number;
  serverNow: number;
}

export interface LiveError {
  code: string;
  message: string;
  details?: unknown;
}

export type LiveAck = ({ ok: true } & Record<string, unknown>) | { ok: false; error: LiveError };

export interface BidAckOk {
  ok: true;
  bid: LiveBid | null;
  leading: boolean;
  extended: boolean;
  replayed: boolean;
  auction: LiveSnapshot;
  proxyMax?: string;
}

/**
 * The client's estimate of the server's clock: `offset = serverNow − (sent + received) / 2` from an event or ack's
 * `serverNow` (taking half the round trip when known; for pushed events the receipt time alone). Keeping the smallest
 * round trip's estimate is the usual NTP-style filter; the countdown is `endsAt − (Date.now() + offset)`.
 */
export function clockOffset(serverNow: number, sentAt: number, receivedAt: number): number {
  return serverNow - (sentAt + receivedAt) / 2;
}
