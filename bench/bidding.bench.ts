/**
 * `npm run bench:bidding`: the live bidding engine on the PostgreSQL server, the platform as its own process
 * (`tsx server/main.ts`, as `npm start` runs it after the build) against a fresh database made for the run and
 * dropped at the end. State (bidders with sessions, live auctions, qualified registrations) is written straight into
 * the database (bench/bidding-seed.ts); every bid goes over socket.io (namespace /auctions) from real clients.
 *   (a) one hot auction, BENCH_BIDDERS (50) bidders for BENCH_SECONDS (20) s, each bidding the highest price it has
 *       seen plus 1–20 increments, the next bid as soon as the previous is answered: decided bids/s (accepted + refused
 *       by the rules under the lock), accepted bids/s, ack latency p50/p99; and the raw transaction of the same shape
 *       (BEGIN; SELECT … FOR UPDATE; INSERT bid; UPDATE auction; COMMIT) through `pg` at the same concurrency
 *       (BENCH_BIDDERS connections) and at the server's pool size (10): our decided bids/s ÷ raw tx/s at BENCH_BIDDERS;
 *   (b) BENCH_WATCHERS (2,000) anonymous watchers (socket.io clients in a child process) in one auction's room while
 *       5 bids/s are placed: receipt time minus the event's `serverNow` (set at decision), p50/p99 over every delivery;
 *   (c) BENCH_AUCTIONS (100) auctions at once, BENCH_MULTI_BIDDERS (200) bidders spread evenly: accepted bids/s.
 * Medians of BENCH_RUNS (3) runs; one line of JSON at the end. BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) names the server and a database to connect to for CREATE DATABASE.
 */
import os from 'node:os';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../server/platform/db/schema';
import type { Db } from '../server/platform/db/database';
import { auditLog } from '../server/modules/audit/audit.tables';
import { connectLive, connectMany, LiveBidder, median, newStats, percentile, type BidStats } from './bidding-clients';
import { createBidders, createLiveAuction, money, qualify, type SeededAuction, type SeededBidder } from './bidding-seed';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RAW_SECONDS = Number(process.env.BENCH_RAW_SECONDS ?? Math.min(SECONDS, 10));
const BIDDERS = Number(process.env.BENCH_BIDDERS ?? 50);
const WATCHERS = Number(process.env.BENCH_WATCHERS ?? 2000);
const BROADCAST_RATE = Number(process.env.BENCH_BROADCAST_RATE ?? 5);
const AUCTIONS = Number(process.env.BENCH_AUCTIONS ?? 100);
const MULTI_BIDDERS = Number(process.env.BENCH_MULTI_BIDDERS ?? 200);
/** The server's pg pool (server/platform/db/database.ts: `max: options.poolSize ?? 10`; boot passes none). */
const SERVER_POOL = 10;
const PHASES = new Set((process.env.BENCH_PHASES ?? 'hot,raw,broadcast,multi').split(','));
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = fileURLToPath(new URL('..', import.meta.url));

// ---- the database and the server process ----

const dbName = `zhixing_bench_${randomBytes(4).toString('hex')}`;
async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: BASE_URL });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}
await admin(`CREATE DATABASE ${dbName}`);
const dbUrl = Object.assign(new URL(BASE_URL), { pathname: `/${dbName}` }).toString();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zx-bench-bidding-'));

