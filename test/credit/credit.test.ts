import { expect } from 'chai';
import request from 'supertest';
import { completeResidentId } from '../../shared/identity';
import { auditLog } from '../../server/modules/audit/audit.tables';
import { applyRecovery } from '../../server/modules/cases';
import { debtSatisfied, runCreditJobs } from '../../server/modules/credit';
import { expectErrorBody } from '../helpers/error-shape';
import { creditRequests, creditSnapshot, refusedUnchanged } from './credit-state';
import { bearer } from '../helpers/http';
import { DAY, newIdNumber, startFixture, type Fixture, type Staff } from '../measures/measure-fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, checked by the assertions
type Any = any;

const YEAR_MS = (from: string, years: number) => {
  const d = new Date(from);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
};

describe('the dishonest-debtor list (失信) and consumption restriction (限高)', () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture();
  });
  after(() => f?.close());

  const { post, credit } = creditRequests(() => f);
  const list = (caseId: string, body: Record<string, unknown>, who: Staff = f.wang) => post(`/api/cases/${caseId}/credit/listings`, body, who);
  const search = (q: string) => request(f.t.url).get('/api/public/credit/search').query({ q });

  const snapshot = () => creditSnapshot(f.ctx.db);
  const refused = (act: () => Promise<request.Response>, status: number, code: string) => refusedUnchanged(f.ctx.db, act, status, code);

  /** A fresh case with one person debtor, and that debtor's party id. */
  async function personCase(debtorIdNumber?: string, claim?: string) {
    const c = await f.newCase({ debtorIdNumber, claim });
    const partyId = (await credit(c.id)).debtors[0]!.partyId;
    return { ...c, partyId };
  }

  async function listed(ground = 'evades', debtorIdNumber?: string) {
    const c = await personCase(debtorIdNumber);
    const res = await list(c.id, { partyId: c.partyId, ground, evidence: '执行立案后将名下车辆转让给亲属' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return { c, listing: res.body as Record<string, Any> };
  }

  describe('listing (失信 Art. 1, 2, 4; 限高 Art. 1, 3)', () => {
    it('when a judge lists a debtor on a ground, then the term is 2 years, the debtor is restricted, and it is audited', async () => {
      const { c, listing } = await listed('obstructs');
      expect(listing.status).to.equal('listed');
      expect(listing.ground).to.equal('obstructs');
      expect(listing.listedAt).to.equal(f.clock.now().toISOString());
      expect(listing.expiresAt).to.equal(YEAR_MS(listing.listedAt, 2));
      expect(listing.restrictions).to.have.length(1);
      expect(listing.restrictions[0]).to.include({ subject: 'debtor', idNumber: c.debtorIdNumber, endedAt: null });
      const view = await credit(c.id);
      expect(view.debtors[0]!.listed).to.equal(true);
      const audit = await f.ctx.db.select().from(auditLog);
      expect(audit.some((a) => a.action === 'credit.listed' && a.entityId === listing.id)).to.equal(true);
    });

    it('when the ground is (一) able but refuses, then there is no fixed term', async () => {
      const { listing } = await listed('able_but_refuses');
      expect(listing.expiresAt).to.equal(null);
      expect(listing.removalDueBy).to.equal(null);
    });

    it('when no ground or an unknown ground is given, then INVALID_LISTING_GROUND and nothing changes', async () => {
      const c = await personCase();
      await refused(() => list(c.id, { partyId: c.partyId, evidence: '证据材料' }), 422, 'INVALID_LISTING_GROUND');
      const res = await refused(() => list(c.id, { partyId: c.partyId, ground: 'rude', evidence: '证据材料' }), 422, 'INVALID_LISTING_GROUND');
      expect(res.body.error.message).to.match(/失信 Art\. 1/);
      // The refusal names its field, so the page shows it there.
      expect(res.body.error.details.issues.map((i: { path: string[] }) => i.path)).to.deep.equal([['ground']]);
    });

    it('when the debtor is a minor on the server\'s date, then DEBTOR_IS_MINOR; the day they turn 18 they can be listed', async () => {
      // Born 26 Nov 2008: 17 on 25 Nov 2026 (the fake clock), 18 the next day.
      const id = completeResidentId('11010520081126' + String(100 + Math.floor(Math.random() * 800)));
      const c = await personCase(id);
      const res = await refused(() => list(c.id, { partyId: c.partyId, ground: 'evades', evidence: '证据材料' }), 422, 'DEBTOR_IS_MINOR');
      expect(res.body.error.message).to.match(/失信 Art\. 4/);
      await f.advance(DAY);
      const ok = await list(c.id, { partyId: c.partyId, ground: 'evades', evidence: '证据材料' });
      expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
    });

    it('when the party is not a debtor of this case, then NOT_A_DEBTOR', async () => {
      const c = await personCase();
      const other = await personCase();
      await refused(() => list(c.id, { partyId: other.partyId, ground: 'evades', evidence: '证据材料' }), 400, 'NOT_A_DEBTOR');
      const res = await request(f.t.url).get(`/api/cases/${c.id}`).set(bearer(f.wang.token));
      const creditor = (res.body.parties as { id: string; role: string }[]).find((p) => p.role === 'creditor')!;
      await refused(() => list(c.id, { partyId: creditor.id, ground: 'evades', evidence: '证据材料' }), 400, 'NOT_A_DEBTOR');
    });

    it('when the debtor is already listed for this case, then ALREADY_LISTED', async () => {
      const { c } = await listed();
      const partyId = (await credit(c.id)).debtors[0]!.partyId;
      await refused(() => list(c.id, { partyId, ground: 'obstructs', evidence: '证据材料' }), 409, 'ALREADY_LISTED');
    });

    it('when the debtor is a company, then its legal representative is required and restricted too', async () => {
      const caseId = (await f.newCase({ debtorCompany: '北京某某建材有限公司', claim: '500000.00' })).id;
      const partyId = (await credit(caseId)).debtors[0]!.partyId;
      await refused(() => list(caseId, { partyId, ground: 'breaks_asset_report', evidence: '未按期报告财产' }), 422, 'LEGAL_REP_REQUIRED');
      const repId = newIdNumber();
      const ok = await list(caseId, { partyId, ground: 'breaks_asset_report', evidence: '未按期报告财产', legalRepName: '赵六', legalRepIdNumber: repId });
      expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
      expect(ok.body.restrictions.map((r: { subject: string; idNumber: string }) => [r.subject, r.idNumber])).to.have.deep.members([
        ['debtor', ok.body.debtorIdNumber],
        ['legal_representative', repId],
      ]);
      // The public sees the legal representative's name (失信 Art. 6) but never an ID number in full.
      const found = await search('北京某某建材');
      const text = JSON.stringify(found.body);
      expect(found.body.items.some((i: { id: string; legalRepName: string }) => i.id === ok.body.id && i.legalRepName === '赵六')).to.equal(true);
      expect(text).to.not.include(repId);
      expect(text).to.not.include(ok.body.debtorIdNumber);
    });

    it('when a clerk, another court\'s judge or nobody tries to list, then FORBIDDEN, NOT_FOUND, UNAUTHENTICATED', async () => {
      const c = await personCase();
      const body = { partyId: c.partyId, ground: 'evades', evidence: '证据材料' };
      await refused(() => list(c.id, body, f.zhao), 403, 'FORBIDDEN');
      await refused(() => list(c.id, body, f.chen), 404, 'NOT_FOUND');
      await refused(() => post(`/api/cases/${c.id}/credit/listings`, body, null), 401, 'UNAUTHENTICATED');
    });
  });

  describe('extension (失信 Art. 2 para 2)', () => {
    it('when a judge extends by 1 to 3 years with reasons, then the term grows, more than once', async () => {
      const { listing } = await listed('obstructs');
      const one = await post(`/api/credit/listings/${listing.id}/extend`, { years: 1, reason: '以暴力方法抗拒执行，情节严重' });
      expect(one.status, JSON.stringify(one.body)).to.equal(200);
      expect(one.body.expiresAt).to.equal(YEAR_MS(listing.listedAt, 3));
      const two = await post(`/api/credit/listings/${listing.id}/extend`, { years: 3, reason: '具有多项失信行为' });
      expect(two.body.expiresAt).to.equal(YEAR_MS(listing.listedAt, 6));
      expect(two.body.extensions).to.have.length(2);
    });

    it('when the years are outside 1–3, then EXTENSION_OUT_OF_RANGE; with no fixed term, TERM_NOT_EXTENDABLE', async () => {
      const { listing } = await listed('obstructs');
      for (const years of [0, 4]) await refused(() => post(`/api/credit/listings/${listing.id}/extend`, { years, reason: '情节严重' }), 422, 'EXTENSION_OUT_OF_RANGE');
      const open = await listed('able_but_refuses');
      await refused(() => post(`/api/credit/listings/${open.listing.id}/extend`, { years: 1, reason: '情节严重' }), 422, 'TERM_NOT_EXTENDABLE');
    });
  });

  describe('removal (失信 Art. 10; 限高 Art. 9)', () => {
    it('when the term ends, then the job removes the listing and ends the restriction, once', async () => {
      const { c, listing } = await listed('evades');
      await f.advance(2 * 365 * DAY - DAY);
      expect((await runCreditJobs(f.ctx)).removed).to.equal(0);
      await f.advance(2 * DAY);
      const result = await runCreditJobs(f.ctx);
      expect(result.removed).to.be.greaterThan(0);
      const after = (await credit(c.id)).listings.find((l) => l.id === listing.id)!;
      expect(after).to.include({ status: 'removed', removalCause: 'term_ended' });
      expect(after.restrictions[0].endedAt).to.equal(f.clock.now().toISOString());
      const before = await snapshot();
      await runCreditJobs(f.ctx);
      expect(await snapshot()).to.deep.equal(before);
      await refused(() => post(`/api/credit/listings/${listing.id}/extend`, { years: 1, reason: '情节严重' }), 409, 'LISTING_NOT_CURRENT');
    });

    it('when the debt is paid in full on the eve of National Day, then the listing is due within 3 working days (the make-up Saturday) and removed by the job', async () => {
      f.clock.set('2026-09-30T02:00:00.000Z'); // Wednesday, 10:00 in Beijing
      await f.advance(0);
      const { c, listing } = await listed('able_but_refuses');
      await f.ctx.db.transaction((tx) => applyRecovery(tx, c.id, '100000.00', f.clock.now()));
      const result = await runCreditJobs(f.ctx);
      expect(result.markedSatisfied).to.be.greaterThan(0);
      const after = (await credit(c.id)).listings.find((l) => l.id === listing.id)!;
      expect(after).to.include({ status: 'removed', removalCause: 'debt_satisfied', removalDueBy: '2026-10-10T15:59:59.999Z' });
      expect(new Date(after.removedAt).getTime()).to.be.at.most(new Date(after.removalDueBy).getTime());
      expect(after.restrictions.every((r: { endedAt: string | null }) => r.endedAt)).to.equal(true);
      expect((await search(c.debtorIdNumber)).body.items).to.have.length(0);
    });

    it('when the closing module calls debtSatisfied, then the case\'s listings are marked due once, and the job removes them', async () => {
      f.clock.set('2026-12-01T02:00:00.000Z');
      await f.advance(0);
      const { c, listing } = await listed('evades');
      const marked = await f.ctx.db.transaction((tx) => debtSatisfied(f.ctx, tx, c.id));
      expect(marked).to.equal(1);
      expect(await f.ctx.db.transaction((tx) => debtSatisfied(f.ctx, tx, c.id))).to.equal(0);
      const due = (await credit(c.id)).listings.find((l) => l.id === listing.id)!;
      expect(due).to.include({ status: 'listed', removalCause: 'debt_satisfied', removalDueBy: '2026-12-04T15:59:59.999Z' }); // Tue → Fri
      await refused(() => post(`/api/credit/listings/${listing.id}/extend`, { years: 1, reason: '情节严重' }), 409, 'LISTING_NOT_CURRENT');
      await runCreditJobs(f.ctx);
      expect((await credit(c.id)).listings.find((l) => l.id === listing.id)!.status).to.equal('removed');
    });

    it('when a judge removes a listing with a reason, then it is removed; a second time LISTING_NOT_CURRENT', async () => {
      const { listing } = await listed();
      const res = await post(`/api/credit/listings/${listing.id}/remove`, { reason: '与申请执行人达成和解并履行完毕' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.include({ status: 'removed', removalCause: 'court_decision', removalReason: '与申请执行人达成和解并履行完毕' });
      await refused(() => post(`/api/credit/listings/${listing.id}/remove`, { reason: '再次删除' }), 409, 'LISTING_NOT_CURRENT');
    });
  });

  describe('correction requests (纠正申请, 失信 Art. 11)', () => {
    it('when anyone files a request by the listing id, then it is due in 15 days; an overdue one is flagged once by the job; a rejection keeps the listing', async () => {
      const { listing } = await listed();
      const filed = await post(`/api/public/credit/listings/${listing.id}/corrections`, { applicantName: '李四', reasons: '本人已全部履行' }, null);
      expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
      expect(new Date(filed.body.dueBy).getTime() - f.clock.nowMs()).to.be.within(15 * DAY, 16 * DAY);
      await refused(() => post(`/api/public/credit/listings/${listing.id}/corrections`, { applicantName: '李四', reasons: '再次申请' }, null), 409, 'CORRECTION_PENDING');
      await f.advance(14 * DAY);
      expect((await runCreditJobs(f.ctx)).correctionsFlagged).to.equal(0);
      await f.advance(2 * DAY);
      expect((await runCreditJobs(f.ctx)).correctionsFlagged).to.equal(1);
      expect((await runCreditJobs(f.ctx)).correctionsFlagged).to.equal(0);
      const view = (await request(f.t.url).get(`/api/credit/listings/${listing.id}`).set(bearer(f.wang.token))).body;
      expect(view.corrections[0]).to.include({ status: 'pending', overdue: true });
      const rejected = await post(`/api/credit/corrections/${filed.body.id}/decide`, { decision: 'rejected', reason: '经查尚未履行' });
      expect(rejected.status, JSON.stringify(rejected.body)).to.equal(200);
      expect(rejected.body.status).to.equal('listed');
      expect(rejected.body.corrections[0]).to.include({ status: 'rejected', decisionReason: '经查尚未履行' });
      await refused(() => post(`/api/credit/corrections/${filed.body.id}/decide`, { decision: 'upheld', reason: '改判' }), 409, 'CORRECTION_NOT_PENDING');
    });

    it('when a request is upheld, then the listing is removed at once and its restrictions end', async () => {
      const { listing } = await listed();
      const filed = await post(`/api/public/credit/listings/${listing.id}/corrections`, { applicantName: '李四', reasons: '被执行人不是本案当事人' }, null);
      await refused(() => post(`/api/credit/corrections/${filed.body.id}/decide`, { decision: 'upheld', reason: '理由成立' }, f.zhao), 403, 'FORBIDDEN');
      await refused(() => post(`/api/credit/corrections/${filed.body.id}/decide`, { decision: 'upheld', reason: '理由成立' }, f.chen), 404, 'NOT_FOUND');
      const upheld = await post(`/api/credit/corrections/${filed.body.id}/decide`, { decision: 'upheld', reason: '理由成立' });
      expect(upheld.status, JSON.stringify(upheld.body)).to.equal(200);
      expect(upheld.body).to.include({ status: 'removed', removalCause: 'correction_upheld' });
      expect(upheld.body.restrictions[0].endedAt).to.not.equal(null);
      await refused(() => post(`/api/public/credit/listings/${listing.id}/corrections`, { applicantName: '李四', reasons: '再次申请' }, null), 409, 'LISTING_NOT_CURRENT');
    });
  });

  describe('public search', () => {
    it('when a visitor searches by name or ID number, then current listings show with the ID masked, never in full', async () => {
      const id = newIdNumber();
      const { c, listing } = await listed('breaks_consumption_order', id);
      const byId = await search(id);
      expect(byId.status).to.equal(200);
      expect(byId.body.items).to.have.length(1);
      const item = byId.body.items[0];
      expect(item).to.deep.equal({
        id: listing.id,
        name: '李四',
        kind: 'person',
        idNumberMasked: `${id.slice(0, 6)}********${id.slice(-4)}`,
        legalRepName: null,
        courtName: listing.courtName,
        caseNo: c.caseNo,
        ground: 'breaks_consumption_order',
        listedAt: listing.listedAt,
        expiresAt: listing.expiresAt,
      });
      const byName = await search('李四');
      expect(byName.body.items.some((i: { id: string }) => i.id === listing.id)).to.equal(true);
      expect(JSON.stringify(byName.body)).to.not.match(/\d{17}[\dX]/);
      await post(`/api/credit/listings/${listing.id}/remove`, { reason: '已履行完毕' });
      expect((await search(id)).body.items).to.have.length(0);
    });

    it('when the query is too short, then VALIDATION_FAILED', async () => {
      expectErrorBody(await search('李'), 400, 'VALIDATION_FAILED');
    });
  });
});
