/**
 * `npm run demo:reset`: wipes the database and seeds the demo again. Stop the server first.
 * Embedded: removes DATA_DIR/pgdata. Server: drops every table of the database DATABASE_URL names.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../config';
import { boot } from '../bootstrap';
import { createLogger } from '../platform/logger';

const config = { ...loadConfig(), demoData: true };
if (config.databaseUrl) {
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; CREATE SCHEMA public;');
  await client.end();
} else {
  rmSync(path.join(config.dataDir, 'pgdata'), { recursive: true, force: true });
}
const app = await boot(config, { logger: createLogger('warn') });
await app.close();
process.stdout.write(`Demo data reset (${config.databaseUrl ? 'PostgreSQL server' : `embedded, ${config.dataDir}`}).\n`);
