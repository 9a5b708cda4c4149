import { expect } from 'chai';
import { Reply } from '../../shared/institution-protocol';
import { institutionKey, verifySignature } from '../../server/platform/signing';
import { startSimulatorInWorker, type SimulatorInWorker } from '../../server/sim/worker-host';
import { LI_QIANG, NETWORK_SECRET, envelope, post } from './sim-helpers';

describe('sim/worker-host (the simulator on its own thread)', () => {
  let sim: SimulatorInWorker;
  before(async () => {
    sim = await startSimulatorInWorker({ networkSecret: NETWORK_SECRET, latency: { scale: 0 }, faults: false, logLevel: 'silent' });
  });
  after(() => sim.close());

  it('when started in a worker thread, then it serves the same signed HTTP API and its controls work across the thread', async () => {
    expect(sim.catalogue.map((i) => i.code)).to.include('B-ICBC');
    const inquiry = () => envelope({ institution: 'B-ICBC', type: 'inquiry', body: { debtor: LI_QIANG }, now: new Date() });
    const r = await post(sim.url, 'B-ICBC', inquiry());
    expect(r.status).to.equal(200);
    expect(verifySignature(institutionKey(NETWORK_SECRET, 'B-ICBC'), r.json)).to.equal(true);
    expect(Reply.parse(r.json).assets).to.have.length(2);

    await sim.setOutage('B-ICBC', true);
    expect((await post(sim.url, 'B-ICBC', inquiry())).status).to.equal(503);
    await sim.setOutage('B-ICBC', false);
    expect((await sim.stats()).executed).to.equal(1);
    expect(await sim.expireDue()).to.equal(0);
    let refused = '';
    await sim.setFaults('B-NOPE', {}).catch((e: Error) => (refused = e.message));
    expect(refused).to.match(/unknown institution B-NOPE/);
  });
});
