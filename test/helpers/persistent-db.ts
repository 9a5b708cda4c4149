/**
 * A database that outlives the app using it, so a test can stop the server and then reopen the same data with a
 * fresh connection or hand it to a CLI run in a child process: an embedded PGlite directory by default, or a new
 * database on the PostgreSQL server when TEST_DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServerDatabase } from './server-database';
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
  const created = await createServerDatabase(serverUrl);
  return {
    kind: 'server',
    open: () => openDatabase({ url: created.url, dataDir: '', poolSize: 5 }),
    env: { DATA_DIR: dataDir, DATABASE_URL: created.url },
    dispose: async () => {
      await created.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
