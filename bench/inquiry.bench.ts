/**
 * `npm run bench:inquiry`: the platform against the simulated network of 4,000 institutions (latency median about
 * 200 ms with a long tail, about 1 % errors, a few timeouts and malformed replies), on the embedded database.
 *   1. one inquiry to every institution: time until 99 % and 100 % are settled (answered, or failed after retries),
 *      adapter calls per second, peak memory, and settle time ÷ the slowest latency the simulator drew (the ideal);
 *   2. 20 inquiries at once (80,000 calls): calls per second, settle time, peak memory.
 * The simulator stands for thousands of banks and registries elsewhere: by default it runs as its own process
 * (`npm run sim`), on the same two cores, and its memory is reported apart from the platform's. `BENCH_SIM=thread`
 * runs it in a worker thread of the platform instead, as `npm start` does, and the platform's figure then includes it.
 * Prints one line of JSON at the end.
 */
import os from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { io } from 'socket.io-client';
import { boot } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/platform/logger';
import { completeResidentId } from '../shared/identity';
import { DEMO_PASSWORD } from '../server/modules/demo';

const SIZE = Number(process.env.BENCH_INSTITUTIONS ?? 4000);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 20);
const SIM_MODE = process.env.BENCH_SIM === 'thread' ? 'thread' : 'process';
// The slowest institutions answer within 6 s; the adapter waits 7 s before it calls an attempt timed out.
const MAX_LATENCY_MS = process.env.SIM_MAX_LATENCY_MS ?? '6000';

interface SimStats {
  received: number;
  maxLatencyMs?: number;
}

/** Starts `npm run sim` as a child process on a free port; resolves with its URL once it listens. */
async function startSimProcess(secret: string): Promise<{ url: string; child: ChildProcess }> {
  const main = fileURLToPath(new URL('../server/sim/main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, SIM_PORT: '0', SIM_HOST: '127.0.0.1', SIM_SIZE: String(SIZE), SIM_LATENCY_SCALE: '1', SIM_FAULTS: 'true', SIM_MAX_LATENCY_MS: MAX_LATENCY_MS, NETWORK_SECRET: secret, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code} before listening`)));
  });
  return { url, child };
}

/** CPU time (user + system) another process has used so far (Linux), in ms; 0 where /proc is not there. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime and stime, in clock ticks of 1/100 s
  } catch {
    return 0;
  }
}

/** Peak resident memory of another process (Linux), in bytes; 0 where /proc is not there. */
function peakRssOf(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zx-bench-'));
const secret = randomBytes(32).toString('base64url');
const external = SIM_MODE === 'process' ? await startSimProcess(secret) : undefined;
const config = {
  ...loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    NETWORK_SECRET: secret,
    ...(external ? { NETWORK_URL: external.url } : {}),
    SIM_SIZE: String(SIZE),
    SIM_LATENCY_SCALE: '1',
    SIM_FAULTS: 'true',
    SIM_MAX_LATENCY_MS: MAX_LATENCY_MS,
    NETWORK_TIMEOUT_MS: process.env.NETWORK_TIMEOUT_MS ?? '7000',
  }),
  serveClient: false,
};
const app = await boot(config, { logger: createLogger(config.logLevel) });
const url = await app.listen(0, '127.0.0.1');
const sim = external
  ? {
      stats: async (): Promise<SimStats> => (await fetch(`${external.url}/stats`)).json() as Promise<SimStats>,
      manual: ((await (await fetch(`${external.url}/catalogue`)).json()) as { institutions: { mode: string }[] }).institutions.filter((i) => i.mode === 'manual').length,
    }
  : { stats: (): Promise<SimStats> => app.simulator!.stats(), manual: app.simulator!.catalogue.filter((i) => i.mode === 'manual').length };

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

const login = await request(url).post('/api/auth/login').send({ username: 'judge.wang', password: DEMO_PASSWORD });
const auth = { Authorization: `Bearer ${login.body.token as string}` };
const judgeId = login.body.user.id as string;
const socket = io(url, { auth: { token: login.body.token as string }, transports: ['websocket'] });
const latest = new Map<string, { total: number; answered: number; failed: number; timedOut: number }>();
socket.on('inquiry.progress', (p: { id: string; total: number; answered: number; failed: number; timedOut: number }) => latest.set(p.id, p));
await new Promise((r) => socket.once('hello', r));

async function newCaseWithDebtor(i: number): Promise<{ caseId: string; partyId: string }> {
  const res = await request(url)
    .post('/api/cases')
    .set(auth)
    .send({
      judgeId,
      cause: '民间借贷纠纷',
      basis: `（2026）京0105民初${9000 + i}号民事判决书`,
      claimAmount: '500000.00',
      creditors: [{ kind: 'person', name: '张某', idNumber: completeResidentId(`11010519700101${String(i % 1000).padStart(3, '0')}`) }],
      debtors: [{ kind: 'person', name: `债务人${i}`, idNumber: completeResidentId(`1101051985${String(1 + (i % 12)).padStart(2, '0')}15${String(i % 1000).padStart(3, '0')}`) }],
    });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return { caseId: res.body.id, partyId: res.body.parties.find((p: { role: string }) => p.role === 'debtor').id };
}

