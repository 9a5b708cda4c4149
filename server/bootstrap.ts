/** Opens the database, makes sure reference data exists, seeds the demo on an empty database, builds the app. */
import { createApp, type App, type AppOptions } from './app';
import type { Config } from './config';
import { systemClock, type Clock } from './platform/clock';
import { openDatabase, type Database } from './platform/db/database';
import { createLogger, type Logger } from './platform/logger';
import { ensureReferenceCourts } from './modules/courts';
import { seedDemoIfEmpty } from './modules/demo';
import { syncCatalogue } from './modules/network';
import { HttpPaymentGateway } from './modules/payments';
import { startSimulator, type SimulatorStats } from './sim/server';
import { startSimulatorInWorker } from './sim/worker-host';
import type { SimInstitution } from './sim/catalogue';

/** The in-process institution network, on its own thread or the main one. */
export interface LocalNetwork {
  url: string;
  catalogue: SimInstitution[];
  stats(): Promise<SimulatorStats>;
  /** Takes an institution off the network (or back on): for fault drills and tests. */
  setOutage(code: string, down: boolean): Promise<void>;
  close(): Promise<void>;
}

export interface BootOptions {
  clock?: Clock;
  logger?: Logger;
  /** An already-open database (tests); otherwise opened from the configuration. */
  database?: Database;
  identityVerifier?: AppOptions['identityVerifier'];
  /** Start the background work when listening (default true). */
  workers?: boolean;
}

export async function boot(config: Config, options: BootOptions = {}): Promise<App & { seeded: boolean; simulator: LocalNetwork | undefined }> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const database = options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize }));
  let simulator: LocalNetwork | undefined;
  try {
    await ensureReferenceCourts(database.db);
    // Without NETWORK_URL the institution network is the simulator, started here on a free port.
    let networkUrl = config.network.url;
    if (!networkUrl) {
      const sim = config.network.sim;
      const common = {
        port: 0,
        host: '127.0.0.1',
        seed: sim.seed,
        size: sim.size,
        networkSecret: config.network.secret,
        latency: { scale: sim.latencyScale, maxMs: sim.maxLatencyMs },
        faults: sim.faults,
      };
      if (sim.thread === 'worker') {
        // Its own thread: the simulated institutions' work does not share the platform's event loop (real clock only).
        simulator = await startSimulatorInWorker({ ...common, logLevel: config.logLevel === 'silent' ? 'silent' : 'warn' });
      } else {
        const inThread = await startSimulator({ ...common, clock: () => clock.now(), logger: logger.child({ component: 'simulator' }) });
        simulator = {
          url: inThread.url,
          catalogue: inThread.catalogue,
          stats: async () => inThread.stats(),
          setOutage: async (code, down) => inThread.setOutage(code, down),
          close: () => inThread.close(),
        };
      }
      networkUrl = simulator.url;
    }
    const institutions = await syncCatalogue(database.db, networkUrl);
    logger.info({ networkUrl, institutions, simulated: Boolean(simulator) }, 'institution network connected');
    // The bank is on the same network (the simulator's `/bank` by default), keyed from the network secret too.
    const paymentGateway = new HttpPaymentGateway({ bankUrl: `${networkUrl}/bank`, networkSecret: config.network.secret, clock, timeoutMs: config.network.timeoutMs });
    const app = await createApp({ config, database, clock, logger, identityVerifier: options.identityVerifier, networkUrl, paymentGateway, workers: options.workers });
    const seeded = config.demoData ? await seedDemoIfEmpty(app.ctx) : false;
    const close = app.close;
    const listen = app.listen;
    return {
      ...app,
      seeded,
      simulator,
      // The simulated registries and payment platforms check the list with the platform and report interceptions
      // to it (joint punishment), so once listening the platform tells the simulator where it is.
      listen: async (port, host) => {
        const url = await listen(port, host);
        if (simulator) await tellSimulatorWhereWeAre(simulator.url, config.publicUrl ?? url.replace('localhost', '127.0.0.1'), logger);
        return url;
      },
      close: async () => {
        await close();
        await simulator?.close();
        await database.close();
      },
    };
  } catch (err) {
    await simulator?.close();
    await database.close();
    throw err;
  }
}

async function tellSimulatorWhereWeAre(simUrl: string, platformUrl: string, logger: Logger): Promise<void> {
  try {
    const res = await fetch(`${simUrl}/admin/platform`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: platformUrl }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) logger.warn({ status: res.status }, 'the simulator did not take the platform URL');
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'the simulator did not take the platform URL');
  }
}
