/**
 * Configuration from environment variables. Every variable, its default and its meaning is listed in README.md
 * (section "Configuration"); keep the two in step.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  REDIS_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  APP_SECRET: z.string().min(32).optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  DEMO_DATA: z.enum(['true', 'false']).default('true'),
  PUBLIC_URL: z.string().optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  NETWORK_URL: z.string().url().optional(),
  NETWORK_SECRET: z.string().min(32).optional(),
  NETWORK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  NETWORK_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  INQUIRY_CONCURRENCY: z.coerce.number().int().min(1).max(5000).default(2048),
  SIM_SIZE: z.coerce.number().int().min(10).max(16_887).default(50),
  SIM_MAX_LATENCY_MS: z.coerce.number().int().positive().optional(),
  SIM_SEED: z.string().default('zhixing-demo'),
  SIM_LATENCY_SCALE: z.coerce.number().min(0).default(1),
  SIM_FAULTS: z.enum(['true', 'false']).default('true'),
  SIM_THREAD: z.enum(['worker', 'main']).default('worker'),
  MEASURE_REMINDER_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  JOBS_CRON: z.string().default('*/1 * * * *'),
  BID_RATE_PER_SEC: z.coerce.number().min(0.1).max(100_000).default(5),
  HOLIDAY_CALENDAR: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database under dataDir is used. */
  databaseUrl: string | undefined;
  /** Connections each process keeps to the PostgreSQL server. */
  databasePoolSize: number;
  redisUrl: string | undefined;
  logLevel: string;
  /** Secret for signatures (institution messages, query codes). Generated once and kept in dataDir when not given. */
  appSecret: string;
  sessionTtlMs: number;
  demoData: boolean;
  publicUrl: string | undefined;
  trustProxy: boolean;
  /** Serve the built client from client/dist. */
  serveClient: boolean;
  /** scrypt cost parameter N; tests lower it. */
  scryptN: number;
  network: {
    /** Base URL of the institution network; when absent the simulator is started in-process. */
    url: string | undefined;
    /** Shared secret the institutions' keys derive from. */
    secret: string;
    timeoutMs: number;
    attempts: number;
    inquiryConcurrency: number;
    /** The in-process simulator: its size, seed, behaviour, and whether it runs on its own thread (worker) or the main one (tests with a fake clock). */
    sim: { size: number; seed: string; latencyScale: number; maxLatencyMs: number | undefined; faults: boolean; thread: 'worker' | 'main' };
  };
  measureReminderDays: number;
  /** When scheduled jobs (lapse, reminders) run. */
  jobsCron: string;
  /** Bids (and proxy maxima) a bidder, and a socket, may send per second (a short burst of as many is allowed). */
  bidRatePerSec: number;
  /** A JSON file of public holidays and make-up working days laid over the built-in calendar (shared/working-days.ts). */
  holidayCalendar?: string;
}

/** Reads the configuration; the secret is created in DATA_DIR/secrets.json on first use when APP_SECRET is not set. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const appSecret = e.APP_SECRET ?? loadOrCreateSecret(dataDir);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL || undefined,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL || undefined,
    logLevel: e.LOG_LEVEL,
    appSecret,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    demoData: e.DEMO_DATA === 'true',
    publicUrl: e.PUBLIC_URL,
    trustProxy: e.TRUST_PROXY === 'true',
    serveClient: true,
    scryptN: 16384,
    network: {
      url: e.NETWORK_URL,
      secret: e.NETWORK_SECRET ?? createHash('sha256').update(`network:${appSecret}`).digest('hex'),
      timeoutMs: e.NETWORK_TIMEOUT_MS,
      attempts: e.NETWORK_ATTEMPTS,
      inquiryConcurrency: e.INQUIRY_CONCURRENCY,
      sim: { size: e.SIM_SIZE, seed: e.SIM_SEED, latencyScale: e.SIM_LATENCY_SCALE, maxLatencyMs: e.SIM_MAX_LATENCY_MS, faults: e.SIM_FAULTS === 'true', thread: e.SIM_THREAD },
    },
    measureReminderDays: e.MEASURE_REMINDER_DAYS,
    jobsCron: e.JOBS_CRON,
    bidRatePerSec: e.BID_RATE_PER_SEC,
    holidayCalendar: e.HOLIDAY_CALENDAR || undefined,
  };
}

function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { appSecret?: string };
    if (saved.appSecret) return saved.appSecret;
  }
  mkdirSync(dataDir, { recursive: true });
  const appSecret = randomBytes(32).toString('base64url');
  writeFileSync(file, JSON.stringify({ appSecret }, null, 2), { mode: 0o600 });
  return appSecret;
}