/** Starts inquiries and follows them until all settle; returns timings. */
async function run(count: number): Promise<{ settle99Ms: number; settle100Ms: number; calls: number; callsPerSec: number; total: number; manual: number; platformCpuMsPerCall: number; simCpuMsPerCall: number }> {
  const subjects = await Promise.all(Array.from({ length: count }, (_, i) => newCaseWithDebtor(i + count * 100)));
  const before = (await sim.stats()).received;
  peakRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const simCpu0 = cpuMsOf(external?.child.pid);
  const ids = await Promise.all(
    subjects.map(async (s) => {
      const res = await request(url).post(`/api/cases/${s.caseId}/inquiries`).set(auth).send({ partyId: s.partyId });
      if (res.status !== 202) throw new Error(JSON.stringify(res.body));
      return res.body.id as string;
    }),
  );
  const manual = sim.manual;
  let settle99Ms = 0;
  for (;;) {
    // Follow the progress the judge's browser receives (pushed after each batch of answers is recorded).
    await new Promise((r) => socket.once('inquiry.progress', r));
    const progress = ids.map((id) => latest.get(id)).filter((p) => p !== undefined);
    if (progress.length < ids.length) continue;
    const total = progress.reduce((s, p) => s + p.total, 0);
    // Manual institutions answer from a person's inbox, hours later in real life: they are not part of the settle time.
    const automatic = total - manual * count;
    const settled = progress.reduce((s, p) => s + p.answered + p.failed + p.timedOut, 0);
    const elapsed = performance.now() - t0;
    if (!settle99Ms && settled >= 0.99 * automatic) settle99Ms = elapsed;
    if (settled >= automatic) {
      const calls = (await sim.stats()).received - before;
      const cpu = process.cpuUsage(cpu0);
      const perCall = (ms: number) => Number((ms / calls).toFixed(3));
      return {
        settle99Ms: Math.round(settle99Ms),
        settle100Ms: Math.round(elapsed),
        calls,
        callsPerSec: Math.round((calls / elapsed) * 1000),
        total,
        manual,
        platformCpuMsPerCall: perCall((cpu.user + cpu.system) / 1000),
        simCpuMsPerCall: perCall(cpuMsOf(external?.child.pid) - simCpu0),
      };
    }
    if (elapsed > 180_000) throw new Error(`not settled after 180 s: ${settled}/${automatic}`);
  }
}

const slowest = async () => (await sim.stats()).maxLatencyMs ?? 0;

const one = await run(1);
const oneRss = peakRss;
const ideal = await slowest();
console.log(`1 inquiry × ${one.total} institutions (${one.manual} manual, excluded): 99 % settled in ${one.settle99Ms} ms, 100 % in ${one.settle100Ms} ms; ${one.calls} calls, ${one.callsPerSec} calls/s; slowest simulated latency ${Math.round(ideal)} ms; platform peak RSS ${Math.round(oneRss / 1048576)} MB`);

const many = await run(PARALLEL);
const manyRss = peakRss;
const simRss = peakRssOf(external?.child.pid);
console.log(`${PARALLEL} inquiries at once × ${SIZE} institutions: ${many.calls} calls, 100 % settled in ${many.settle100Ms} ms, ${many.callsPerSec} calls/s; platform peak RSS ${Math.round(manyRss / 1048576)} MB; CPU per call: platform ${many.platformCpuMsPerCall} ms${external ? `, simulator ${many.simCpuMsPerCall} ms` : ''}`);
console.log(external ? `simulator (own process): peak RSS ${Math.round(simRss / 1048576)} MB` : 'simulator in a worker thread of the platform: its memory is in the figures above');

clearInterval(sampler);
socket.close();
await app.close();
external?.child.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    cores: os.cpus().length,
    simulator: SIM_MODE,
    institutions: SIZE,
    settle99Ms: one.settle99Ms,
    settle100Ms: one.settle100Ms,
    callsPerSec: one.callsPerSec,
    peakRssMb: Math.round(oneRss / 1048576),
    slowestLatencyMs: Math.round(ideal),
    idealRatio: ideal ? Number((one.settle100Ms / ideal).toFixed(2)) : null,
    parallel: PARALLEL,
    parallelCalls: many.calls,
    parallelSettle100Ms: many.settle100Ms,
    parallelCallsPerSec: many.callsPerSec,
    parallelPeakRssMb: Math.round(manyRss / 1048576),
    parallelPlatformCpuMsPerCall: many.platformCpuMsPerCall,
    parallelSimulatorCpuMsPerCall: external ? many.simCpuMsPerCall : null,
    simulatorPeakRssMb: external ? Math.round(simRss / 1048576) : null,
  }),
);
process.exit(0);
