/**
 * The watchers of `npm run bench:bidding`, in a child process of the benchmark (not the server's): WATCHERS socket.io
 * clients on the live namespace, anonymous, each its own connection. Over IPC:
 * - `{ type: 'join', url, auctionId }`: connect (the first time), leave the previous auction, join this one;
 *   answers `{ type: 'ready', joined }`; latencies are counted from then on;
 * - `{ type: 'report' }`: answers `{ type: 'report', received, p50, p99, max, loopDelayP99Ms }`: for every `bid`
 *   event at every watcher, receipt `Date.now()` minus the event's `serverNow` (set when the group was decided;
 *   the same machine's clock);
 * - `{ type: 'close' }`: disconnects and exits.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import type { LiveAck, LiveBidEvent } from '../shared/live-auction';
import { connectLive, connectMany, percentile } from './bidding-clients';

const WATCHERS = Number(process.env.BENCH_WATCHERS ?? 2000);

type Message = { type: 'join'; url: string; auctionId: string } | { type: 'report' } | { type: 'close' };

let sockets: Socket[] = [];
let current: string | null = null;
let latencies: number[] = [];
const loop = monitorEventLoopDelay({ resolution: 10 });

const send = (m: unknown) => process.send!(m);

async function join(url: string, auctionId: string): Promise<void> {
  if (sockets.length === 0) {
    sockets = await connectMany(WATCHERS, 100, () => connectLive(url));
    for (const s of sockets) s.on('bid', (e: LiveBidEvent) => e.auctionId === current && latencies.push(Date.now() - e.serverNow));
  }
  const previous = current;
  current = auctionId;
  let joined = 0;
  await connectMany(sockets.length, 100, async (i) => {
    const s = sockets[i]!;
    if (previous) await s.timeout(30_000).emitWithAck('leave', { auctionId: previous });
    const ack = (await s.timeout(30_000).emitWithAck('join', { auctionId })) as LiveAck;
    if (ack.ok) joined++;
  });
  latencies = [];
  loop.reset();
  loop.enable();
  send({ type: 'ready', joined });
}

process.on('message', (m: Message) => {
  if (m.type === 'join') {
    join(m.url, m.auctionId).catch((err: Error) => send({ type: 'error', message: err.stack ?? String(err) }));
  } else if (m.type === 'report') {
    loop.disable();
    send({ type: 'report', received: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: percentile(latencies, 100), loopDelayP99Ms: loop.percentile(99) / 1e6 });
  } else if (m.type === 'close') {
    for (const s of sockets) s.close();
    setTimeout(() => process.exit(0), 100);
  }
});
send({ type: 'started' });
