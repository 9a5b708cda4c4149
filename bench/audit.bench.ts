/**
 * `npm run bench:audit`: how fast audited writes go through the single hash-chain head, and how fast the chain
 * verifies. Runs on embedded PGlite, and also on the PostgreSQL server named by BENCH_DATABASE_URL when set.
 * Prints medians of 3 runs and one line of JSON at the end.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../server/platform/actor';
import { systemClock } from '../server/platform/clock';
import { openDatabase, type Database } from '../server/platform/db/database';
import { recordAudit, verifyChain } from '../server/modules/audit';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 2000);
const CONCURRENCY = 8;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function once(database: Database): Promise<{ appendPerSec: number; verifyPerSec: number }> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < RECORDS) {
        const i = next++;
        await database.db.transaction((tx) =>
          recordAudit(tx, systemClock, SYSTEM_ACTOR, { action: 'bench.step', entityType: 'bench', entityId: String(i), data: { i, amount: '1234.50' } }),
        );
      }
    }),
  );
  const appendMs = performance.now() - t0;
  const t1 = performance.now();
  const result = await verifyChain(database.db);
  const verifyMs = performance.now() - t1;
  if (!result.ok) throw new Error('chain broken during the benchmark');
  return { appendPerSec: (RECORDS / appendMs) * 1000, verifyPerSec: (result.checked / verifyMs) * 1000 };
}

async function run(kind: 'embedded' | 'server'): Promise<{ appendPerSec: number; verifyPerSec: number }> {
  const runs: { appendPerSec: number; verifyPerSec: number }[] = [];
  for (let r = 0; r < 3; r++) {
    let database: Database;
    let drop = async () => undefined as void;
    if (kind === 'embedded') database = await openDatabase({ dataDir: 'memory://' });
    else {
      const base = process.env.BENCH_DATABASE_URL!;
      const name = `zx_bench_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(base);
      url.pathname = `/${name}`;
      database = await openDatabase({ url: url.toString(), dataDir: '' });
      drop = async () => {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await c.end();
      };
    }
    runs.push(await once(database));
    await database.close();
    await drop();
  }
  return { appendPerSec: median(runs.map((r) => r.appendPerSec)), verifyPerSec: median(runs.map((r) => r.verifyPerSec)) };
}

const out: Record<string, number> = { cores: os.cpus().length, records: RECORDS };
const embedded = await run('embedded');
out.embeddedAppendPerSec = Math.round(embedded.appendPerSec);
out.embeddedVerifyPerSec = Math.round(embedded.verifyPerSec);
console.log(`embedded PGlite: ${out.embeddedAppendPerSec} audited transactions/s (${CONCURRENCY} concurrent writers), verify ${out.embeddedVerifyPerSec} records/s`);
if (process.env.BENCH_DATABASE_URL) {
  const server = await run('server');
  out.serverAppendPerSec = Math.round(server.appendPerSec);
  out.serverVerifyPerSec = Math.round(server.verifyPerSec);
  console.log(`PostgreSQL server: ${out.serverAppendPerSec} audited transactions/s, verify ${out.serverVerifyPerSec} records/s`);
}
console.log(JSON.stringify(out));
