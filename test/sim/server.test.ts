import { expect } from 'chai';
import { Callback, Reply, type Asset, type Envelope } from '../../shared/institution-protocol';
import { FakeClock } from '../../server/platform/clock';
import { institutionKey, sign, verifySignature } from '../../server/platform/signing';
import { Rng } from '../../server/sim/random';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../server/sim/server';
import {
  CHAOYANG,
  CallbackReceiver,
  HAIDIAN,
  LI_QIANG,
  NETWORK_SECRET,
  PUDONG,
  envelope,
  inFuture,
  post,
  silentLogger,
  sleep,
} from './sim-helpers';

describe('sim/server (the network behind HTTP)', () => {
  let clock: FakeClock;
  let sim: Simulator;
  let receiver: CallbackReceiver;

  const start = async (over: Partial<SimulatorOptions> = {}) => {
    sim = await startSimulator({
      networkSecret: NETWORK_SECRET,
      latency: { scale: 0 },
      faults: false,
      clock: () => clock.now(),
      logger: silentLogger,
      callbackRetryDelaysMs: [20, 40],
      ...over,
    });
    return sim;
  };

  beforeEach(async () => {
    clock = new FakeClock('2026-11-25T08:00:00.000Z');
    receiver = await new CallbackReceiver().start();
  });
  afterEach(async () => {
    await sim?.close();
    await receiver.stop();
  });

  const inquiry = (institution: string, debtor = LI_QIANG, extra: Partial<Parameters<typeof envelope>[0]> = {}) =>
    envelope({ institution, type: 'inquiry', body: { debtor }, now: clock.now(), ...extra });
  const assetsAt = async (institution: string, debtor = LI_QIANG): Promise<Asset[]> => {
    const r = await post(sim.url, institution, inquiry(institution, debtor));
    expect(r.status, r.text).to.equal(200);
    return Reply.parse(r.json).assets!;
  };
  const freeze = (institution: string, assetRef: string, amount: string, extra: Partial<Parameters<typeof envelope>[0]> & { days?: number } = {}) =>
    envelope({
      institution,
      type: 'freeze',
      body: { assetRef, debtor: LI_QIANG, amount, until: inFuture(clock.now(), extra.days ?? 300) },
      now: clock.now(),
      callbackUrl: receiver.url,
      ...extra,
    });
  /** 李强's two ICBC deposits: the free one (8,920.17) and the one 海淀 already froze 50,000 of. */
  const icbcAccounts = async () => {
    const assets = await assetsAt('B-ICBC');
    return {
      free: assets.find((a) => a.balance === '8920.17')!,
      encumbered: assets.find((a) => a.balance === '126408.35')!,
    };
  };

  describe('inquiry and replies', () => {
    it('when a signed inquiry arrives, then the reply lists the assets with encumbrances and is signed with the institution key', async () => {
      await start();
      const r = await post(sim.url, 'B-ICBC', inquiry('B-ICBC'));
      expect(r.status).to.equal(200);
      const reply = Reply.parse(r.json);
      expect(verifySignature(institutionKey(NETWORK_SECRET, 'B-ICBC'), r.json)).to.equal(true);
      expect(reply).to.include({ status: 'answered', institution: 'B-ICBC' });
      expect(reply.assets!.map((a) => a.balance)).to.have.members(['126408.35', '8920.17']);
      const enc = reply.assets!.find((a) => a.balance === '126408.35')!.encumbrances;
      expect(enc).to.have.length(1);
      expect(enc[0]).to.include({ courtName: '北京市海淀区人民法院', rank: 1, amount: '50000.00', kind: 'freeze' });
    });

    it('when the catalogue is asked for, then every institution is listed with its behaviour and no key', async () => {
      await start();
      const res = await fetch(`${sim.url}/catalogue`);
      const body = (await res.json()) as { size: number; institutions: Record<string, unknown>[] };
      expect(body.size).to.equal(sim.catalogue.length);
      expect(body.institutions[0]).to.include({ code: 'B-ICBC', name: '中国工商银行', mode: 'auto', down: false });
      expect(JSON.stringify(body)).to.not.include(institutionKey(NETWORK_SECRET, 'B-ICBC'));
    });

    it('when a manual institution is sent a message, then 409 MANUAL_INSTITUTION; its records still show what it holds', async () => {
      await start();
      const r = await post(sim.url, 'RE-110000', inquiry('RE-110000'));
      expect(r.status).to.equal(409);
      expect(r.json.error).to.equal('MANUAL_INSTITUTION');
      const records = (await (await fetch(`${sim.url}/institutions/RE-110000/records?idNumber=${LI_QIANG.idNumber}`)).json()) as {
        assets: Asset[];
      };
      expect(records.assets.map((a) => a.identifier)).to.deep.equal(['京(2021)朝阳区不动产权第0031245号']);
      expect((await fetch(`${sim.url}/institutions/RE-110000/records`)).status).to.equal(400);
    });

    it('when an institution code is unknown, then 404', async () => {
      await start();
      expect((await post(sim.url, 'B-NOPE', inquiry('B-NOPE'))).status).to.equal(404);
    });
  });

  describe('signatures and freshness', () => {
    it('when a message is unsigned, altered, signed with another institution key or another secret, then 401 and nothing is executed', async () => {
      await start();
      const { free } = await icbcAccounts();
      const good = freeze('B-ICBC', free.assetRef, '1000.00');
      const { signature: _drop, ...unsigned } = good;
      const altered = { ...good, body: { ...good.body, amount: '9000.00' } };
      const { signature: _s, ...content } = good;
      const otherInstitution = sign<Envelope>(institutionKey(NETWORK_SECRET, 'B-ABC'), content);
      const otherSecret = freeze('B-ICBC', free.assetRef, '1000.00', { secret: 'some-other-network-secret-123456' });
      for (const [label, msg] of [
        ['unsigned', unsigned],
        ['empty signature', { ...good, signature: '' }],
        ['altered', altered],
        ['other institution key', otherInstitution],
        ['other secret', otherSecret],
      ] as const) {
        const r = await post(sim.url, 'B-ICBC', msg);
        expect(r.status, label).to.equal(401);
        expect(r.json.error, label).to.equal('BAD_SIGNATURE');
      }
      expect(sim.stats().executed).to.equal(1); // the inquiry only
      expect((await icbcAccounts()).free.encumbrances).to.be.empty;
    });

    it('when sentAt is more than 5 minutes old, then 401 STALE', async () => {
      await start();
      const old = inquiry('B-ICBC');
      clock.advance(5 * 60_000 + 1000);
      const r = await post(sim.url, 'B-ICBC', old);
      expect(r.status).to.equal(401);
      expect(r.json.error).to.equal('STALE');
    });

    it('when an envelope is addressed to another institution or its body does not fit its type, then 400', async () => {
      await start();
      const toAbc = inquiry('B-ABC');
      expect((await post(sim.url, 'B-ICBC', toAbc)).json.error).to.equal('WRONG_INSTITUTION');
      const bad = envelope({ institution: 'B-ICBC', type: 'freeze', body: { assetRef: 'x' }, now: clock.now() });
      const r = await post(sim.url, 'B-ICBC', bad);
      expect(r.status).to.equal(400);
      expect(r.json.error).to.equal('INVALID_BODY');
      expect((await post(sim.url, 'B-ICBC', '{not json')).status).to.equal(400);
    });
  });

  describe('exactly once', () => {
    it('when the same freeze notice arrives twice, then one measure is placed and both replies are byte-identical', async () => {
      await start();
      const { free } = await icbcAccounts();
      const notice = freeze('B-ICBC', free.assetRef, '5000.00');
      const first = await post(sim.url, 'B-ICBC', notice);
      const second = await post(sim.url, 'B-ICBC', notice);
      expect(first.status).to.equal(200);
      expect(second.text).to.equal(first.text);
      // A retry after the freshness window is re-stamped and re-signed: still the same notice.
      clock.advance(10 * 60_000);
      const { signature: _s, ...content } = notice;
      const restamped = sign<Envelope>(institutionKey(NETWORK_SECRET, 'B-ICBC'), { ...content, sentAt: clock.now().toISOString() });
      expect((await post(sim.url, 'B-ICBC', restamped)).text).to.equal(first.text);
      expect((await icbcAccounts()).free.encumbrances).to.have.length(1);
      expect(sim.stats()).to.deep.include({ replayed: 2 });
    });

    it('when a messageId is reused for a different notice, then 409 and nothing is executed', async () => {
      await start();
      const { free } = await icbcAccounts();
      const notice = freeze('B-ICBC', free.assetRef, '5000.00');
      await post(sim.url, 'B-ICBC', notice);
      const other = freeze('B-ICBC', free.assetRef, '6000.00', { messageId: notice.messageId });
      const r = await post(sim.url, 'B-ICBC', other);
      expect(r.status).to.equal(409);
      expect(r.json.error).to.equal('MESSAGE_ID_REUSED');
      expect((await icbcAccounts()).free.encumbrances.map((e) => e.amount)).to.deep.equal(['5000.00']);
    });
  });

  describe('freeze, queue, release, lapse, deduct', () => {
    it('when a freeze asks for more than the balance, then the reply reports the whole balance frozen, rank 1', async () => {
      await start();
      const { free } = await icbcAccounts();
      const reply = Reply.parse((await post(sim.url, 'B-ICBC', freeze('B-ICBC', free.assetRef, '20000.00'))).json);
      expect(reply).to.include({ status: 'executed', rank: 1, frozenAmount: '8920.17' });
      expect(reply.measureRef).to.match(/^M-/);
    });

    it('when an asset another court already froze is frozen, then the measure is queued in rank 2 with nothing frozen yet', async () => {
      await start();
      const { encumbered } = await icbcAccounts();
      const reply = Reply.parse((await post(sim.url, 'B-ICBC', freeze('B-ICBC', encumbered.assetRef, '100000.00'))).json);
      expect(reply).to.include({ status: 'executed', rank: 2, frozenAmount: '0.00' });
      const after = (await icbcAccounts()).encumbered.encumbrances;
      expect(after.map((e) => [e.rank, e.courtCode, e.amount])).to.deep.equal([
        [1, HAIDIAN.code, '50000.00'],
        [2, CHAOYANG.code, '0.00'],
      ]);
    });

    it('when the measure ahead is released, then the queued one takes effect and its court gets a signed callback', async () => {
      await start();
      const { free } = await icbcAccounts();
      const first = Reply.parse((await post(sim.url, 'B-ICBC', freeze('B-ICBC', free.assetRef, '3000.00', { court: PUDONG }))).json);
      const queued = Reply.parse((await post(sim.url, 'B-ICBC', freeze('B-ICBC', free.assetRef, '8000.00', { correlationId: 'case-42' }))).json);
      expect(queued.rank).to.equal(2);
      clock.advance(60_000);
      const release = envelope({
        institution: 'B-ICBC', type: 'release', court: PUDONG, now: clock.now(),
        body: { measureRef: first.measureRef!, reason: '申请执行人撤回申请' },
      });
      const r = Reply.parse((await post(sim.url, 'B-ICBC', release)).json);
      expect(r).to.include({ status: 'executed', measureRef: first.measureRef });
      const [raw] = await receiver.waitFor(1);
      expect(verifySignature(institutionKey(NETWORK_SECRET, 'B-ICBC'), raw!)).to.equal(true);
      const cb = Callback.parse(raw);
      expect(cb).to.include({ type: 'promoted', institution: 'B-ICBC', measureRef: queued.measureRef, rank: 1, frozenAmount: '8000.00', correlationId: 'case-42' });
      // Its term (300 days asked) runs from the day it took effect.
      expect(cb.effectiveUntil).to.equal(new Date(clock.nowMs() + 300 * 86_400_000).toISOString());
    });

    it('when the platform says the measure ahead lapsed, then the queued one takes effect and is announced likewise', async () => {
      await start();
      const { free } = await icbcAccounts();
      const first = Reply.parse((await post(sim.url, 'B-ICBC', freeze('B-ICBC', free.assetRef, '3000.00', { court: PUDONG }))).json);
      const queued = Reply.parse((await post(sim.url, 'B-ICBC', freeze('B-ICBC', free.assetRef, '8000.00'))).json);
      const lapse = envelope({ institution: 'B-ICBC', type: 'lapse', court: PUDONG, now: clock.now(), body: { measureRef: first.measureRef! } });
      expect(Reply.parse((await post(sim.url, 'B-ICBC', lapse)).json).status).to.equal('executed');
      const cb = Callback.parse((await receiver.waitFor(1))[0]);
      expect(cb).to.include({ measureRef: queued.measureRef, rank: 1, frozenAmount: '8000.00' });
    });

    it('when the expiry of the measure ahead passes unrenewed, then it lapses by itself and the callback follows', async () => {
      await start();
      const { free } = await icbcAccounts();
      const short = freeze('B-ICBC', free.assetRef, '3000.00', { court: PUDONG, days: 10 });
      expect((await post(sim.url, 'B-ICBC', short)).status).to.equal(200);
      const queued = Reply.parse((await post(sim.url, 'B-ICBC', freeze('B-ICBC', free.assetRef, '8000.00'))).json);
      clock.advance(11 * 86_400_000);
      expect(sim.expireDue()).to.equal(1);
      const cb = Callback.parse((await receiver.waitFor(1))[0]);
      expect(cb).to.include({ measureRef: queued.measureRef, rank: 1 });
    });

    it('when the callback endpoint fails at first, then the simulator retries with the same messageId until it is delivered', async () => {
      await start();
      receiver.failNext = 2;
      const { free } = await icbcAccounts();
      const first = Reply.parse((await post(sim.url, 'B-ICBC', freeze('B-ICBC', free.assetRef, '1.00', { court: PUDONG }))).json);
      await post(sim.url, 'B-ICBC', freeze('B-ICBC', free.assetRef, '2.00'));
      await post(sim.url, 'B-ICBC', envelope({ institution: 'B-ICBC', type: 'release', court: PUDONG, now: clock.now(), body: { measureRef: first.measureRef!, reason: 'x' } }));
      await receiver.waitFor(1);
      expect(receiver.attempts).to.have.length(3);
      expect(new Set(receiver.attempts.map((a) => a.messageId)).size).to.equal(1);
      for (const a of receiver.attempts) expect(verifySignature(institutionKey(NETWORK_SECRET, 'B-ICBC'), a)).to.equal(true);
      for (let i = 0; i < 50 && sim.stats().callbacks.sent === 0; i++) await sleep(10);
      expect(sim.stats().callbacks).to.deep.equal({ sent: 1, failedAttempts: 2, abandoned: 0 });
    });

    it('when frozen funds are deducted, then at most the frozen amount moves, the reply has a transfer reference, and the balance falls', async () => {
      await start();
      const cmb = (await assetsAt('B-CMB'))[0]!;
      expect(cmb.balance).to.equal('214800.00');
      const f = Reply.parse((await post(sim.url, 'B-CMB', freeze('B-CMB', cmb.assetRef, '100000.00'))).json);
      const deduct = (amount: string) =>
        envelope({ institution: 'B-CMB', type: 'deduct', now: clock.now(), body: { measureRef: f.measureRef!, amount, courtAccount: '0200004509200123456' } });
      const tooMuch = Reply.parse((await post(sim.url, 'B-CMB', deduct('100000.01'))).json);
      expect(tooMuch.status).to.equal('rejected');
      expect(tooMuch.reason).to.match(/扣划金额超过冻结金额/);
      const done = Reply.parse((await post(sim.url, 'B-CMB', deduct('60000.00'))).json);
      expect(done).to.include({ status: 'executed', deductedAmount: '60000.00', frozenAmount: '40000.00' });
      expect(done.transferRef).to.match(/^T20261125[0-9A-Z]{10}$/);
      const after = (await assetsAt('B-CMB'))[0]!;
      expect(after.balance).to.equal('154800.00');
      expect(after.encumbrances[0]!.amount).to.equal('40000.00');
    });

    it('when an unknown asset or measure is named, then the reply is rejected with a reason, signed', async () => {
      await start();
      const r = await post(sim.url, 'B-ICBC', freeze('B-ICBC', 'DEP-NOPE', '1.00'));
      expect(Reply.parse(r.json)).to.include({ status: 'rejected' });
      expect(r.json.reason).to.match(/No asset DEP-NOPE/);
      expect(verifySignature(institutionKey(NETWORK_SECRET, 'B-ICBC'), r.json)).to.equal(true);
      const release = envelope({ institution: 'B-ICBC', type: 'release', now: clock.now(), body: { measureRef: 'M-NOPE', reason: 'x' } });
      expect((await post(sim.url, 'B-ICBC', release)).json.reason).to.match(/No measure M-NOPE/);
    });
  });

  describe('behaviour: outage, faults, latency', () => {
    it('when an institution is switched off, then 503 OUTAGE; switched on again, it answers', async () => {
      await start();
      sim.setOutage('B-ICBC', true);
      expect((await post(sim.url, 'B-ICBC', inquiry('B-ICBC'))).status).to.equal(503);
      const res = await fetch(`${sim.url}/admin/institutions/B-ICBC/outage`, { method: 'POST', body: JSON.stringify({ down: false }) });
      expect(await res.json()).to.deep.equal({ code: 'B-ICBC', down: false });
      expect((await post(sim.url, 'B-ICBC', inquiry('B-ICBC'))).status).to.equal(200);
      expect((await post(sim.url, 'B-ABC', inquiry('B-ABC'))).status).to.equal(200);
    });

    it('when faults are on and errors frequent, then a retried notice fails a few times, then executes exactly once', async () => {
      const rng = new Rng('fault-test');
      await start({ faults: true, random: () => rng.next() });
      const { free } = await icbcAccounts();
      sim.setFaults('B-ICBC', { errorRate: 0.7, timeoutRate: 0, malformedRate: 0 });
      const notice = freeze('B-ICBC', free.assetRef, '100.00');
      const statuses: number[] = [];
      let reply = '';
      for (let attempt = 0; attempt < 50 && !reply; attempt++) {
        const r = await post(sim.url, 'B-ICBC', notice);
        statuses.push(r.status);
        if (r.status === 200) reply = r.text;
      }
      expect(statuses).to.include(500);
      expect(statuses[statuses.length - 1]).to.equal(200);
      // Further retries keep failing now and then, but every success is the same reply, and there is one measure.
      for (let i = 0; i < 10; i++) {
        const r = await post(sim.url, 'B-ICBC', notice);
        if (r.status === 200) expect(r.text).to.equal(reply);
      }
      sim.setFaults('B-ICBC', { errorRate: 0 });
      expect((await icbcAccounts()).free.encumbrances).to.have.length(1);
    });

    it('when a reply is malformed or the institution never answers, then nothing was executed and a retry executes once', async () => {
      await start({ faults: true, timeoutHoldMs: 2_000 });
      // No chance faults while the accounts are read (the bank's usual rates would fail this read now and then).
      sim.setFaults('B-ICBC', { errorRate: 0, timeoutRate: 0, malformedRate: 0 });
      const { free } = await icbcAccounts();
      const notice = freeze('B-ICBC', free.assetRef, '100.00');
      sim.setFaults('B-ICBC', { errorRate: 0, timeoutRate: 0, malformedRate: 1 });
      const bad = await post(sim.url, 'B-ICBC', notice);
      expect(bad.status).to.equal(200);
      expect(Reply.safeParse(bad.json).success).to.equal(false);
      sim.setFaults('B-ICBC', { malformedRate: 0, timeoutRate: 1 });
      const gaveUp = await post(sim.url, 'B-ICBC', notice, AbortSignal.timeout(150)).then(
        () => 'answered',
        () => 'timed out',
      );
      expect(gaveUp).to.equal('timed out');
      sim.setFaults('B-ICBC', { timeoutRate: 0 });
      expect((await icbcAccounts()).free.encumbrances).to.be.empty;
      const good = await post(sim.url, 'B-ICBC', notice);
      expect(Reply.parse(good.json)).to.include({ status: 'executed', rank: 1 });
      expect(sim.stats().faults).to.deep.equal({ error: 0, timeout: 1, malformed: 1 });
    });

    it("when latency is on, then each call waits on a timer drawn from the institution's profile (median for a neutral draw)", async () => {
      // A uniform draw of 0.25 makes the normal deviate 0, so the latency is exactly the median × scale.
      await start({ latency: { scale: 0.5 }, random: () => 0.25 });
      const slow = sim.catalogue.find((i) => i.latency.class === 'slow' && i.mode === 'auto')!;
      const started = Date.now();
      const pending = [post(sim.url, slow.code, inquiry(slow.code)), post(sim.url, 'B-ICBC', inquiry('B-ICBC'))];
      const icbc = await pending[1]!;
      const icbcMs = Date.now() - started;
      await pending[0]!;
      const slowMs = Date.now() - started;
      const icbcMedian = sim.catalogue.find((i) => i.code === 'B-ICBC')!.latency.medianMs;
      expect(icbc.status).to.equal(200);
      expect(icbcMs).to.be.at.least(icbcMedian * 0.5 - 5);
      expect(slowMs).to.be.at.least(slow.latency.medianMs * 0.5 - 5);
      expect(slowMs).to.be.greaterThan(icbcMs);
    });

    it('when the simulator is closed with calls waiting on their latency, then it closes at once and executes none of them', async () => {
      await start({ latency: { scale: 1 }, random: () => 0.25 });
      const { free } = await (async () => {
        const r = await post(sim.url, 'B-ICBC', inquiry('B-ICBC'));
        return { free: Reply.parse(r.json).assets!.find((a) => a.encumbrances.length === 0)! };
      })();
      const waiting = post(sim.url, 'B-ICBC', freeze('B-ICBC', free.assetRef, '1.00')).catch(() => 'dropped');
      await sleep(20);
      const executedBefore = sim.stats().executed;
      const t = Date.now();
      await sim.close();
      expect(Date.now() - t).to.be.lessThan(100);
      expect(await waiting).to.equal('dropped');
      expect(sim.stats().executed).to.equal(executedBefore);
    });
  });

  it('the health endpoint answers', async () => {
    await start();
    expect(await (await fetch(`${sim.url}/health`)).json()).to.deep.equal({ status: 'ok', institutions: sim.catalogue.length });
  });
});
