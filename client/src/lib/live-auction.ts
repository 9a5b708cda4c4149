/**
 * The live auction room in the browser (protocol: shared/live-auction.ts): one socket.io connection to the public
 * namespace `/auctions` per page, which joins the auction's room, follows its `bid`, `tick`, `closed` and
 * `auction.updated` events, and sends bids and proxy maxima with acknowledgements. The session cookie goes with the
 * handshake, so a signed-in qualified bidder bids on the same connection (`state.me`).
 *
 * - Ordering and gaps: every event carries the auction's `seq`. A bid already known (by its `seq`) is ignored; a tick
 *   or event whose `seq` runs ahead of the bids held starts a `sync { afterSeq }`, and so does every reconnection
 *   (ARCHITECTURE invariant 2: a client that missed events asks for the ones after its last `seq`).
 * - Time: the countdown runs on the server's clock (invariant 3), estimated as an offset from the browser's
 *   (`ServerClock`).
 * - Bids: each attempt gets its own `clientBidId` (crypto.randomUUID()); a retry after a lost acknowledgement resends
 *   the same id, so the server answers it once.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  clockOffset,
  LIVE_NAMESPACE,
  type BidAckOk,
  type LiveBid,
  type LiveBidEvent,
  type LiveClosed,
  type LiveError,
  type LiveSnapshot,
  type LiveState,
  type LiveTick,
} from '@shared/live-auction';
import type { PublicAuctionView } from '../auction-api';
import { learnServerOffset } from './server-clock';

// ---------------------------------------------------------------------------------------------------------------
// The server's clock

interface ClockSample {
  offset: number;
  /** How far off the sample may be: half its round trip, or a guess for a pushed event. */
  error: number;
  at: number;
}

/**
 * The server's clock as an offset from the browser's, NTP-style: each acknowledgement gives
 * `offset = serverNow − (sent + received) / 2`, good to half its round trip; a pushed event (a tick, a bid) gives
 * `serverNow − received`, of unknown error (taken as PUSH_ERROR_MS). Among the samples of the last minute the one with
 * the smallest error wins. When a new sample disagrees with the estimate by more than both errors and STEP_MS, the
 * server's clock has stepped (a corrected system clock, a test's fake clock moved on): the old samples are dropped.
 */
export class ServerClock {
  static readonly WINDOW_MS = 60_000;
  static readonly STEP_MS = 1_000;
  static readonly PUSH_ERROR_MS = 500;
  private samples: ClockSample[] = [];

  /** Records the server's time `serverNow` carried by an answer received at `receivedAt` (sent at `sentAt` when known). */
  add(serverNow: number, receivedAt: number = Date.now(), sentAt?: number): void {
    const sample: ClockSample =
      sentAt === undefined
        ? { offset: serverNow - receivedAt, error: ServerClock.PUSH_ERROR_MS, at: receivedAt }
        : { offset: clockOffset(serverNow, sentAt, receivedAt), error: Math.max(0, receivedAt - sentAt) / 2, at: receivedAt };
    const best = this.best();
    if (best && Math.abs(sample.offset - best.offset) > best.error + sample.error + ServerClock.STEP_MS) this.samples = [];
    this.samples = this.samples.filter((s) => receivedAt - s.at <= ServerClock.WINDOW_MS);
    this.samples.push(sample);
  }

  private best(): ClockSample | null {
    let best: ClockSample | null = null;
    for (const s of this.samples) if (!best || s.error < best.error || (s.error === best.error && s.at > best.at)) best = s;
    return best;
  }

  /** Milliseconds to add to the browser's clock to read the server's (0 until a sample arrives). */
  offset(): number {
    return this.best()?.offset ?? 0;
  }

