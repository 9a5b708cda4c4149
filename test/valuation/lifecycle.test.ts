import { expect } from 'chai';
import type { Step, ValuationView } from './valuation-fixture';
import request from 'supertest';
import { currentReferencePrice, referencePriceOfValuation } from '../../server/modules/valuation';
import { recordsOfCase } from '../../server/modules/audit';
import { expectErrorBody } from '../helpers/error-shape';
import { bearer, tokenFor } from '../helpers/http';
import { DAY, startValuationFixture, type ValuationFixture } from './valuation-fixture';

describe('valuation: order of methods, deadlines, validity and refusals', () => {
  let f: ValuationFixture;
  before(async () => {
    f = await startValuationFixture();
  });
  after(() => f?.close());

  it('when the negotiation deadline passes, then the job opens the directed inquiry; its result in time is the reference price at once', async () => {
    const { measureId, caseId } = await f.seized('vehicle', '180000.00');
    const started = await f.start(measureId, { negotiationDeadline: new Date(f.clock.nowMs() + 3 * DAY).toISOString() });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    const id = started.body.id as string;
    // Out of order: no directed result before the negotiation failed or the parties agreed to skip it.
    const before = await f.valuationSnapshot();
    expectErrorBody(await f.post(`/api/valuations/${id}/directed-result`, { price: '150000.00', institution: '国家税务总局北京市税务局', reference: '京税询〔2026〕1号' }), 409, 'METHOD_OUT_OF_ORDER');
    expectErrorBody(await f.post(`/api/valuations/${id}/appraisal/lottery`, { reason: '跳过前序方式' }), 409, 'METHOD_OUT_OF_ORDER');
    expect(await f.valuationSnapshot()).to.deep.equal(before);

    await f.advance(3 * DAY + 60_000);
    const first = await f.jobs();
    const second = await f.jobs();
    expect(first.stepsDecided).to.equal(1);
    expect(second.stepsDecided, 'a second run finds nothing to do').to.equal(0);
    let v = await f.valuation(id);
    expect(v.steps.map((s: Step) => [s.method, s.status])).to.deep.equal([
      ['negotiated', 'failed'],
      ['directedInquiry', 'open'],
    ]);
    const late = await f.post(`/api/valuations/${id}/negotiated`, { price: '170000.00', agreement: '逾期议价' });
    expect(late.status, 'a negotiated price later in the procedure withdraws the method in progress (参考价 29)').to.equal(200);
    v = late.body;
    expect(v.referencePrice).to.include({ amount: '170000.00', method: 'negotiated' });
    expect(v.steps.map((s: Step) => [s.method, s.status])).to.deep.equal([
      ['negotiated', 'failed'],
      ['directedInquiry', 'failed'],
      ['negotiated', 'succeeded'],
    ]);
    const timeline = (await recordsOfCase(f.ctx.db, caseId)).map((r) => r.action);
    expect(timeline).to.include.members(['valuation.started', 'valuation.step_opened', 'valuation.step_failed', 'valuation.step_withdrawn', 'valuation.negotiated', 'valuation.fixed']);
  });

  it('when the court records the negotiation failed, then the directed inquiry opens and its result is fixed; objections to it are refused', async () => {
    const { measureId } = await f.seized('real_estate');
    const id = (await f.start(measureId)).body.id as string;
    const failed = await f.post(`/api/valuations/${id}/fail`, { reason: '被执行人拒绝议价' });
    expect(failed.status, JSON.stringify(failed.body)).to.equal(200);
    expect(failed.body.steps.at(-1)).to.include({ method: 'directedInquiry', status: 'open' });
    const tooLong = await f.post(`/api/valuations/${id}/directed-result`, {
      price: '2100000.00',
      institution: '国家税务总局北京市朝阳区税务局',
      reference: '朝税询〔2026〕7号',
      validUntil: new Date(f.clock.nowMs() + 400 * DAY).toISOString(),
    });
    expectErrorBody(tooLong, 422, 'VALIDITY_TOO_LONG');
    const fixed = await f.post(`/api/valuations/${id}/directed-result`, { price: '2100000.00', institution: '国家税务总局北京市朝阳区税务局', reference: '朝税询〔2026〕7号' });
    expect(fixed.status, JSON.stringify(fixed.body)).to.equal(200);
    expect(fixed.body.referencePrice).to.include({ amount: '2100000.00', method: 'directedInquiry' });
    const objection = await f.post(`/api/valuations/${id}/objections`, { resultId: '00000000-0000-4000-8000-000000000000', party: 'debtor', grounds: 'basic_information', statement: '定向询价结果有误' });
    expectErrorBody(objection, 422, 'OBJECTION_NOT_ALLOWED');
  });

  it('when a year passes, then the price expires, currentReferencePrice returns null, the job is idempotent and a new valuation may start', async () => {
    const { measureId } = await f.seized();
    const id = (await f.start(measureId)).body.id as string;
    await f.post(`/api/valuations/${id}/negotiated`, { price: '1500000.00', agreement: '双方书面议定', validUntil: new Date(f.clock.nowMs() + 200 * DAY).toISOString() });
    const fixedAt = f.clock.now();
    expect((await currentReferencePrice(f.ctx.db, measureId, fixedAt))?.validUntil.toISOString()).to.equal(new Date(fixedAt.getTime() + 200 * DAY).toISOString());
    expect(await currentReferencePrice(f.ctx.db, measureId, new Date(fixedAt.getTime() + 200 * DAY))).to.equal(null);

    await f.advance(200 * DAY);
    const runs = [await f.jobs(), await f.jobs()];
    expect(runs.map((r) => r.expired)).to.deep.equal([1, 0]);
    expect((await f.valuation(id)).status).to.equal('expired');
    expect(await currentReferencePrice(f.ctx.db, measureId, f.clock.now())).to.equal(null);
    // The auctions module may still read it for an auction announced within validity (参考价 27 para 3).
    expect((await referencePriceOfValuation(f.ctx.db, id))?.amount).to.equal('1500000.00');
    const again = await f.start(measureId);
    expect(again.status, JSON.stringify(again.body)).to.equal(201);
  });

  it('refuses bad input with stable codes and leaves nothing changed', async () => {
    const { measureId, caseId, debtorIdNumber } = await f.seized();
    const deposit = await f.asset(debtorIdNumber, 'deposit', { balance: '5000.00' });
    const freeze = await f.order(caseId, { assetId: deposit.id });
    expect(freeze.status, JSON.stringify(freeze.body)).to.equal(201);
    const flat = await f.asset(debtorIdNumber, 'real_estate', { indicativeValue: '900000.00' });
    const seizure = await f.order(caseId, { assetId: flat.id });
    expect(seizure.status, JSON.stringify(seizure.body)).to.equal(201);
    const admin = await tokenFor(f.t.url, 'admin');
    const before = await f.valuationSnapshot();

    expectErrorBody(await f.start(measureId, {}, f.chen), 404, 'NOT_FOUND');
    expectErrorBody(await f.start(seizure.body.id), 409, 'MEASURE_NOT_IN_FORCE');
    expect(await f.valuationSnapshot()).to.deep.equal(before);
    await f.deliver();
    const delivered = await f.valuationSnapshot();
    expectErrorBody(await f.start(freeze.body.id), 422, 'VALUATION_NOT_APPLICABLE');
    expectErrorBody(await f.start(measureId, { negotiationDeadline: new Date(f.clock.nowMs() + 31 * DAY).toISOString() }), 400, 'VALIDATION_FAILED');
    expectErrorBody(await request(f.t.url).post(`/api/measures/${measureId}/valuations`).set(bearer(admin)).send({}), 403, 'FORBIDDEN');
    expect(await f.valuationSnapshot()).to.deep.equal(delivered);

    const id = (await f.start(seizure.body.id, {}, f.zhao)).body.id as string;
    const snap = await f.valuationSnapshot();
    for (const price of ['0', '0.00', '-5.00', '12.345', 'abc', '1e6']) {
      expectErrorBody(await f.post(`/api/valuations/${id}/negotiated`, { price, agreement: '双方书面议定' }), 400, 'VALIDATION_FAILED');
    }
    expectErrorBody(await f.post(`/api/valuations/${id}/negotiated`, { price: '100.00' }), 400, 'VALIDATION_FAILED');
    expectErrorBody(await f.post(`/api/valuations/${id}/negotiated`, { price: '100.00', agreement: '议定' }, f.chen), 404, 'NOT_FOUND');
    expectErrorBody(await f.post(`/api/valuations/${id}/skip`, { to: 'negotiated', agreement: '回到议价' }), 409, 'METHOD_OUT_OF_ORDER');
    expectErrorBody(await f.post(`/api/valuations/${id}/delivery`, { method: 'direct' }), 409, 'REPORT_NOT_READY');
    expectErrorBody(await f.post(`/api/valuations/${id}/appraisal/extension`, { days: 5 }), 409, 'METHOD_OUT_OF_ORDER');
    expect(await f.valuationSnapshot()).to.deep.equal(snap);

    await f.advance(7 * DAY + 60_000);
    expectErrorBody(await f.post(`/api/valuations/${id}/negotiated`, { price: '100.00', agreement: '逾期议价' }), 409, 'STEP_DEADLINE_PASSED');
  });

  it('reads a case\'s and a measure\'s valuations, scoped to the court', async () => {
    const { measureId, caseId } = await f.seized();
    const id = (await f.start(measureId)).body.id as string;
    const ofCase = await request(f.t.url).get(`/api/cases/${caseId}/valuations`).set(bearer(f.wang.token));
    expect(ofCase.status).to.equal(200);
    expect(ofCase.body.map((v: ValuationView) => v.id)).to.deep.equal([id]);
    const ofMeasure = await request(f.t.url).get(`/api/measures/${measureId}/valuations`).set(bearer(f.zhao.token));
    expect(ofMeasure.body.map((v: ValuationView) => v.id)).to.deep.equal([id]);
    expectErrorBody(await request(f.t.url).get(`/api/valuations/${id}`).set(bearer(f.chen.token)), 404, 'NOT_FOUND');
    expectErrorBody(await request(f.t.url).get(`/api/cases/${caseId}/valuations`).set(bearer(f.chen.token)), 404, 'NOT_FOUND');
    const doc = await request(f.t.url).get('/api/openapi.json');
    expect(doc.status).to.equal(200);
    for (const path of ['/api/measures/{id}/valuations', '/api/valuations/{id}/negotiated', '/api/valuations/{id}/objections', '/api/valuation-objections/{id}/ruling']) {
      expect(doc.body.paths, path).to.have.property(path);
    }
  });
});