/** `tsx server/main.ts` as its own process on a free port; resolves with its URL once it listens. */
async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      APP_SECRET: randomBytes(32).toString('base64url'),
      DEMO_DATA: 'false',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // Far above what 50 bidders send: the per-bidder and per-socket limits must not refuse the benchmark's bids.
      BID_RATE_PER_SEC: process.env.BID_RATE_PER_SEC ?? '100000',
      REDIS_URL: '',
      SIM_SIZE: '10',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening:\n${out}`)));
  });
  child.stdout!.on('data', (c: Buffer) => process.stderr.write(`[server] ${c.toString()}`));
  return { url, child };
}

const server = await startServer();
const url = server.url;
const pool = new pg.Pool({ connectionString: dbUrl, max: 4 });
const db = drizzle(pool, { schema }) as unknown as Db;

let cleaned = false;
async function cleanUp(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  server.child.kill('SIGTERM');
  await new Promise((r) => (server.child.exitCode !== null ? r(null) : server.child.once('exit', r)));
  await pool.end().catch(() => undefined);
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((err) => console.error('dropping the database failed', err));
  rmSync(dataDir, { recursive: true, force: true });
}
process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));

// ---- measuring ----

/** CPU time (user + system) of a process so far, in ms (Linux /proc; 0 elsewhere). */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** The whole machine's busy and total jiffies (Linux /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  try {
    const xs = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
    const idle = (xs[3] ?? 0) + (xs[4] ?? 0);
    const total = xs.reduce((a, b) => a + (b || 0), 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 1 };
  }
}

async function dbCounters(): Promise<{ commits: number; audit: number }> {
  const [stats] = ((await db.execute(sql`select xact_commit::int as commits from pg_stat_database where datname = current_database()`)) as unknown as { rows: { commits: number }[] }).rows;
  const [audit] = await db.select({ n: count() }).from(auditLog);
  return { commits: stats!.commits, audit: audit!.n };
}

interface BidPhase {
  decidedPerSec: number;
  acceptedPerSec: number;
  p50: number;
  p99: number;
  other: Record<string, number>;
  serverCpuMsPerBid: number;
  machineBusy: number;
  /** Committed transactions of the database (any, including single reads) per decided bid. */
  commitsPerBid: number;
  /** Bids decided per group that placed something (one audit record per such group). */
  bidsPerAuditedGroup: number;
}

/** Bidders on their auctions, each bidding back to back for `seconds`. */
async function biddingPhase(pairs: { bidder: SeededBidder; auction: SeededAuction }[], seconds: number): Promise<BidPhase> {
  const clients = await connectMany(pairs.length, 25, async (i) => {
    const { bidder, auction } = pairs[i]!;
    const c = new LiveBidder(await connectLive(url, bidder.token), auction, `${bidder.username}-${randomBytes(3).toString('hex')}`);
    await c.join();
    return c;
  });
  const stats: BidStats = newStats();
  const before = await dbCounters();
  const cpu0 = cpuMsOf(server.child.pid);
  const m0 = machineTicks();
  const t0 = performance.now();
  await Promise.all(clients.map((c) => c.run(t0 + seconds * 1000, stats)));
  const elapsed = (performance.now() - t0) / 1000;
  const m1 = machineTicks();
  const cpu = cpuMsOf(server.child.pid) - cpu0;
  const after = await dbCounters();
  for (const c of clients) c.socket.close();
  const decided = stats.accepted + stats.refused;
  return {
    decidedPerSec: decided / elapsed,
    acceptedPerSec: stats.accepted / elapsed,
    p50: percentile(stats.latencies, 50),
    p99: percentile(stats.latencies, 99),
    other: stats.other,
    serverCpuMsPerBid: decided ? cpu / decided : 0,
    machineBusy: (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total),
    commitsPerBid: decided ? (after.commits - before.commits) / decided : 0,
    bidsPerAuditedGroup: after.audit > before.audit ? decided / (after.audit - before.audit) : 0,
  };
}

/** The raw transaction of the engine's shape, `connections` at once, for `seconds`: transactions per second. */
async function rawPhase(connections: number, seconds: number): Promise<number> {
  const auction = await createLiveAuction(db, `raw-${connections}-${randomUUID().slice(0, 8)}`);
  const [who] = await createBidders(db, 1, `raw.${randomBytes(3).toString('hex')}`);
  await qualify(db, auction.id, [who!]);
  const [reg] = ((await db.execute(sql`select id, bidder_code from auction_registrations where auction_id = ${auction.id}`)) as unknown as { rows: { id: string; bidder_code: string }[] }).rows;
  const raw = new pg.Pool({ connectionString: dbUrl, max: connections });
  // Open every connection first: the measurement is of transactions, not of connecting.
  await Promise.all(Array.from({ length: connections }, async () => (await raw.connect()).release()));
  let done = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const c = await raw.connect();
        try {
          await c.query('BEGIN');
          const { rows } = await c.query('SELECT * FROM auctions WHERE id = $1 FOR UPDATE', [auction.id]);
          const seq = (rows[0].bid_seq as number) + 1;
          const id = randomUUID();
          const at = new Date();
          await c.query('INSERT INTO auction_bids (id, auction_id, registration_id, bidder_code, priority_rank, amount, "at", seq, client_bid_id, auto) VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, false)', [
            id,
            auction.id,
            reg!.id,
            reg!.bidder_code,
            money(auction.startingCents + seq * auction.incrementCents),
            at,
            seq,
            id,
          ]);
          await c.query('UPDATE auctions SET bid_seq = $2, leading_bid_id = $3, bidding_ends_at = bidding_ends_at, updated_at = $4, seq = seq + 1 WHERE id = $1', [auction.id, seq, id, at]);
          await c.query('COMMIT');
          done++;
        } catch (err) {
          await c.query('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          c.release();
        }
      }
    }),
  );
  const perSec = done / ((performance.now() - t0) / 1000);
  await raw.end();
  return perSec;
}

/** 5 bids/s on one auction watched by WATCHERS clients in the child process: latency from decision to every receipt. */
async function broadcastPhase(watchers: ChildProcess, bidders: SeededBidder[], seconds: number): Promise<{ p50: number; p99: number; max: number; received: number; expected: number; joined: number; loopDelayP99Ms: number }> {
  const auction = await createLiveAuction(db, `broadcast-${randomUUID().slice(0, 8)}`);
  await qualify(db, auction.id, bidders);
  const placers = await Promise.all(bidders.map(async (b, i) => new LiveBidder(await connectLive(url, b.token), auction, `${b.username}-w${i}-${randomBytes(3).toString('hex')}`)));
  for (const p of placers) await p.join();
  const ready = await ask<{ joined: number }>(watchers, { type: 'join', url, auctionId: auction.id }, 'ready');
  const stats = newStats();
  const interval = 1000 / BROADCAST_RATE;
  const t0 = performance.now();
  for (let i = 0; performance.now() < t0 + seconds * 1000; i++) {
    const wait = t0 + i * interval - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const p = placers[i % placers.length]!;
    await p.bid(p.amount(1), stats);
  }
  await new Promise((r) => setTimeout(r, 1000)); // the last events on their way
  const report = await ask<{ received: number; p50: number; p99: number; max: number; loopDelayP99Ms: number }>(watchers, { type: 'report' }, 'report');
  for (const p of placers) p.socket.close();
  return { ...report, joined: ready.joined, expected: stats.accepted * ready.joined };
}

function ask<T>(child: ChildProcess, message: unknown, answer: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const on = (m: { type: string; message?: string }) => {
      if (m.type === answer) {
        child.off('message', on);
        resolve(m as T);
      } else if (m.type === 'error') {
        child.off('message', on);
        reject(new Error(m.message));
      }
    };
    child.on('message', on);
    child.send(message as object);
  });
}

async function startWatchers(): Promise<ChildProcess> {
  const child = fork(path.join(root, 'bench/bidding-watchers.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_WATCHERS: String(WATCHERS) } });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the watchers' process exited with ${code}`)));
  });
  return child;
}

