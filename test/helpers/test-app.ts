/**
 * Boots the real server on a free port against a fresh database: PGlite in memory (from a migrated template, made
 * once per test process), or, when TEST_DATABASE_URL is set, a new database on that PostgreSQL server, dropped after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { createServerDatabase } from './server-database';
import { boot } from '../../server/bootstrap';
import { loadConfig, type Config } from '../../server/config';
import { FakeClock, type Clock } from '../../server/platform/clock';
import { MIGRATIONS_DIR, openDatabase, type Database } from '../../server/platform/db/database';
import { createLogger } from '../../server/platform/logger';

let template: Promise<Blob> | undefined;

async function embeddedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const client = await PGlite.create();
    await migrate(drizzle(client) as never, { migrationsFolder: MIGRATIONS_DIR });
    const dump = await client.dumpDataDir('none');
    await client.close();
    return dump;
  })();
  return template;
}

/** A fresh, migrated database for one test app. */
export async function freshDatabase(): Promise<Database & { url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openDatabase({ dataDir: 'memory://', pgliteTemplate: await embeddedTemplate() });
  const created = await createServerDatabase(serverUrl);
  const database = await openDatabase({ url: created.url, dataDir: '', poolSize: 5 });
  return {
    ...database,
    url: created.url,
    close: async () => {
      await database.close();
      await created.drop();
    },
  };
}

export interface TestAppOptions {
  /** Seed the demo data (courts, staff, bidders, cases). Default true. */
  demo?: boolean;
  /** Serve the built client (browser tests). */
  serveClient?: boolean;
  clock?: Clock;
  env?: Record<string, string>;
  database?: Database;
  /** Run the outbox worker, scheduled jobs and inquiry recovery (default true); false when a test drives them. */
  workers?: boolean;
}

export type BootedApp = Awaited<ReturnType<typeof boot>>;

export interface TestApp {
  url: string;
  app: BootedApp;
  config: Config;
  clock: Clock;
  close(): Promise<void>;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zx-test-'));
  const config: Config = {
    ...loadConfig({
      DATA_DIR: dataDir,
      APP_SECRET: 'test-secret-0123456789-0123456789-abcdef',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DEMO_DATA: options.demo === false ? 'false' : 'true',
      // The simulated network answers at once and without faults unless a test asks otherwise.
      SIM_LATENCY_SCALE: '0',
      SIM_FAULTS: 'false',
      SIM_THREAD: 'main',
      NETWORK_TIMEOUT_MS: '5000',
      ...options.env,
    }),
    serveClient: Boolean(options.serveClient),
    scryptN: 1024,
  };
  const clock = options.clock ?? new FakeClock();
  let app: BootedApp;
  let url: string;
  try {
    const database = options.database ?? (await freshDatabase());
    app = await boot(config, { clock, database, logger: createLogger(config.logLevel), workers: options.workers });
    url = await app.listen(0, '127.0.0.1');
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    app,
    config,
    clock,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
