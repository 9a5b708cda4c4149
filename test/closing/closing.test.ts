import { expect } from 'chai';
import { asc, eq } from 'drizzle-orm';
import request from 'supertest';
import type { Asset, Reply } from '../../shared/institution-protocol';
import { applyRecovery } from '../../server/modules/cases';
import { enforcementCases } from '../../server/modules/cases/case.tables';
import { runClosingJobs } from '../../server/modules/closing';
import { closingAlerts, closingRechecks, creditorInterviews } from '../../server/modules/closing/closing.tables';
import { InquiryService } from '../../server/modules/inquiry';
import type { InstitutionAdapter, MessageMeta } from '../../server/modules/network';
import { outboxMessages } from '../../server/modules/network/network.tables';
import { bearer } from '../helpers/http';
import { expectErrorBody } from '../helpers/error-shape';
import { DAY, startFixture, type Fixture, type Staff } from '../measures/measure-fixture';

/** 2026-11-25T08:00Z (the fixture's start) + 3 calendar months. */
const THREE_MONTHS_AFTER_START = '2027-02-25T08:00:00.000Z';

describe('closing a case: 执行完毕, 终本 and 恢复执行', function () {
  this.timeout(120_000);
  let f: Fixture;

  before(async () => {
    f = await startFixture();
  });
  after(() => f.close());

  const post = (path: string, body: Record<string, unknown>, who: Staff = f.wang) => request(f.t.url).post(path).set(bearer(who.token)).send(body);
  const get = (path: string, who: Staff = f.wang) => request(f.t.url).get(path).set(bearer(who.token));
  const today = () => new Date(f.clock.nowMs() + 8 * 3600_000).toISOString().slice(0, 10);
  const interview = (caseId: string, who: Staff = f.wang) =>
    post(`/api/cases/${caseId}/interviews`, { interviewedOn: today(), content: '告知申请执行人财产调查情况及终本的法律后果，申请执行人表示同意。' }, who);

  /** A completed online inquiry of the case's debtor (the simulator's automatic institutions answer at once). */
  async function inquire(caseId: string): Promise<void> {
    const detail = (await get(`/api/cases/${caseId}`)).body;
    const debtor = detail.parties.find((p: { role: string }) => p.role === 'debtor');
    const res = await post(`/api/cases/${caseId}/inquiries`, { partyId: debtor.id, kinds: ['bank_large', 'vehicle_registry', 'payment_platform'] });
    expect(res.status, JSON.stringify(res.body)).to.equal(202);
    await f.t.app.inquiry.runner.settled(res.body.id);
  }

  /** Lists the case's debtor (失信, ground (一)), which puts a consumption restriction in force (限高 Art. 1). */
  async function restrict(caseId: string): Promise<void> {
    const detail = (await get(`/api/cases/${caseId}`)).body;
    const debtor = detail.parties.find((p: { role: string }) => p.role === 'debtor');
    const res = await post(`/api/cases/${caseId}/credit/listings`, { partyId: debtor.id, ground: 'able_but_refuses', evidence: '被执行人有履行能力而拒不履行生效法律文书确定的义务' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
  }

  /** The case's listings as the credit module shows them. */
  const listings = async (caseId: string) => (await get(`/api/cases/${caseId}/credit`)).body.listings as { status: string; removalCause: string | null; removalDueBy: string | null }[];

  /** Everything a refused request must leave as it was. */
  async function snapshot() {
    const db = f.ctx.db;
    return {
      base: await f.snapshot(),
      cases: await db.select().from(enforcementCases).orderBy(asc(enforcementCases.id)),
      interviews: await db.select().from(creditorInterviews).orderBy(asc(creditorInterviews.id)),
      rechecks: await db.select().from(closingRechecks).orderBy(asc(closingRechecks.id)),
      alerts: await db.select().from(closingAlerts).orderBy(asc(closingAlerts.id)),
    };
  }

  /** A case filed at the fixture's start with every 终本 condition met but the time. */
  async function readyCase() {
    const c = await f.newCase();
    await inquire(c.id);
    await restrict(c.id);
    expect((await interview(c.id)).status).to.equal(201);
    return c;
  }

  describe('终本 conditions', () => {
    let bare: { id: string };
    let ready: { id: string };
    let noInquiry: { id: string };
    let noRestriction: { id: string };
    let noInterview: { id: string };

    before(async () => {
      f.clock.set('2026-11-25T08:00:00.000Z');
      await f.advance(0);
      bare = await f.newCase();
      ready = await readyCase();
      noInquiry = await f.newCase();
      await restrict(noInquiry.id);
      await interview(noInquiry.id);
      noRestriction = await f.newCase();
      await inquire(noRestriction.id);
      await interview(noRestriction.id);
      noInterview = await f.newCase();
      await inquire(noInterview.id);
      await restrict(noInterview.id);
    });

    it('when nothing has been done, then termination is refused listing every missing condition with its rule, and nothing changes', async () => {
      const before = await snapshot();
      const res = await post(`/api/cases/${bare.id}/terminate`, {});
      expectErrorBody(res, 422, 'TERMINATION_CONDITIONS_UNMET');
      const missing = res.body.error.details.missing as { code: string; rule: string; message: string }[];
      expect(missing.map((m) => m.code)).to.deep.equal(['FILED_OVER_3_MONTHS', 'ONLINE_INQUIRY_COMPLETED', 'CONSUMPTION_RESTRICTED', 'CREDITOR_INTERVIEWED']);
      for (const m of missing) {
        expect(m.rule).to.match(/终本规定/);
        expect(m.message).to.match(/ \/ /);
      }
      expect(await snapshot()).to.deep.equal(before);
      const view = (await get(`/api/cases/${bare.id}/closing`)).body;
      expect(view.canTerminate).to.equal(false);
      expect(view.conditions.map((c: { met: boolean }) => c.met)).to.deep.equal([false, false, false, false]);
    });

    it('when exactly 3 calendar months have passed since filing, then only the time is missing; a moment later the case is terminated with 10 re-checks', async () => {
      f.clock.set(THREE_MONTHS_AFTER_START);
      await f.advance(0);
      const before = await snapshot();
      const refused = await post(`/api/cases/${ready.id}/terminate`, {});
      expectErrorBody(refused, 422, 'TERMINATION_CONDITIONS_UNMET');
      expect(refused.body.error.details.missing.map((m: { code: string }) => m.code)).to.deep.equal(['FILED_OVER_3_MONTHS']);
      expect(await snapshot()).to.deep.equal(before);

      await f.advance(1);
      const done = await post(`/api/cases/${ready.id}/terminate`, { note: '经网络查控未发现可供执行财产' });
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
      expect(done.body.status).to.equal('terminated');
      expect(done.body.rechecks).to.have.length(10);
      expect(done.body.rechecks[0]).to.include({ seq: 1, status: 'scheduled', dueAt: '2027-08-25T08:00:00.001Z' });
      expect(done.body.rechecks[9].dueAt).to.equal('2032-02-25T08:00:00.001Z');
      const timeline = (await get(`/api/cases/${ready.id}/timeline`)).body.map((e: { action: string }) => e.action);
      expect(timeline).to.include.members(['closing.interview_recorded', 'inquiry.completed', 'case.terminated']);
      expectErrorBody(await post(`/api/cases/${ready.id}/terminate`, {}), 409, 'CASE_NOT_OPEN');
    });

    it('when one condition is missing after 3 months, then it alone is listed', async () => {
      const codes = async (id: string) => {
        const res = await post(`/api/cases/${id}/terminate`, {});
        expectErrorBody(res, 422, 'TERMINATION_CONDITIONS_UNMET');
        return res.body.error.details.missing.map((m: { code: string }) => m.code);
      };
      expect(await codes(noInquiry.id)).to.deep.equal(['ONLINE_INQUIRY_COMPLETED']);
      expect(await codes(noRestriction.id)).to.deep.equal(['CONSUMPTION_RESTRICTED']);
      expect(await codes(noInterview.id)).to.deep.equal(['CREDITOR_INTERVIEWED']);
    });

    it('when a clerk or another court\'s judge tries to terminate, then 403 / 404; a clerk may record an interview, not in the future', async () => {
      expectErrorBody(await post(`/api/cases/${noInterview.id}/terminate`, {}, f.zhao), 403, 'FORBIDDEN');
      expectErrorBody(await post(`/api/cases/${noInterview.id}/terminate`, {}, f.chen), 404, 'NOT_FOUND');
      const future = await post(`/api/cases/${noInterview.id}/interviews`, { interviewedOn: '2099-01-01', content: '告知执行情况并听取意见的约谈记录' }, f.zhao);
      expectErrorBody(future, 400, 'VALIDATION_FAILED');
      expect(future.body.error.details.issues[0].path).to.deep.equal(['interviewedOn']);
      const byClerk = await interview(noInterview.id, f.zhao);
      expect(byClerk.status, JSON.stringify(byClerk.body)).to.equal(201);
      expect(byClerk.body.recordedBy.id).to.equal(f.zhao.id);
      expect((await get(`/api/cases/${noInterview.id}/interviews`)).body).to.have.length(1);
      expect((await post(`/api/cases/${noInterview.id}/terminate`, {})).status).to.equal(200);
    });
  });

  describe('执行完毕', () => {
    it('when money is still outstanding, then closing as satisfied is refused with the amount, and nothing changes', async () => {
      const c = await f.newCase({ claim: '100000.00' });
      await restrict(c.id);
      const before = await snapshot();
      const res = await post(`/api/cases/${c.id}/close-satisfied`, {});
      expectErrorBody(res, 409, 'CLAIM_OUTSTANDING');
      expect(res.body.error.details).to.deep.equal({ outstandingAmount: '100000.00' });
      expect(await snapshot()).to.deep.equal(before);
      expect((await listings(c.id)).map((l) => l.removalCause)).to.deep.equal([null]);
    });

    it('when deductions cover the claim, then the case closes as satisfied, every measure in force is released through the outbox (执行完毕) and the listing is removed', async () => {
      const c = await f.newCase({ claim: '1000.00' });
      await restrict(c.id);
      const deposit = await f.asset(c.debtorIdNumber, 'deposit', { balance: '5000.00' });
      const car = await f.asset(c.debtorIdNumber, 'vehicle', { indicativeValue: '80000.00' });
      const m1 = await f.order(c.id, { assetId: deposit.id });
      const m2 = await f.order(c.id, { assetId: car.id, indivisible: true, indivisibleReason: '车辆不可分割' });
      expect(m1.status, JSON.stringify(m1.body)).to.equal(201);
      expect(m2.status, JSON.stringify(m2.body)).to.equal(201);
      await f.deliver();
      expect((await f.measure(c.id, m1.body.id)).status).to.equal('in_force');
      expect((await f.measure(c.id, m2.body.id)).status).to.equal('in_force');
      // The claim is covered (as a deduction or a sale would: the cases module's apply-recovery).
      await f.ctx.db.transaction((tx) => applyRecovery(tx, c.id, '1000.00', f.clock.now()));

      const res = await post(`/api/cases/${c.id}/close-satisfied`, {});
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.include({ status: 'satisfied', outstandingAmount: '0.00', canCloseSatisfied: false });
      // The listing is due for removal within 3 working days (失信 Art. 10), through the credit module.
      const [listing] = await listings(c.id);
      expect(listing).to.include({ status: 'listed', removalCause: 'debt_satisfied' });
      expect(listing!.removalDueBy).to.be.a('string');
      const releases = await f.ctx.db.select().from(outboxMessages).where(eq(outboxMessages.caseId, c.id));
      const released = releases.filter((m) => m.type === 'release');
      expect(released).to.have.length(2);
      for (const m of released) expect((m.envelope as { body: { reason: string } }).body.reason).to.equal('执行完毕');
      await f.deliver();
      expect((await f.measure(c.id, m1.body.id)).status).to.equal('released');
      expect((await f.measure(c.id, m2.body.id)).status).to.equal('released');
      const timeline = (await get(`/api/cases/${c.id}/timeline`)).body.map((e: { action: string }) => e.action);
      expect(timeline).to.include('case.satisfied');
      expect(timeline.filter((a: string) => a === 'measure.release_ordered')).to.have.length(2);
      expectErrorBody(await post(`/api/cases/${c.id}/close-satisfied`, {}), 409, 'CASE_NOT_OPEN');
    });
  });

  describe('re-checks and 恢复执行', () => {
    /** An institution network whose inquiry answers the test sets: `findings` at the first institution asked. */
    let findings: Asset[] = [];
    let service: InquiryService;

    before(() => {
      const adapter = {
        inquire: async (code: string, meta: MessageMeta): Promise<Reply> => ({
          messageId: meta.messageId,
          correlationId: meta.correlationId,
          institution: code,
          status: 'answered',
          repliedAt: f.clock.now().toISOString(),
          assets: code === 'B-ICBC' ? findings : [],
          signature: 'test',
        }),
      } as unknown as InstitutionAdapter;
      service = new InquiryService(f.ctx, adapter, f.t.app.journal, { concurrency: 16, flushMs: 5 });
    });
    after(() => service.runner.stop());

    async function runJobs() {
      const result = await runClosingJobs(f.ctx, { inquiry: service }, f.clock.now());
      const rechecks = await f.ctx.db.select().from(closingRechecks).where(eq(closingRechecks.status, 'running'));
      for (const r of rechecks) for (const id of r.inquiryIds) await service.runner.settled(id);
      return result;
    }

    /**
     * Runs the jobs until no re-check is still running, and answers the alerts raised meanwhile. An inquiry's end is
     * written when its answers are flushed, a moment after they are in, so a run may find it still going; the next
     * run completes it (as the cron job would, a minute later).
     */
    async function settleRechecks(): Promise<number> {
      let alerts = 0;
      for (let i = 0; i < 50; i++) {
        alerts += (await runJobs()).alerts;
        const running = await f.ctx.db.select().from(closingRechecks).where(eq(closingRechecks.status, 'running'));
        if (running.length === 0) return alerts;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the re-checks did not complete');
    }

    it('when 6 months after termination the re-check finds nothing, no alert; at 12 months it finds a deposit, then the judge is alerted live and in the API', async () => {
      f.clock.set('2026-11-25T08:00:00.000Z');
      await f.advance(0);
      const c = await readyCase();
      await f.advance(100 * DAY);
      expect((await post(`/api/cases/${c.id}/terminate`, {})).status).to.equal(200);
      const judge = await f.listen(f.wang);

      expect((await runJobs()).started).to.equal(0);
      await f.advance(190 * DAY); // past the first due date (6 calendar months)
      findings = [];
      expect((await runJobs()).started).to.be.greaterThanOrEqual(1);
      // Other terminated cases of this file are re-checked too: this case's alerts are read from its view below.
      await settleRechecks();
      let view = (await get(`/api/cases/${c.id}/closing`)).body;
      expect(view.rechecks[0]).to.include({ status: 'done', assetsFound: 0 });
      expect(view.alerts).to.deep.equal([]);

      await f.advance(183 * DAY); // past the second
      findings = [
        { assetRef: `ACC-${c.id.slice(0, 8)}`, kind: 'deposit', identifier: '6222020200112233445', description: '活期存款', balance: '23800.00', indicativeValue: null, encumbrances: [] },
        { assetRef: `EMPTY-${c.id.slice(0, 8)}`, kind: 'deposit', identifier: '6222020200000000000', description: '空账户', balance: '0.00', indicativeValue: null, encumbrances: [] },
      ];
      // The run that starts the re-check may already complete it (the adapter answers at once); count both.
      const first = await runJobs();
      expect(first.alerts + (await settleRechecks())).to.be.greaterThanOrEqual(1);
      const pushed = await judge.waitFor('closing.alert', (p) => p.caseId === c.id);
      expect(pushed).to.include({ assetCount: 1, valueFound: '23800.00' });
      view = (await get(`/api/cases/${c.id}/closing`)).body;
      expect(view.status).to.equal('terminated');
      expect(view.rechecks[1]).to.include({ status: 'done', assetsFound: 1, valueFound: '23800.00' });
      expect(view.rechecks.slice(2).every((r: { status: string }) => r.status === 'scheduled')).to.equal(true);
      expect(view.alerts).to.have.length(1);
      const alerts = (await get('/api/closing/alerts')).body;
      expect(alerts.map((a: { caseId: string }) => a.caseId)).to.include(c.id);
      expect((await get('/api/closing/alerts', f.chen)).body.map((a: { caseId: string }) => a.caseId)).to.not.include(c.id);
      const timeline = (await get(`/api/cases/${c.id}/timeline`)).body.map((e: { action: string }) => e.action);
      expect(timeline).to.include.members(['closing.recheck_started', 'closing.recheck_completed', 'closing.assets_found']);
      // Running the jobs again changes nothing.
      const again = await runJobs();
      expect(again).to.deep.equal({ started: 0, completed: 0, alerts: 0 });
      judge.close();

      // 恢复执行: open again, the remaining re-checks stop.
      const restored = await post(`/api/cases/${c.id}/restore`, { reason: '复查发现被执行人存款23800元' });
      expect(restored.status, JSON.stringify(restored.body)).to.equal(200);
      expect(restored.body.status).to.equal('open');
      expect(restored.body.rechecks.filter((r: { status: string }) => r.status === 'cancelled')).to.have.length(8);
      await f.advance(400 * DAY);
      await runClosingJobs(f.ctx, { inquiry: service }, f.clock.now());
      const own = await f.ctx.db.select().from(closingRechecks).where(eq(closingRechecks.caseId, c.id));
      expect(own.filter((r) => r.status === 'running' || r.status === 'scheduled')).to.deep.equal([]);
      expect((await get(`/api/cases/${c.id}/timeline`)).body.map((e: { action: string }) => e.action)).to.include('case.restored');
    });

    it('when a case is restored right after termination, then it is open at once; restoring an open case is refused and changes nothing', async () => {
      f.clock.set('2026-11-25T08:00:00.000Z');
      await f.advance(0);
      const c = await readyCase();
      await f.advance(93 * DAY);
      expect((await post(`/api/cases/${c.id}/terminate`, {})).status).to.equal(200);
      expectErrorBody(await post(`/api/cases/${c.id}/restore`, { reason: '申请执行人提供财产线索' }, f.zhao), 403, 'FORBIDDEN');
      expectErrorBody(await post(`/api/cases/${c.id}/restore`, {}), 400, 'VALIDATION_FAILED');
      const res = await post(`/api/cases/${c.id}/restore`, { reason: '申请执行人提供财产线索' });
      expect(res.status).to.equal(200);
      expect(res.body.rechecks.every((r: { status: string }) => r.status === 'cancelled')).to.equal(true);
      const before = await snapshot();
      expectErrorBody(await post(`/api/cases/${c.id}/restore`, { reason: '再次恢复' }), 409, 'CASE_NOT_TERMINATED');
      expect(await snapshot()).to.deep.equal(before);
    });
  });
});
