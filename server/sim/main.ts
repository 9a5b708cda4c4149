/**
 * `npm run sim`: the institution network simulator as a program of its own. The platform usually starts the same
 * simulator in-process; run this one to put the network in another process or on another machine.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { z } from 'zod';
import { DEMO_SIZE, maxCatalogueSize } from './catalogue';
import { startSimulator } from './server';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const Env = z.object({
  SIM_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  SIM_HOST: z.string().default('0.0.0.0'),
  SIM_SEED: z.string().min(1).default('zhixing-demo'),
  SIM_SIZE: z.coerce.number().int().min(1).max(maxCatalogueSize()).default(DEMO_SIZE),
  NETWORK_SECRET: z.string().min(16).optional(),
  SIM_LATENCY_SCALE: z.coerce.number().min(0).default(1),
  SIM_MAX_LATENCY_MS: z.coerce.number().int().positive().optional(),
  SIM_FAULTS: flag.default(true),
  /** Where the platform is, for joint-punishment checks and interception reports (or POST /admin/platform later). */
  PLATFORM_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const parsed = Env.safeParse(process.env);
if (!parsed.success) {
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
  process.stderr.write(`Invalid simulator configuration:\n${lines}\n`);
  process.exit(2);
}
const env = parsed.data;
const logger = pino({ level: env.LOG_LEVEL, base: { app: 'zhixing-sim' } });

const generated = !env.NETWORK_SECRET;
const networkSecret = env.NETWORK_SECRET ?? randomBytes(32).toString('base64url');

const sim = await startSimulator({
  port: env.SIM_PORT,
  host: env.SIM_HOST,
  seed: env.SIM_SEED,
  size: env.SIM_SIZE,
  networkSecret,
  latency: { scale: env.SIM_LATENCY_SCALE, maxMs: env.SIM_MAX_LATENCY_MS },
  faults: env.SIM_FAULTS,
  platformUrl: env.PLATFORM_URL,
  logger,
});

const manual = sim.catalogue.filter((i) => i.mode === 'manual').length;
process.stdout.write(
  [
    '',
    `  Institution network simulator listening at ${sim.url}`,
    `  ${sim.catalogue.length} institutions (${manual} answered by hand), seed "${env.SIM_SEED}", latency ×${env.SIM_LATENCY_SCALE}, faults ${env.SIM_FAULTS ? 'on' : 'off'}`,
    ...(generated ? [`  NETWORK_SECRET was not set; generated for this run (give the platform the same): ${networkSecret}`] : []),
    '',
  ].join('\n') + '\n',
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'simulator shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await sim.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
