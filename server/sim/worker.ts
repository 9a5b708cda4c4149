/**
 * Entry point of the simulator inside a worker thread (see worker-host.ts): starts it with the options it was given
 * and answers the host's control calls. Runs the HTTP server on the worker's own event loop, so the simulated
 * network's CPU does not land on the platform's thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import { startSimulator, type Simulator } from './server';
import type { ControlCall, ControlReply, WorkerOptions, WorkerReady } from './worker-host';

const port = parentPort;
if (!port) throw new Error('server/sim/worker.ts must run in a worker thread');
const { logLevel, entry: _entry, tsxApi: _tsxApi, ...options } = workerData as WorkerOptions & { entry: string; tsxApi: string };

const sim: Simulator = await startSimulator({ ...options, logger: pino({ level: logLevel ?? 'warn', base: { app: 'zhixing-sim' } }) });
port.postMessage({ type: 'ready', url: sim.url, catalogue: sim.catalogue } satisfies WorkerReady);

port.on('message', (call: ControlCall) => {
  void (async () => {
    let reply: ControlReply;
    try {
      switch (call.op) {
        case 'setOutage':
          sim.setOutage(call.code, call.down);
          reply = { id: call.id, ok: true, value: null };
          break;
        case 'setFaults':
          sim.setFaults(call.code, call.rates);
          reply = { id: call.id, ok: true, value: null };
          break;
        case 'expireDue':
          reply = { id: call.id, ok: true, value: sim.expireDue() };
          break;
        case 'stats':
          reply = { id: call.id, ok: true, value: sim.stats() };
          break;
        case 'close':
          await sim.close();
          reply = { id: call.id, ok: true, value: null };
          break;
      }
    } catch (err) {
      reply = { id: call.id, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
    if (call.op === 'close') port.close();
  })();
});
