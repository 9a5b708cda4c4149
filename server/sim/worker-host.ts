/**
 * Starts the simulator in a worker thread of the calling process. Meant for the platform's in-process default: the
 * network then answers from the other core instead of competing with the platform for its event loop (at 1,500
 * calls/s the simulator needs roughly half a core). Same HTTP API and options as startSimulator, except what cannot
 * cross a thread boundary (clock, logger, random source); tests that need a fake clock use startSimulator directly.
 *
 * The worker loads worker.ts through tsx, as the platform's own process does (`tsx server/main.ts` registers its
 * loader in the main thread only, so the worker registers it again unless it is already there).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SimInstitution } from './catalogue';
import type { FaultRates, SimulatorOptions, SimulatorStats } from './server';

export type WorkerOptions = Omit<SimulatorOptions, 'clock' | 'logger' | 'random'> & {
  /** pino level inside the worker; warn by default. */
  logLevel?: string;
};

export interface WorkerReady {
  type: 'ready';
  url: string;
  catalogue: SimInstitution[];
}

export type ControlCall = { id: number } & (
  | { op: 'setOutage'; code: string; down: boolean }
  | { op: 'setFaults'; code: string; rates: Partial<FaultRates> }
  | { op: 'expireDue' }
  | { op: 'stats' }
  | { op: 'close' }
);
type Op = ControlCall extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

export type ControlReply = { id: number } & ({ ok: true; value: unknown } | { ok: false; error: string });

/** The simulator in its worker: the same controls as Simulator, asynchronous. */
export interface SimulatorInWorker {
  url: string;
  catalogue: SimInstitution[];
  setOutage(code: string, down: boolean): Promise<void>;
  setFaults(code: string, rates: Partial<FaultRates>): Promise<void>;
  expireDue(): Promise<number>;
  stats(): Promise<SimulatorStats>;
  close(): Promise<void>;
}

const WORKER_BOOT = `
const { workerData } = require('node:worker_threads');
(async () => {
  try {
    await import(workerData.entry);
  } catch (err) {
    if (err && err.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
    (await import(workerData.tsxApi)).register();
    await import(workerData.entry + '?tsx'); // a new URL: the failed load above is cached under the plain one
  }
})().catch((err) => { throw err; });
`;

/**
 * The URL of tsx's ESM API, from its package's exports map: import.meta.resolve is missing under some loaders
 * (mocha with tsx), and require.resolve would give the CommonJS entry.
 */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exportsMap = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(path.join(path.dirname(manifest), exportsMap['./esm/api']!.import.default)).href;
}

export async function startSimulatorInWorker(options: WorkerOptions): Promise<SimulatorInWorker> {
  const worker = new Worker(WORKER_BOOT, { eval: true, workerData: {
      ...options,
      entry: new URL('./worker.ts', import.meta.url).href,
      tsxApi: tsxEsmApi(),
    },
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;

  const ready = await new Promise<WorkerReady>((resolve, reject) => {
    const onMessage = (m: WorkerReady) => {
      if (m.type !== 'ready') return;
      worker.off('error', reject);
      worker.off('message', onMessage);
      resolve(m);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`simulator worker exited with code ${code} before it was ready`)));
  });

  worker.on('message', (m: ControlReply | WorkerReady) => {
    if (!('id' in m)) return;
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.ok) w.resolve(m.value);
    else w.reject(new Error(m.error));
  });
  const failAll = (err: Error) => {
    failure = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`simulator worker exited (code ${code})`)));

  const call = <T>(op: Op): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...op, id });
    });
  };

  return {
    url: ready.url,
    catalogue: ready.catalogue,
    setOutage: (code, down) => call({ op: 'setOutage', code, down }),
    setFaults: (code, rates) => call({ op: 'setFaults', code, rates }),
    expireDue: () => call({ op: 'expireDue' }),
    stats: () => call({ op: 'stats' }),
    async close() {
      if (!failure) await call({ op: 'close' });
      await worker.terminate();
    },
  };
}