  /** The server's now, in epoch milliseconds. */
  now(): number {
    return Date.now() + this.offset();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The room's state

/** 'joining' before the first join's answer; 'reconnecting' after the link dropped; 'down' when joining failed. */
export type RoomLink = 'joining' | 'live' | 'reconnecting' | 'down';

/** The figures of the room, as the last events and answers left them. */
export type RoomFigures = Omit<LiveState, 'bids'>;

export interface Extension {
  from: number;
  to: number;
  /** The bid that caused it, when known. */
  seq: number;
  /** How many times the end has moved while this page was open. */
  count: number;
}

export interface LiveRoomState {
  link: RoomLink;
  figures: RoomFigures | null;
  /** Bids by `seq`, oldest first, no duplicates. */
  bids: LiveBid[];
  closed: LiveClosed | null;
  /** The last move of the end by a bid in the last 5 minutes (网拍 Art. 20). */
  extension: Extension | null;
  /** The signed-in bidder led and another bid took the lead. */
  outbid: boolean;
  error: LiveError | null;
}

type Action =
  | { type: 'link'; link: RoomLink }
  | { type: 'joined'; state: LiveState }
  | { type: 'synced'; state: RoomFigures; bids: LiveBid[] }
  | { type: 'bid'; event: LiveBidEvent }
  | { type: 'snapshot'; snapshot: LiveSnapshot }
  | { type: 'tick'; tick: LiveTick }
  | { type: 'closed'; closed: LiveClosed }
  | { type: 'updated'; view: PublicAuctionView }
  | { type: 'error'; error: LiveError }
  | { type: 'dismissOutbid' }
  | { type: 'reset' };

const INITIAL: LiveRoomState = { link: 'joining', figures: null, bids: [], closed: null, extension: null, outbid: false, error: null };

const PRIORITY_CODE = /^P(\d+)-/;
/** A priority holder's code starts with its rank (P1-…): the leader's rank, for the least bid another holder may make. */
const rankOfCode = (code: string | null): number | null => {
  const m = code ? PRIORITY_CODE.exec(code) : null;
  return m ? Number(m[1]) : null;
};

function mergeBids(known: LiveBid[], more: LiveBid[]): LiveBid[] {
  if (more.length === 0) return known;
  const bySeq = new Map(known.map((b) => [b.seq, b]));
  for (const b of more) bySeq.set(b.seq, b);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * New figures from an event or answer. Events may overtake each other (an ack and the room's broadcast, a tick read
 * before a bid committed): figures with an older `seq` never replace newer ones. The end moving later together with a
 * new bid is an extension; the end moving without a bid is the schedule shifted (a resumption), not an extension.
 */
function advance(s: LiveRoomState, next: Partial<RoomFigures> & { seq: number }): LiveRoomState {
  const f = s.figures;
  if (!f) return s;
  if (next.seq < f.seq) return s;
  const figures: RoomFigures = { ...f, ...next };
  if (next.leaderCode !== undefined && next.leaderPriorityRank === undefined) figures.leaderPriorityRank = rankOfCode(next.leaderCode);
  let { extension, outbid } = s;
  if (next.seq > f.seq && figures.endsAt > f.endsAt && f.status === 'live') {
    extension = { from: f.endsAt, to: figures.endsAt, seq: next.seq, count: (extension?.count ?? 0) + 1 };
  }
  const mine = f.me?.bidderCode;
  if (mine && figures.leaderCode !== f.leaderCode) {
    if (f.leaderCode === mine && figures.leaderCode !== mine) outbid = true;
    if (figures.leaderCode === mine) outbid = false;
  }
  return { ...s, figures, extension, outbid };
}

function reduce(s: LiveRoomState, a: Action): LiveRoomState {
  switch (a.type) {
    case 'link':
      return { ...s, link: a.link };
    case 'reset':
      return INITIAL;
    case 'dismissOutbid':
      return { ...s, outbid: false };
    case 'error':
      return { ...s, link: s.figures ? s.link : 'down', error: a.error };
    case 'joined': {
      const { bids, ...figures } = a.state;
      if (!s.figures) return { ...s, link: 'live', error: null, figures, bids: mergeBids([], bids) };
      // A join again (after a reconnection, or signed in as someone else): the standing may have changed.
      const moved = advance({ ...s, figures: { ...s.figures, me: figures.me } }, figures);
      return { ...moved, link: 'live', error: null, bids: mergeBids(s.bids, bids) };
    }
    case 'synced': {
      const moved = advance(s, a.state);
      return { ...moved, bids: mergeBids(moved.bids, a.bids) };
    }
    case 'bid': {
      const { bid, ...snapshot } = a.event;
      const moved = advance(s, snapshot);
      return { ...moved, bids: mergeBids(moved.bids, [bid]) };
    }
    case 'snapshot':
      return advance(s, a.snapshot);
    case 'tick': {
      const { auctionId: _id, ...tick } = a.tick;
      // A tick is read from the database and may lag a bid event: never let it take back a newer end or status.
      if (!s.figures || tick.seq < s.figures.seq) return s;
      return advance(s, s.closed ? { ...tick, status: s.figures.status } : tick);
    }
    case 'closed': {
      const c = a.closed;
      const moved = advance(s, { seq: Math.max(c.seq, s.figures?.seq ?? 0), status: c.outcome, ...(c.outcome === 'sold' ? { price: c.price, leaderCode: c.winnerCode } : {}) });
      return { ...moved, closed: c, outbid: false };
    }
    case 'updated': {
      if (!s.figures) return s;
      const v = a.view;
      // The page pushed after a change other than a bid (suspension, resumption, the start of bidding, the close).
      const figures: RoomFigures = {
        ...s.figures,
        status: v.status,
        startsAt: Date.parse(v.schedule.biddingStartsAt),
        // The view's `seq` counts the auction's versions, not its bids; a resumption only ever moves the end later.
        endsAt: Math.max(s.figures.endsAt, Date.parse(v.schedule.biddingEndsAt)),
      };
      return { ...s, figures };
    }
  }
}

export interface BidResult {
  ok: boolean;
  ack?: BidAckOk;
  error?: LiveError;
}

export interface LiveRoomHandle extends LiveRoomState {
  /** The server's now (epoch ms), by the clock offset. */
  serverNow(): number;
  bid(amount: string): Promise<BidResult>;
  proxy(max: string): Promise<BidResult>;
  /** Hides the "outbid" notice. */
  dismissOutbid(): void;
}

const ACK_TIMEOUT_MS = 10_000;

function newClientBidId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Outside a secure context (plain http on a LAN address) randomUUID is missing; the same 122 random bits by hand.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const NO_LINK: LiveError = { code: 'NO_LINK', message: '实时连接中断，请稍后重试 / The live link is down; try again shortly' };

/**
 * Joins the live room of `auctionId` while mounted (null: none). `userId` is who is signed in: the room is joined
 * again when it changes, so that `me` follows. `onUpdated` receives the public page pushed after other changes.
 */
export function useLiveAuction(auctionId: string | null, options: { userId?: string | null; onUpdated?: (view: PublicAuctionView) => void } = {}): LiveRoomHandle {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  const socketRef = useRef<Socket | null>(null);
  const clockRef = useRef(new ServerClock());
  const stateRef = useRef(state);
  const onUpdated = useRef(options.onUpdated);
  const [, setClockVersion] = useState(0);
  useEffect(() => {
    stateRef.current = state;
    onUpdated.current = options.onUpdated;
  });
  const userId = options.userId ?? null;

  useEffect(() => {
    if (!auctionId) return;
    dispatch({ type: 'reset' });
    const clock = clockRef.current;
    const learn = (serverNow: number, receivedAt: number, sentAt?: number) => {
      clock.add(serverNow, receivedAt, sentAt);
      learnServerOffset(clock.offset());
      setClockVersion((v) => v + 1);
    };
    const socket = io(LIVE_NAMESPACE, { forceNew: true, withCredentials: true });
    socketRef.current = socket;
    let syncing = false;
    let everConnected = false;

    const lastSeq = () => {
      const bids = stateRef.current.bids;
      return bids.length ? bids[bids.length - 1]!.seq : 0;
    };
    /** Asks for the bids after the last one held, until the answer is complete. */
    const sync = () => {
      if (syncing || !socket.connected) return;
      syncing = true;
      const sentAt = Date.now();
      socket.timeout(ACK_TIMEOUT_MS).emit('sync', { auctionId, afterSeq: lastSeq() }, (err: Error | null, r?: { ok: boolean; state?: RoomFigures; bids?: LiveBid[]; complete?: boolean; error?: LiveError }) => {
        syncing = false;
        if (err || !r) return;
        if (!r.ok || !r.state) return dispatch({ type: 'error', error: r.error ?? NO_LINK });
        learn(r.state.serverNow, Date.now(), sentAt);
        dispatch({ type: 'synced', state: r.state, bids: r.bids ?? [] });
        // The reducer has not run yet when this returns; look again once it has.
        if (r.complete === false) setTimeout(sync, 0);
      });
    };
    const join = () => {
      const sentAt = Date.now();
      socket.timeout(ACK_TIMEOUT_MS).emit('join', { auctionId }, (err: Error | null, r?: { ok: boolean; state?: LiveState; error?: LiveError }) => {
        if (err || !r) return;
        if (!r.ok || !r.state) return dispatch({ type: 'error', error: r.error ?? NO_LINK });
        learn(r.state.serverNow, Date.now(), sentAt);
        const reconnected = stateRef.current.figures !== null;
        dispatch({ type: 'joined', state: r.state });
        // The join answer holds the last 100 bids; after a gap, the ones between come by sync.
        if (reconnected) setTimeout(sync, 0);
      });
    };

    socket.on('connect', () => {
      // A connection recovered by socket.io kept its rooms and had the missed events replayed; otherwise join again.
      if (everConnected && socket.recovered) {
        dispatch({ type: 'link', link: 'live' });
        sync();
      } else {
        join();
      }
      everConnected = true;
    });
    socket.on('disconnect', (reason) => {
      dispatch({ type: 'link', link: 'reconnecting' });
      // The server closed the connection on purpose: socket.io does not come back by itself then.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', () => {
      dispatch({ type: 'link', link: everConnected ? 'reconnecting' : 'down' });
    });
    socket.on('bid', (e: LiveBidEvent) => {
      if (e.auctionId !== auctionId) return;
      learn(e.serverNow, Date.now());
      // A bid beyond the next one expected means events were missed: ask for them.
      const gap = stateRef.current.figures !== null && e.bid.seq > lastSeq() + 1;
      dispatch({ type: 'bid', event: e });
      if (gap) sync();
    });
    socket.on('tick', (tick: LiveTick) => {
      if (tick.auctionId !== auctionId) return;
      learn(tick.serverNow, Date.now());
      dispatch({ type: 'tick', tick });
      if (tick.seq > lastSeq()) sync();
    });
    socket.on('closed', (c: LiveClosed) => {
      if (c.auctionId !== auctionId) return;
      learn(c.serverNow, Date.now());
      dispatch({ type: 'closed', closed: c });
      if (c.seq > lastSeq()) sync();
    });
    socket.on('auction.updated', (v: PublicAuctionView) => {
      if (v.id !== auctionId) return;
      dispatch({ type: 'updated', view: v });
      onUpdated.current?.(v);
    });

    return () => {
      socket.off();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [auctionId, userId]);

  const send = useCallback(
    (event: 'bid' | 'proxy', payload: Record<string, string>): Promise<BidResult> =>
      new Promise((resolve) => {
        const socket = socketRef.current;
        if (!socket || !auctionId) return resolve({ ok: false, error: NO_LINK });
        let attempts = 0;
        const attempt = () => {
          attempts += 1;
          const sentAt = Date.now();
          // socket.io buffers an emit made while disconnected and sends it on reconnection; the timeout bounds the wait.
          socket.timeout(ACK_TIMEOUT_MS).emit(event, { auctionId, ...payload }, (err: Error | null, r?: BidAckOk | { ok: false; error: LiveError }) => {
            if (err || !r) {
              // No answer: resend the same clientBidId once, which the server answers with the first result.
              if (attempts < 2) return attempt();
              return resolve({ ok: false, error: { code: 'NO_ANSWER', message: '服务器未确认出价，请查看出价记录后再试 / The server did not confirm; check the bid log before trying again' } });
            }
            if (!r.ok) return resolve({ ok: false, error: r.error });
            clockRef.current.add(r.auction.serverNow, Date.now(), sentAt);
            learnServerOffset(clockRef.current.offset());
            dispatch({ type: 'snapshot', snapshot: r.auction });
            resolve({ ok: true, ack: r });
          });
        };
        attempt();
      }),
    [auctionId],
  );

  const bid = useCallback((amount: string) => send('bid', { amount, clientBidId: newClientBidId() }), [send]);
  const proxy = useCallback((max: string) => send('proxy', { max }), [send]);
  const serverNow = useCallback(() => clockRef.current.now(), []);
  const dismissOutbid = useCallback(() => dispatch({ type: 'dismissOutbid' }), []);

  return { ...state, serverNow, bid, proxy, dismissOutbid };
}