// ---- the runs ----

const fmt = (x: number, d = 0) => Number(x.toFixed(d));
const hotBidders = await createBidders(db, BIDDERS, `hot.${randomBytes(3).toString('hex')}`);
const multiBidders = await createBidders(db, MULTI_BIDDERS, `multi.${randomBytes(3).toString('hex')}`);
const broadcastBidders = await createBidders(db, 2, `cast.${randomBytes(3).toString('hex')}`);
const hot: BidPhase[] = [];
const rawAt: number[] = [];
const rawAtPool: number[] = [];
const casts: Awaited<ReturnType<typeof broadcastPhase>>[] = [];
const multi: BidPhase[] = [];
let watchers: ChildProcess | undefined;

const loadAvg1 = fmt(os.loadavg()[0]!, 2);
console.log(`server ${url} (own process, pg pool ${SERVER_POOL}), database ${dbName}; ${os.cpus().length} cores, load average ${loadAvg1} at the start; ${RUNS} runs of ${SECONDS} s`);
try {
  for (let run = 1; run <= RUNS; run++) {
    if (PHASES.has('hot')) {
      const auction = await createLiveAuction(db, `hot-${run}`);
      await qualify(db, auction.id, hotBidders);
      const r = await biddingPhase(
        hotBidders.map((bidder) => ({ bidder, auction })),
        SECONDS,
      );
      hot.push(r);
      console.log(
        `run ${run} (a) hot auction, ${BIDDERS} bidders: ${fmt(r.decidedPerSec)} decided bids/s, ${fmt(r.acceptedPerSec)} accepted/s; ack p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms; ` +
          `server CPU ${fmt(r.serverCpuMsPerBid, 3)} ms/bid, machine ${fmt(r.machineBusy * 100)} % busy, ${fmt(r.commitsPerBid, 2)} db commits/bid, ${fmt(r.bidsPerAuditedGroup, 1)} bids/audited group` +
          (Object.keys(r.other).length ? `; other answers ${JSON.stringify(r.other)}` : ''),
      );
    }
    if (PHASES.has('raw')) {
      rawAt.push(await rawPhase(BIDDERS, RAW_SECONDS));
      rawAtPool.push(await rawPhase(SERVER_POOL, RAW_SECONDS));
      console.log(`run ${run} (a) raw transaction: ${fmt(rawAt.at(-1)!)} tx/s at ${BIDDERS} connections, ${fmt(rawAtPool.at(-1)!)} tx/s at ${SERVER_POOL} (the server's pool)`);
    }
    if (PHASES.has('broadcast')) {
      watchers ??= await startWatchers();
      const b = await broadcastPhase(watchers, broadcastBidders, SECONDS);
      casts.push(b);
      console.log(
        `run ${run} (b) broadcast, ${b.joined} watchers, ${BROADCAST_RATE} bids/s: decision→receipt p50 ${fmt(b.p50)} ms, p99 ${fmt(b.p99)} ms, max ${fmt(b.max)} ms; ${b.received}/${b.expected} deliveries; watchers' loop delay p99 ${fmt(b.loopDelayP99Ms, 1)} ms`,
      );
    }
    if (PHASES.has('multi')) {
      const auctions: SeededAuction[] = [];
      for (let i = 0; i < AUCTIONS; i++) auctions.push(await createLiveAuction(db, `multi-${run}-${i}`));
      const pairs = multiBidders.map((bidder, i) => ({ bidder, auction: auctions[i % AUCTIONS]! }));
      for (const a of auctions) await qualify(db, a.id, pairs.filter((p) => p.auction === a).map((p) => p.bidder));
      const r = await biddingPhase(pairs, SECONDS);
      multi.push(r);
      console.log(
        `run ${run} (c) ${AUCTIONS} auctions, ${MULTI_BIDDERS} bidders: ${fmt(r.acceptedPerSec)} accepted bids/s, ${fmt(r.decidedPerSec)} decided/s; ack p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms; ` +
          `server CPU ${fmt(r.serverCpuMsPerBid, 3)} ms/bid, machine ${fmt(r.machineBusy * 100)} % busy, ${fmt(r.commitsPerBid, 2)} db commits/bid` +
          (Object.keys(r.other).length ? `; other answers ${JSON.stringify(r.other)}` : ''),
      );
    }
  }
} finally {
  if (watchers) {
    watchers.send({ type: 'close' });
    await new Promise((r) => (watchers!.exitCode !== null ? r(null) : watchers!.once('exit', r)));
  }
  await cleanUp();
}

