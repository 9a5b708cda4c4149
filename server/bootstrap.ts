/** Opens the database, makes sure reference data exists, seeds the demo on an empty database, builds the app. */
import { createApp, type App, type AppOptions } from './app';
import type { Config } from './config';
import { systemClock, type Clock } from './platform/clock';
import { openDatabase, type Database } from './platform/db/database';
import { createLogger, type Logger } from './platform/logger';
import { ensureReferenceCourts } from './modules/courts';
import { seedDemoIfEmpty } from './modules/demo';

export interface BootOptions {
  clock?: Clock;
  logger?: Logger;
  /** An already-open database (tests); otherwise opened from the configuration. */
  database?: Database;
  identityVerifier?: AppOptions['identityVerifier'];
}

export async function boot(config: Config, options: BootOptions = {}): Promise<App & { seeded: boolean }> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const database = options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  try {
    await ensureReferenceCourts(database.db);
    const app = await createApp({ config, database, clock, logger, identityVerifier: options.identityVerifier });
    const seeded = config.demoData ? await seedDemoIfEmpty(app.ctx) : false;
    const close = app.close;
    return {
      ...app,
      seeded,
      close: async () => {
        await close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
