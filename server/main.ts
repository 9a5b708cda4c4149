/** `npm start`: the whole product in one process. */
import { loadConfig } from './config';
import { boot } from './bootstrap';
import { createLogger } from './platform/logger';
import { demoLoginLines } from './modules/demo';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const app = await boot(config, { logger });
const url = await app.listen(config.port, config.host);

logger.info({ url, database: app.ctx.dbKind, dataDir: config.databaseUrl ? undefined : config.dataDir }, 'Zhixing is listening');
const banner = [
  '',
  `  Zhixing (执行) is running at ${config.publicUrl ?? url}`,
  `  Database: ${app.ctx.dbKind === 'embedded' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL server'}`,
  `  API description: ${config.publicUrl ?? url}/api/openapi.json`,
  ...(config.demoData ? ['', ...demoLoginLines().map((l) => `  ${l}`)] : []),
  '',
];
process.stdout.write(banner.join('\n') + '\n');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: no new requests, finishing the ones in flight');
  const force = setTimeout(() => {
    logger.error('shutdown took longer than 15 s; exiting');
    process.exit(1);
  }, 15_000);
  force.unref();
  try {
    await app.close();
    logger.info('stopped cleanly');
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'error while shutting down');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
