/**
 * A database that outlives the app using it, so a test can stop the server and then reopen the same data with a
 * fresh connection or hand it to a CLI run in a child process: an embedded PGlite directory by default, or a new
 * database on the PostgreSQL server when TEST_DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/platform/db/database';

export interface PersistentDatabase {
  /** Opens (and migrates) the database; closing the result leaves the data in place. */
  open(): Promise<Database>;
  /** The environment a child process needs to open the same database (DATA_DIR, and DATABASE_URL for a server). */
  env: Record<string, string>;
  kind: 'embedded' | 'server';
  /** Removes the data for good. */
  dispose(): Promise<void>;
}

export async function persistentDatabase(): Promise<PersistentDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zx-persist-'));
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    return {
      kind: 'embedded',
      open: () => openDatabase({ dataDir }),
      env: { DATA_DIR: dataDir },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `zx_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'server',
    open: () => openDatabase({ url: url.toString(), dataDir: '', poolSize: 5 }),
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    dispose: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
