import { expect } from 'chai';
import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { addYears } from '../../server/modules/measures/measure.rules';
import { runMeasureJobs, scheduleMeasureJobs } from '../../server/modules/measures';
import { outboxMessages } from '../../server/modules/network/network.tables';
import { expectErrorBody } from '../helpers/error-shape';
import { bearer } from '../helpers/http';
import { DAY, newIdNumber, startFixture, type Fixture, type Staff } from './measure-fixture';

describe('renewal, release, lapse and reminders', () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture();
  });
  after(() => f?.close());

  const post = (path: string, body: Record<string, unknown>, who: Staff = f.wang) => request(f.t.url).post(path).set(bearer(who.token)).send(body);
  const renew = (id: string, body: Record<string, unknown> = {}, who?: Staff) => post(`/api/measures/${id}/renew`, body, who);
  const release = (id: string, reason: unknown = '被执行人已履行', who?: Staff) => post(`/api/measures/${id}/release`, { reason }, who);
  const inDays = (days: number) => new Date(f.clock.nowMs() + days * DAY).toISOString();
  const messagesFor = (measureId: string, type: string) =>
    f.ctx.db.select().from(outboxMessages).where(and(eq(outboxMessages.correlationId, measureId), eq(outboxMessages.type, type)));

  /** A measure in force on a fresh case: a deposit freeze unless said otherwise. */
  async function inForce(options: { kind?: 'deposit' | 'vehicle' | 'real_estate'; until?: string; debtorIdNumber?: string } = {}) {
    const c = await f.newCase({ claim: '1000000.00', debtorIdNumber: options.debtorIdNumber });
    const asset = await f.asset(c.debtorIdNumber, options.kind ?? 'deposit', { balance: '20000.00', indicativeValue: '150000.00' });
    const res = await f.order(c.id, { assetId: asset.id, ...(options.until ? { until: options.until } : {}) });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await f.deliver();
    const measure = await f.measure(c.id, res.body.id);
    expect(measure.status).to.equal('in_force');
    return { c, asset, id: res.body.id as string, measure };
  }

  describe('renewal (续行, 民诉解释 485 para 2)', () => {
    it('when renewed before expiry, then the new expiry is at most the maximum term from the day of renewal, once the institution confirms', async () => {
      const m = await inForce();
      const before = await f.snapshot();
      const tooLong = await renew(m.id, { until: new Date(addYears(f.clock.now(), 1).getTime() + 1).toISOString() });
      expectErrorBody(tooLong, 400, 'TERM_TOO_LONG');
      expect(tooLong.body.error.details.maxUntil).to.equal(addYears(f.clock.now(), 1).toISOString());
      expectErrorBody(await renew(m.id, { until: m.measure.expiresAt as string }), 400, 'VALIDATION_FAILED');
      expect(await f.snapshot()).to.deep.equal(before);

      await f.advance(300 * DAY);
      const renewing = await renew(m.id);
      expect(renewing.status, JSON.stringify(renewing.body)).to.equal(202);
      const until = addYears(f.clock.now(), 1).toISOString();
      expect(renewing.body).to.include({ pendingOrder: 'renew', renewUntil: until, expiresAt: m.measure.expiresAt });
      const busy = await f.snapshot();
      expectErrorBody(await renew(m.id), 409, 'MEASURE_BUSY');
      expectErrorBody(await release(m.id), 409, 'MEASURE_BUSY');
      expect(await f.snapshot()).to.deep.equal(busy);

      await f.deliver();
      const [message] = await messagesFor(m.id, 'renew');
      expect((message!.envelope as { body: unknown }).body).to.deep.equal({ measureRef: m.measure.measureRef, until });
      expect(await f.measure(m.c.id, m.id)).to.include({ status: 'in_force', expiresAt: until, pendingOrder: null, renewUntil: null });
    });

    it('when the institution refuses the renewal, then the old expiry stands and nothing is in flight', async () => {
      const m = await inForce();
      await f.advance(30 * DAY);
      f.fake.rejectNext = { type: 'renew', reason: '系统维护 / maintenance' };
      const res = await renew(m.id);
      expect(res.status, JSON.stringify(res.body)).to.equal(202);
      await f.deliver();
      expect(await f.measure(m.c.id, m.id)).to.include({ expiresAt: m.measure.expiresAt, pendingOrder: null, renewUntil: null });
    });

    it('refuses to renew a measure that has expired, has ended or has not taken effect', async () => {
      const expired = await inForce({ until: inDays(5) });
      await f.advance(5 * DAY);
      const before = await f.snapshot();
      expectErrorBody(await renew(expired.id), 409, 'MEASURE_EXPIRED');
      expect(await f.snapshot()).to.deep.equal(before);

      const ended = await inForce();
      expect((await release(ended.id)).status).to.equal(202);
      await f.deliver();
      expectErrorBody(await renew(ended.id), 409, 'MEASURE_ENDED');

      const c = await f.newCase();
      const pending = await f.order(c.id, { assetId: (await f.asset(c.debtorIdNumber, 'deposit')).id });
      expectErrorBody(await renew(pending.body.id), 409, 'MEASURE_BUSY');
      expectErrorBody(await renew(ended.id, {}, f.chen), 404, 'NOT_FOUND');
      await f.deliver();
    });
  });

  describe('release (解除)', () => {
    it('when released with a reason, then it ends once the institution confirms; a second release is refused with MEASURE_ENDED and changes nothing', async () => {
      const m = await inForce();
      const before = await f.snapshot();
      for (const reason of ['', ' ', 'x', null, 42]) {
        const res = await release(m.id, reason);
        expectErrorBody(res, 400, 'VALIDATION_FAILED');
        expect(res.body.error.details.issues[0].path).to.deep.equal(['reason']);
      }
      expect(await f.snapshot()).to.deep.equal(before);

      const res = await release(m.id, '超标的查封部分解除（查扣冻第19条）');
      expect(res.status, JSON.stringify(res.body)).to.equal(202);
      expect(res.body).to.include({ status: 'in_force', pendingOrder: 'release' });
      await f.deliver();
      const released = await f.measure(m.c.id, m.id);
      expect(released).to.include({ status: 'released', pendingOrder: null, endReason: '超标的查封部分解除（查扣冻第19条）', endedAt: f.clock.now().toISOString() });
      expect((await f.measuresOf(m.c.id)).limit).to.include({ committed: '0.00' });

      const after = await f.snapshot();
      const again = await release(m.id);
      expectErrorBody(again, 409, 'MEASURE_ENDED');
      expect(await f.snapshot()).to.deep.equal(after);
    });

    it('when the institution refuses the release, then the measure stays in force without a pending order', async () => {
      const m = await inForce();
      f.fake.rejectNext = { type: 'release', reason: '需书面裁定 / written ruling required' };
      expect((await release(m.id)).status).to.equal(202);
      await f.deliver();
      expect(await f.measure(m.c.id, m.id)).to.include({ status: 'in_force', pendingOrder: null, endReason: null });
    });
  });

  describe('lapse at expiry (查扣冻 27), run by the scheduled job', () => {
    it('when a measure expires unrenewed, then the job lapses it and notifies the institution, which promotes the measure queued behind it; run twice, it acts once', async () => {
      const debtorIdNumber = newIdNumber();
      const car = await inForce({ kind: 'vehicle', until: inDays(10), debtorIdNumber });
      const later = await inForce({ until: inDays(30), debtorIdNumber });
      // Another court's seizure of the same car waits behind ours.
      const chenCase = await f.newCase({ judge: f.chen, claim: '500000.00', debtorIdNumber });
      const queued = await f.order(chenCase.id, { assetId: car.asset.id }, f.chen);
      await f.deliver();
      expect(await f.measure(chenCase.id, queued.body.id, f.chen)).to.include({ status: 'queued', rank: 2 });

      await runMeasureJobs(f.ctx, f.clock.now(), { reminderDays: 7 });
      expect(await f.measure(car.c.id, car.id)).to.include({ status: 'in_force' });

      await f.advance(10 * DAY + 60_000);
      const judge = await f.listen(f.wang);
      const first = await runMeasureJobs(f.ctx, f.clock.now(), { reminderDays: 7, callbackUrl: f.callbackUrl });
      expect(first.lapsed).to.be.at.least(1);
      const lapsed = await f.measure(car.c.id, car.id);
      expect(lapsed).to.include({ status: 'lapsed', endedAt: f.clock.now().toISOString() });
      expect(lapsed.endReason).to.contain('查扣冻');
      expect(await f.measure(later.c.id, later.id)).to.include({ status: 'in_force' });
      expect(await messagesFor(car.id, 'lapse')).to.have.length(1);
      await judge.waitFor('measure.updated', (p) => p.id === car.id && p.status === 'lapsed');
      judge.close();

      const once = await f.snapshot();
      expect(await runMeasureJobs(f.ctx, f.clock.now(), { reminderDays: 7 })).to.deep.equal({ lapsed: 0, reminded: 0 });
      expect(await f.snapshot()).to.deep.equal(once);

      await f.deliver();
      const notice = f.fake.received.find((r) => r.type === 'lapse' && r.body.measureRef === car.measure.measureRef);
      expect(notice, 'lapse notice delivered').to.not.equal(undefined);
      expect(f.fake.callbacks.some((c) => c.correlationId === queued.body.id)).to.equal(true);

      // 查扣冻 27: a lapsed measure has lost its effect; releasing it is refused and changes nothing.
      const before = await f.snapshot();
      expectErrorBody(await release(car.id), 409, 'MEASURE_ENDED');
      expectErrorBody(await renew(car.id), 409, 'MEASURE_ENDED');
      expect(await f.snapshot()).to.deep.equal(before);
    });

    it('when a renewal was ordered before expiry and is still unanswered at expiry, then the measure does not lapse; the answer decides', async () => {
      const m = await inForce({ until: inDays(3) });
      await f.deliver();
      f.fake.failNext = 1;
      expect((await renew(m.id, { until: inDays(300) })).status).to.equal(202);
      await f.deliver(); // lost in transit: the renewal is still in flight
      await f.advance(3 * DAY + 1000);
      await runMeasureJobs(f.ctx, f.clock.now(), { reminderDays: 7 });
      expect(await f.measure(m.c.id, m.id)).to.include({ status: 'in_force', pendingOrder: 'renew' });
      await f.advance(60 * 60_000);
      await f.deliver();
      const renewed = await f.measure(m.c.id, m.id);
      expect(renewed).to.include({ status: 'in_force', pendingOrder: null });
      expect(Date.parse(renewed.expiresAt as string)).to.be.greaterThan(f.clock.nowMs() + 200 * DAY);
    });
  });

  it('runs on the cron schedule it is given, until stopped', async () => {
    const m = await inForce({ until: inDays(1) });
    await f.advance(DAY + 1000);
    const task = scheduleMeasureJobs(f.ctx, '* * * * * *', { reminderDays: 7 });
    try {
      const deadline = Date.now() + 5000;
      while ((await f.measure(m.c.id, m.id)).status !== 'lapsed') {
        if (Date.now() > deadline) throw new Error('the scheduled job did not lapse the measure within 5 s');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await task.stop();
    }
    expect(await messagesFor(m.id, 'lapse')).to.have.length(1);
  });

  describe('reminders before expiry (保全 18: renew ≥ 7 days ahead)', () => {
    it('when a measure comes within N days of expiry, then the judge is reminded once (measure.expiring), and again after a renewal', async () => {
      const m = await inForce({ until: inDays(20) });
      await runMeasureJobs(f.ctx, f.clock.now(), { reminderDays: 7 });
      expect(await f.measure(m.c.id, m.id)).to.include({ remindedAt: null });

      await f.advance(13 * DAY + 60 * 60_000); // 6 days 23 hours before expiry
      const judge = await f.listen(f.wang);
      const run = await runMeasureJobs(f.ctx, f.clock.now(), { reminderDays: 7 });
      expect(run.reminded).to.be.at.least(1);
      const pushed = await judge.waitFor('measure.expiring', (p) => p.id === m.id);
      expect(pushed).to.include({ daysLeft: 7, reminderDays: 7, expiresAt: m.measure.expiresAt });
      expect(await f.measure(m.c.id, m.id)).to.include({ remindedAt: f.clock.now().toISOString() });

      const once = await f.snapshot();
      expect(await runMeasureJobs(f.ctx, f.clock.now(), { reminderDays: 7 })).to.deep.equal({ lapsed: 0, reminded: 0 });
      expect(await f.snapshot()).to.deep.equal(once);
      expect(judge.events.filter((e) => e.event === 'measure.expiring' && e.payload.id === m.id)).to.have.length(1);

      expect((await renew(m.id, { until: inDays(100) })).status).to.equal(202);
      await f.deliver();
      expect(await f.measure(m.c.id, m.id)).to.include({ remindedAt: null });
      judge.close();
    });

    it('reminds as many days ahead as configured', async () => {
      const m = await inForce({ until: inDays(25) });
      await runMeasureJobs(f.ctx, f.clock.now(), { reminderDays: 7 });
      expect(await f.measure(m.c.id, m.id)).to.include({ remindedAt: null });
      await runMeasureJobs(f.ctx, f.clock.now(), { reminderDays: 30 });
      expect(await f.measure(m.c.id, m.id)).to.include({ remindedAt: f.clock.now().toISOString() });
    });
  });

  it('shows the court its calendar of measures expiring soon, soonest first, and not another court\'s', async () => {
    const soon = await inForce({ until: inDays(10) });
    const far = await inForce({ until: inDays(200) });
    const res = await request(f.t.url).get('/api/measures/expiring?days=30').set(bearer(f.zhao.token));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const ids = (res.body as { id: string; expiresAt: string; courtName?: string }[]).map((m) => m.id);
    expect(ids).to.include(soon.id);
    expect(ids).to.not.include(far.id);
    const times = (res.body as { expiresAt: string }[]).map((m) => Date.parse(m.expiresAt));
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
    const other = await request(f.t.url).get('/api/measures/expiring?days=366').set(bearer(f.chen.token));
    expect((other.body as { id: string }[]).map((m) => m.id)).to.not.include(soon.id);
    expectErrorBody(await request(f.t.url).get('/api/measures/expiring?days=0').set(bearer(f.wang.token)), 400, 'VALIDATION_FAILED');
  });
});
