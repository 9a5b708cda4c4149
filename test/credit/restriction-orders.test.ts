/**
 * Consumption restriction orders made on their own (限制消费令, 限高 Art. 1): a judge restricts a debtor who has not
 * performed without listing them as dishonest; the order ends when lifted (Art. 9) or when the debt is performed, and
 * counts, for the 终本 conditions and for the institutions' checks, as a restriction in force.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { completeResidentId } from '../../shared/identity';
import { applyRecovery } from '../../server/modules/cases';
import { debtSatisfied, runCreditJobs } from '../../server/modules/credit';
import { consumptionRestrictions } from '../../server/modules/credit/credit.tables';
import { institutionKey, sign } from '../../server/platform/signing';
import { expectErrorBody } from '../helpers/error-shape';
import { creditRequests, creditSnapshot, refusedUnchanged } from './credit-state';
import { bearer } from '../helpers/http';
import { DAY, newIdNumber, startFixture, type Fixture, type Staff } from '../measures/measure-fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, checked by the assertions
type Any = any;

/** 2026-11-25T08:00Z (the fixture's start) + 3 calendar months. */
const THREE_MONTHS_AFTER_START = '2027-02-25T08:00:00.000Z';

describe('consumption restriction orders without a listing (限制消费令, 限高 Art. 1, 3, 9)', function () {
  this.timeout(120_000);
  let f: Fixture;
  before(async () => {
    f = await startFixture();
  });
  after(() => f?.close());

  const { post, credit } = creditRequests(() => f);
  const get = (path: string, who: Staff = f.wang) => request(f.t.url).get(path).set(bearer(who.token));
  const order = (caseId: string, body: Record<string, unknown>, who: Staff = f.wang) => post(`/api/cases/${caseId}/credit/restrictions`, body, who);
  const lift = (id: string, reason: string, who: Staff = f.wang) => post(`/api/credit/restrictions/${id}/lift`, { reason }, who);
  const REASON = '被执行人未按执行通知书指定的期间履行给付义务';

  const snapshot = () => creditSnapshot(f.ctx.db);
  const refused = (act: () => Promise<request.Response>, status: number, code: string) => refusedUnchanged(f.ctx.db, act, status, code);

  async function personCase(debtorIdNumber?: string) {
    const c = await f.newCase({ debtorIdNumber });
    const partyId = (await credit(c.id)).debtors[0]!.partyId;
    return { ...c, partyId };
  }

  async function ordered() {
    const c = await personCase();
    const res = await order(c.id, { partyId: c.partyId, reason: REASON });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return { c, rows: res.body.restrictions as Any[] };
  }

  const timeline = async (caseId: string) => (await get(`/api/cases/${caseId}/timeline`)).body as { action: string; data: Any }[];

  describe('issuing', () => {
    it('when a judge issues an order against a debtor, then the debtor is restricted but not listed, the view shows it, and it is audited', async () => {
      const { c, rows } = await ordered();
      expect(rows).to.have.length(1);
      expect(rows[0]).to.include({ subject: 'debtor', idNumber: c.debtorIdNumber, partyId: c.partyId, reason: REASON, endedAt: null, endedReason: null });
      expect(rows[0].startedAt).to.equal(f.clock.now().toISOString());
      const view = await credit(c.id);
      expect(view.debtors[0]).to.include({ listed: false, restricted: true });
      expect(view.listings).to.have.length(0);
      expect(view.restrictionOrders.map((r) => r.id)).to.deep.equal([rows[0].id]);
      const [db] = (await f.ctx.db.select().from(consumptionRestrictions)).filter((r) => r.id === rows[0].id);
      expect(db).to.include({ listingId: null, orderedBy: f.wang.id, orderReason: REASON });
      const events = await timeline(c.id);
      expect(events.some((e) => e.action === 'credit.restriction_ordered')).to.equal(true);
    });

    it('when a restriction is already in force for that debtor (an order, or a listing), then RESTRICTION_IN_FORCE and nothing changes', async () => {
      const { c } = await ordered();
      await refused(() => order(c.id, { partyId: c.partyId, reason: REASON }), 409, 'RESTRICTION_IN_FORCE');
      const l = await personCase();
      const listed = await post(`/api/cases/${l.id}/credit/listings`, { partyId: l.partyId, ground: 'evades', evidence: '执行立案后将名下车辆转让给亲属' });
      expect(listed.status, JSON.stringify(listed.body)).to.equal(201);
      await refused(() => order(l.id, { partyId: l.partyId, reason: REASON }), 409, 'RESTRICTION_IN_FORCE');
    });

    it('when the party is not a debtor of this case, or nothing is outstanding, then refused and nothing changes', async () => {
      const c = await personCase();
      const other = await personCase();
      await refused(() => order(c.id, { partyId: other.partyId, reason: REASON }), 400, 'NOT_A_DEBTOR');
      const creditor = ((await get(`/api/cases/${c.id}`)).body.parties as { id: string; role: string }[]).find((p) => p.role === 'creditor')!;
      await refused(() => order(c.id, { partyId: creditor.id, reason: REASON }), 400, 'NOT_A_DEBTOR');
      await f.ctx.db.transaction((tx) => applyRecovery(tx, c.id, '100000.00', f.clock.now()));
      const res = await refused(() => order(c.id, { partyId: c.partyId, reason: REASON }), 409, 'DEBT_SATISFIED');
      expect(res.body.error.message).to.match(/限高 Art\. 1/);
    });

    it('when a clerk, another court\'s judge or nobody tries, then FORBIDDEN, NOT_FOUND, UNAUTHENTICATED; a reason is required', async () => {
      const c = await personCase();
      const body = { partyId: c.partyId, reason: REASON };
      await refused(() => order(c.id, body, f.zhao), 403, 'FORBIDDEN');
      await refused(() => order(c.id, body, f.chen), 404, 'NOT_FOUND');
      await refused(() => post(`/api/cases/${c.id}/credit/restrictions`, body, null), 401, 'UNAUTHENTICATED');
      await refused(() => order(c.id, { partyId: c.partyId }), 400, 'VALIDATION_FAILED');
    });

    it('when the debtor is a minor, then the order is made: the bar on minors is 失信 Art. 4 (the list), not 限高', async () => {
      // Born 26 Nov 2008: 17 on the fake clock's date.
      const id = completeResidentId('11010520081126' + String(100 + Math.floor(Math.random() * 800)));
      const c = await personCase(id);
      const res = await order(c.id, { partyId: c.partyId, reason: REASON });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
    });

    it('when the debtor is an organisation, then its legal representative is required and restricted too (限高 Art. 3 para 2)', async () => {
      const caseId = (await f.newCase({ debtorCompany: '北京某某商贸有限公司', claim: '500000.00' })).id;
      const partyId = (await credit(caseId)).debtors[0]!.partyId;
      const noName = await refused(() => order(caseId, { partyId, reason: REASON }), 422, 'LEGAL_REP_REQUIRED');
      const noId = await refused(() => order(caseId, { partyId, reason: REASON, legalRepName: '赵六' }), 422, 'LEGAL_REP_REQUIRED');
      // Each refusal names the first missing field (限高 Art. 3 para 2).
      expect([noName, noId].map((r) => r.body.error.details.issues[0].path)).to.deep.equal([['legalRepName'], ['legalRepIdNumber']]);
      const repId = newIdNumber();
      const ok = await order(caseId, { partyId, reason: REASON, legalRepName: '赵六', legalRepIdNumber: repId });
      expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
      expect(ok.body.restrictions.map((r: Any) => [r.subject, r.name])).to.have.deep.members([
        ['debtor', '北京某某商贸有限公司'],
        ['legal_representative', '赵六'],
      ]);
      expect(ok.body.restrictions.every((r: Any) => r.partyId === partyId)).to.equal(true);
      // Lifting through the legal representative's row ends both.
      const rep = ok.body.restrictions.find((r: Any) => r.subject === 'legal_representative');
      const lifted = await lift(rep.id, '申请执行人同意解除限制消费');
      expect(lifted.status, JSON.stringify(lifted.body)).to.equal(200);
      expect(lifted.body.restrictions).to.have.length(2);
      expect((await credit(caseId)).restrictionOrders.every((r) => r.endedAt !== null)).to.equal(true);
    });
  });

  describe('lifting (限高 Art. 9)', () => {
    it('when a judge lifts the order with the reason, then it ends, is audited, and a new order may be made later', async () => {
      const { c, rows } = await ordered();
      const res = await lift(rows[0].id, '被执行人提供确实有效的担保');
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.restrictions[0]).to.include({ endedAt: f.clock.now().toISOString(), endedReason: '被执行人提供确实有效的担保' });
      expect((await credit(c.id)).debtors[0]).to.include({ restricted: false });
      const events = await timeline(c.id);
      expect(events.some((e) => e.action === 'credit.restriction_lifted' && e.data.reason === '被执行人提供确实有效的担保')).to.equal(true);
      await refused(() => lift(rows[0].id, '再次解除'), 409, 'RESTRICTION_NOT_IN_FORCE');
      const again = await order(c.id, { partyId: c.partyId, reason: '被执行人担保财产灭失' });
      expect(again.status, JSON.stringify(again.body)).to.equal(201);
    });

    it('when a clerk or another court lifts, or the restriction came with a listing, then refused and nothing changes', async () => {
      const { rows } = await ordered();
      await refused(() => lift(rows[0].id, '申请执行人同意', f.zhao), 403, 'FORBIDDEN');
      await refused(() => lift(rows[0].id, '申请执行人同意', f.chen), 404, 'NOT_FOUND');
      await refused(() => lift(randomUUID(), '申请执行人同意'), 404, 'NOT_FOUND');
      const l = await personCase();
      const listed = await post(`/api/cases/${l.id}/credit/listings`, { partyId: l.partyId, ground: 'evades', evidence: '执行立案后将名下车辆转让给亲属' });
      await refused(() => lift(listed.body.restrictions[0].id, '申请执行人同意'), 409, 'RESTRICTION_BY_LISTING');
    });
  });

  describe('the debt satisfied', () => {
    it('when the closing module calls debtSatisfied, then the order ends at once, audited, once', async () => {
      const { c, rows } = await ordered();
      expect(await f.ctx.db.transaction((tx) => debtSatisfied(f.ctx, tx, c.id))).to.equal(1);
      expect(await f.ctx.db.transaction((tx) => debtSatisfied(f.ctx, tx, c.id))).to.equal(0);
      const after = (await credit(c.id)).restrictionOrders.find((r) => r.id === rows[0].id)!;
      expect(after.endedAt).to.equal(f.clock.now().toISOString());
      expect(after.endedReason).to.match(/限高 Art\. 9/);
      expect((await timeline(c.id)).filter((e) => e.action === 'credit.restriction_ended')).to.have.length(1);
    });

    it('when the debt is paid in full, then the credit job ends the order, once', async () => {
      const { c, rows } = await ordered();
      await f.ctx.db.transaction((tx) => applyRecovery(tx, c.id, '100000.00', f.clock.now()));
      const result = await runCreditJobs(f.ctx);
      expect(result.restrictionsEnded).to.be.greaterThan(0);
      expect((await credit(c.id)).restrictionOrders.find((r) => r.id === rows[0].id)!.endedAt).to.not.equal(null);
      const before = await snapshot();
      expect((await runCreditJobs(f.ctx)).restrictionsEnded).to.equal(0);
      expect(await snapshot()).to.deep.equal(before);
    });
  });

  describe('joint punishment checks (一处失信，处处受限)', () => {
    it('when an institution checks a debtor under an order, then restricted but not listed, with the same prohibitions as a listing', async () => {
      const secret = f.t.config.network.secret;
      const code = 'RE-310000';
      const check = (idNumber: string) =>
        request(f.t.url)
          .post('/api/credit/joint/check')
          .send(sign<Record<string, unknown>>(institutionKey(secret, code), { idNumber, institution: code, requestId: randomUUID(), sentAt: f.clock.now().toISOString() }));
      const { c, rows } = await ordered();
      const byOrder = await check(c.debtorIdNumber);
      expect(byOrder.status, JSON.stringify(byOrder.body)).to.equal(200);
      expect(byOrder.body).to.include({ restricted: true, listed: false });
      expect(byOrder.body.listings).to.have.length(1);
      expect(byOrder.body.listings[0]).to.include({ basis: 'order', subject: 'debtor', ground: null, caseNo: c.caseNo, until: null });
      const l = await personCase();
      await post(`/api/cases/${l.id}/credit/listings`, { partyId: l.partyId, ground: 'evades', evidence: '执行立案后将名下车辆转让给亲属' });
      const byListing = await check(l.debtorIdNumber);
      expect(byListing.body).to.include({ restricted: true, listed: true });
      expect(byOrder.body.prohibitions).to.deep.equal(byListing.body.prohibitions).and.to.have.length.greaterThan(0);
      // An interception of the order-restricted debtor is recorded on the case.
      const flight = { buyer: { name: '李四', idNumber: c.debtorIdNumber }, category: 'flight', merchant: '中国国际航空 CA1501 北京—上海', amount: '1850.00' };
      const refusedBuy = await request(f.t.app.simulator!.url).post('/payment-platforms/PAY-ALIPAY/purchases').send(flight);
      expect(refusedBuy.body.status, JSON.stringify(refusedBuy.body)).to.not.equal('completed');
      const list = await get(`/api/cases/${c.id}/credit/interceptions`);
      expect(list.body.items ?? list.body).to.satisfy((items: Any[]) => items.some((i) => i.caseId === c.id && i.listingId === null));
      await lift(rows[0].id, '申请执行人同意解除');
      expect((await check(c.debtorIdNumber)).body).to.include({ restricted: false, listed: false });
    });
  });

  describe('终本 (closing) with an order-made restriction and no listing', () => {
    it('when the debtor is restricted by an order, inquired, the creditor interviewed and 3 months have passed, then the case can be terminated; then no new order (CASE_NOT_OPEN)', async () => {
      f.clock.set('2026-11-25T08:00:00.000Z');
      await f.advance(0);
      const c = await personCase();
      const inquiry = await post(`/api/cases/${c.id}/inquiries`, { partyId: c.partyId, kinds: ['bank_large', 'vehicle_registry', 'payment_platform'] });
      expect(inquiry.status, JSON.stringify(inquiry.body)).to.equal(202);
      await f.t.app.inquiry.runner.settled(inquiry.body.id);
      const today = new Date(f.clock.nowMs() + 8 * 3600_000).toISOString().slice(0, 10);
      expect((await post(`/api/cases/${c.id}/interviews`, { interviewedOn: today, content: '告知申请执行人财产调查情况及终本的法律后果，申请执行人表示同意。' })).status).to.equal(201);
      f.clock.set(THREE_MONTHS_AFTER_START);
      await f.advance(DAY);
      const missing = await post(`/api/cases/${c.id}/terminate`, {});
      expectErrorBody(missing, 422, 'TERMINATION_CONDITIONS_UNMET');
      expect(missing.body.error.details.missing.map((m: { code: string }) => m.code)).to.deep.equal(['CONSUMPTION_RESTRICTED']);
      expect((await order(c.id, { partyId: c.partyId, reason: REASON })).status).to.equal(201);
      expect((await credit(c.id)).listings).to.have.length(0);
      const done = await post(`/api/cases/${c.id}/terminate`, { note: '经网络查控未发现可供执行财产' });
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
      expect(done.body.status).to.equal('terminated');
      // The case is closed: no new order (the one in force stays, as 终本 requires).
      await refused(() => order(c.id, { partyId: c.partyId, reason: REASON }), 409, 'CASE_NOT_OPEN');
      expect((await credit(c.id)).debtors[0]).to.include({ restricted: true, listed: false });
    });
  });
});
