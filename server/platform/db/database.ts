/**
 * The database: PGlite embedded (default, persisted under DATA_DIR) or a PostgreSQL server (DATABASE_URL).
 * Both run the same Drizzle schema and the same SQL migrations; nothing outside this file knows which one it is.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawn } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** The database, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction; it can be passed wherever a Db is expected. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DatabaseKind = 'embedded' | 'server';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

const MIGRATION_LOCK = 7_303_000;

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  /** PostgreSQL server URL; when absent PGlite is used. */
  url?: string | undefined;
  /** Directory for PGlite's files; `memory://` for an in-memory database. */
  dataDir: string;
  /** Connections in the pool (server only). */
  poolSize?: number;
  /** A PGlite data directory dump to start from instead of an empty cluster (tests use a migrated template). */
  pgliteTemplate?: Blob | File;
}

/** Opens the database and applies the pending migrations. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead of crashing the process
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    try {
      // Several processes may start at once (replicas): one migrates, the others wait for it and then find nothing to do.
      const lock = await pool.connect();
      try {
        await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migrateNodePg(db as never, { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        lock.release();
      }
    } catch (err) {
      await pool.end();
      throw err;
    }
    return { db, kind: 'server', close: () => pool.end() };
  }
  const dir = options.dataDir === 'memory://' ? undefined : path.join(options.dataDir, 'pgdata');
  if (dir) mkdirSync(dir, { recursive: true });
  const unlock = dir ? lockDataDir(options.dataDir) : () => undefined;
  try {
    if (dir && !options.pgliteTemplate && !existsSync(path.join(dir, 'PG_VERSION'))) await initClusterInChild(dir);
    const client = await PGlite.create(dir, {
      ...(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {}),
      // bytea parameters go as they are, in binary format; PGlite's own serializer spells each byte out in hex in
      // JavaScript, which made a megabyte of journal cost a second. (The pg driver sends Buffers as hex, in C++.)
      serializers: { [BYTEA_OID]: ((value: Uint8Array) => value) as unknown as (x: unknown) => string },
    });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    return {
      db,
      kind: 'embedded',
      close: async () => {
        await client.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}

/**
 * Creates a new embedded cluster in a short-lived child process. PGlite runs initdb in a second WebAssembly instance
 * whose memory (about 450 MB) would stay with the process; in a child it is gone when the child exits, and the
 * platform then opens the ready cluster in about 200 MB.
 */
async function initClusterInChild(dir: string): Promise<void> {
  const pglite = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  const code = `const { PGlite } = await import(${JSON.stringify(pglite)}); await (await PGlite.create(${JSON.stringify(dir)})).close();`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('exit', (status) => (status === 0 ? resolve() : reject(new Error(`initialising the embedded database failed (exit ${status}): ${stderr.slice(-2000)}`))));
  });
}

const BYTEA_OID = 17;

/**
 * A JSON value as one SQL parameter, for set-based writes of many rows (`json_populate_recordset(null::t, jsonParam(rows))`).
 * It travels as UTF-8 bytes (bytea): PGlite measures a string parameter character by character in JavaScript, twice,
 * which for the megabytes of a journal batch cost more than the database's own work.
 */
export function jsonParam(value: unknown): SQL {
  return sql`convert_from(${Buffer.from(JSON.stringify(value))}::bytea, 'UTF8')::json`;
}

/** Runs raw SQL and returns its rows, the same way on both drivers. Prefer the query builder; this is for set-based updates it cannot express. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
