/**
 * Real server processes for the crash and cluster tests: `server/main.ts` (what `npm start` runs, without the client
 * build) as a child process on a PostgreSQL server database, with the real clock. The database is set up by an
 * in-process bidding fixture on the same PostgreSQL server (a fresh database, dropped when the fixture closes): an
 * announced auction and qualified bidders through the API, then made live around the real time by one UPDATE.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import request from 'supertest';
import { auctions } from '../../server/modules/auctions/auction.tables';
import { PASSWORD, startBiddingFixture, type Bidder, type BiddingFixture } from '../auctions/bidding-fixture';

/** The PostgreSQL server of CI (and of a developer machine): TEST_DATABASE_URL when set, else the local default. */
export const PG_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Fails (never skips) with a clear message when the PostgreSQL server is not there: CI starts it. */
export async function requirePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_SERVER_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(
      `These tests need a PostgreSQL server at ${PG_SERVER_URL} (user postgres, trust auth; set TEST_DATABASE_URL for another). ` +
        `It could not be reached: ${(err as Error).message}. Start it (e.g. \`pg_ctlcluster <version> main start\`, as .ci/run does) and run again.`,
      { cause: err },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** What the process wrote (for the failure message). */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `server/main.ts` on a free port; resolves once it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zx-live-proc-'));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'false',
      SIM_LATENCY_SCALE: '0',
      SIM_FAULTS: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (c: Buffer) => {
    out = (out + c.toString()).slice(-20_000);
  };
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not listen within 60 s:\n${out}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      keep(c);
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

export interface ProcessScene {
  f: BiddingFixture;
  auctionId: string;
  bidders: Bidder[];
  codes: string[];
  appSecret: string;
  /** The fresh database's URL on the PostgreSQL server. */
  databaseUrl: string;
  /** Sets the auction's end (epoch ms, real clock); `status` live. */
  setEnd(endsAt: number): Promise<void>;
  /** Signs a bidder in on a running process (the fixture's sessions were made with its fake clock). */
  login(url: string, who: Bidder): Promise<string>;
  close(): Promise<void>;
}

/**
 * A fresh database on the PostgreSQL server with a live auction (starting 700000.00, increment 5000.00) and `n`
 * qualified bidders; bidding started an hour ago by the real clock and ends at `endsAt`.
 */
export async function processScene(n: number, endsAt: number): Promise<ProcessScene> {
  await requirePostgres();
  const saved = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = PG_SERVER_URL;
  let f: BiddingFixture;
  try {
    f = await startBiddingFixture();
  } finally {
    if (saved === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = saved;
  }
  try {
    expect(f.ctx.dbKind).to.not.equal('embedded');
    const { auctionId } = await f.announced();
    const bidders = await Promise.all(Array.from({ length: n }, () => f.bidder()));
    const codes: string[] = [];
    for (const b of bidders) codes.push(await f.qualify(b, auctionId));
    const { rows } = (await f.ctx.db.execute(sql`select current_database() as name`)) as unknown as { rows: { name: string }[] };
    const name = rows[0]!.name;
    const dbUrl = new URL(PG_SERVER_URL);
    dbUrl.pathname = `/${name}`;
    const setEnd = async (end: number) => {
      const now = Date.now();
      await f.ctx.db
        .update(auctions)
        .set({ status: 'live', liveAt: new Date(now - 3_600_000), biddingStartsAt: new Date(now - 3_600_000), biddingEndsAt: new Date(end), updatedAt: new Date(now) })
        .where(eq(auctions.id, auctionId));
    };
    await setEnd(endsAt);
    return {
      f,
      auctionId,
      bidders,
      codes,
      appSecret: f.t.config.appSecret,
      databaseUrl: dbUrl.toString(),
      setEnd,
      async login(url: string, who: Bidder) {
        const res = await request(url).post('/api/auth/login').send({ username: who.username, password: PASSWORD });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        return res.body.token as string;
      },
      close: () => f.close(),
    };
  } catch (err) {
    await f.close();
    throw err;
  }
}