const med = <T>(xs: T[], f: (x: T) => number) => (xs.length ? median(xs.map(f)) : null);

/**
 * The accepted share the workload allows at best: `inFlight` closed-loop bidders, each bidding the price it last saw
 * plus 1–20 increments the moment its answer comes, decided one at a time in arrival order (no grouping, no latency).
 * Bids decided after others that were in flight with them are often too low: the share falls with `inFlight`
 * (1 → 1.0, 5 → about 0.43, 50 → about 0.12). A deterministic generator, so the figure is the same every run.
 */
function modelAcceptedShare(inFlight: number, decisions = 200_000): number {
  // mulberry32: a small, well-mixed 32-bit generator
  let seed = 1;
  const k = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return 1 + (((t ^ (t >>> 14)) >>> 0) % 20);
  };
  let price = 0;
  let accepted = 0;
  const queue = Array.from({ length: inFlight }, () => k());
  for (let i = 0; i < decisions; i++) {
    const bid = queue.shift()!;
    if (bid >= price + 1) {
      price = bid;
      accepted++;
    }
    queue.push(price + k());
  }
  return accepted / decisions;
}
const hotBidsPerSec = med(hot, (r) => r.decidedPerSec);
const rawTxPerSec = rawAt.length ? median(rawAt) : null;
const out = {
  cores: os.cpus().length,
  runs: RUNS,
  seconds: SECONDS,
  bidders: BIDDERS,
  hotBidsPerSec: hotBidsPerSec === null ? null : fmt(hotBidsPerSec),
  hotAcceptedPerSec: (() => {
    const v = med(hot, (r) => r.acceptedPerSec);
    return v === null ? null : fmt(v);
  })(),
  hotAckP50Ms: (() => {
    const v = med(hot, (r) => r.p50);
    return v === null ? null : fmt(v, 1);
  })(),
  hotAckP99Ms: (() => {
    const v = med(hot, (r) => r.p99);
    return v === null ? null : fmt(v, 1);
  })(),
  rawTxPerSec: rawTxPerSec === null ? null : fmt(rawTxPerSec),
  rawConnections: BIDDERS,
  rawTxPerSecAtServerPool: rawAtPool.length ? fmt(median(rawAtPool)) : null,
  serverPool: SERVER_POOL,
  ratio: hotBidsPerSec !== null && rawTxPerSec ? fmt(hotBidsPerSec / rawTxPerSec, 2) : null,
  hotAcceptedShare: (() => {
    const v = med(hot, (r) => (r.decidedPerSec ? r.acceptedPerSec / r.decidedPerSec : 0));
    return v === null ? null : fmt(v, 3);
  })(),
  modelAcceptedShare: fmt(modelAcceptedShare(BIDDERS), 3),
  broadcastP99Ms: (() => {
    const v = med(casts, (b) => b.p99);
    return v === null ? null : fmt(v);
  })(),
  watchers: casts.length ? casts[0]!.joined : WATCHERS,
  multiAuctionBidsPerSec: (() => {
    const v = med(multi, (r) => r.acceptedPerSec);
    return v === null ? null : fmt(v);
  })(),
  auctions: AUCTIONS,
  loadAvg1,
};
console.log(
  `medians of ${RUNS}: (a) ${out.hotBidsPerSec} decided bids/s, ${out.hotAcceptedPerSec} accepted/s, ack p50 ${out.hotAckP50Ms} ms p99 ${out.hotAckP99Ms} ms; raw ${out.rawTxPerSec} tx/s at ${BIDDERS} connections (${out.rawTxPerSecAtServerPool} at ${SERVER_POOL}); ratio ${out.ratio}; ` +
    `(b) p99 ${out.broadcastP99Ms} ms to ${out.watchers} watchers; (c) ${out.multiAuctionBidsPerSec} accepted bids/s over ${AUCTIONS} auctions`,
);
console.log(JSON.stringify(out));
process.exit(0);
