import { expect } from 'chai';
import type { Result, ValuationView } from './valuation-fixture';
import { drawFirms } from '../../server/modules/valuation/valuation.rules';
import { expectErrorBody } from '../helpers/error-shape';
import { DAY, startValuationFixture, type ValuationFixture } from './valuation-fixture';

describe('valuation: appraisal (委托评估)', () => {
  let f: ValuationFixture;
  before(async () => {
    f = await startValuationFixture();
  });
  after(() => f?.close());

  /** An equity freeze in force (no directed or online inquiry for equity): the parties go straight to appraisal. */
  async function appraisal(kind: 'equity' | 'real_estate' = 'equity'): Promise<string> {
    const { measureId } = await f.seized(kind, '5000000.00');
    const started = await f.start(measureId);
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    const skipped = await f.post(`/api/valuations/${started.body.id}/skip`, { to: 'appraisal', agreement: '双方当事人一致要求委托评估' });
    expect(skipped.status, JSON.stringify(skipped.body)).to.equal(200);
    expect(skipped.body.steps.at(-1)).to.include({ method: 'appraisal', status: 'choosing' });
    return started.body.id;
  }
  const step = (v: ValuationView) => v.steps.at(-1)!;
  type Details = { choice?: string; firms?: string[]; lottery: { seed: string; pool: string[]; draw: string[] } };
  const details = (v: ValuationView) => step(v).details as unknown as Details;

  it('when equity is valued, then directed and online inquiry are not available and a skip to them is refused (参考价 5, 7)', async () => {
    const { measureId } = await f.seized('equity', '5000000.00');
    const started = await f.start(measureId);
    const before = await f.valuationSnapshot();
    expectErrorBody(await f.post(`/api/valuations/${started.body.id}/skip`, { to: 'onlineInquiry', agreement: '双方同意网络询价' }), 422, 'METHOD_NOT_AVAILABLE');
    expectErrorBody(await f.post(`/api/valuations/${started.body.id}/skip`, { to: 'directedInquiry', agreement: '双方同意定向询价' }), 422, 'METHOD_NOT_AVAILABLE');
    expect(await f.valuationSnapshot()).to.deep.equal(before);
  });

  it('when the court draws the firms by lot, then the seed, pool and draw are recorded and anyone re-running the draw gets the same firms', async () => {
    const id = await appraisal();
    const drawn = await f.post(`/api/valuations/${id}/appraisal/lottery`, { reason: '双方当事人协商不成', seed: 'court-announced-seed-0001' });
    expect(drawn.status, JSON.stringify(drawn.body)).to.equal(200);
    const s = step(drawn.body);
    expect(s.status).to.equal('open');
    const lottery = details(drawn.body).lottery;
    expect(lottery.seed).to.equal('court-announced-seed-0001');
    expect(lottery.draw).to.deep.equal(drawFirms(lottery.seed, lottery.pool).draw);
    expect(s.results.map((r: Result) => [r.code, r.position, r.status])).to.deep.equal(
      lottery.draw.map((code: string, i: number) => [code, i + 1, i === 0 ? 'pending' : 'standby']),
    );
    expect(s.results[0]!.dueAt).to.equal(new Date(f.clock.nowMs() + 30 * DAY).toISOString());
  });

  it('when the parties choose firms not on the list, or the same firm twice, then it is refused and nothing changes', async () => {
    const id = await appraisal();
    const before = await f.valuationSnapshot();
    expectErrorBody(await f.post(`/api/valuations/${id}/appraisal/firms`, { firms: ['AF-AS-01', 'AF-RE-01', 'AF-AS-02'], agreement: '双方协商确定' }), 422, 'FIRMS_INVALID');
    expectErrorBody(await f.post(`/api/valuations/${id}/appraisal/firms`, { firms: ['AF-AS-01', 'AF-AS-01', 'AF-AS-02'], agreement: '双方协商确定' }), 422, 'FIRMS_INVALID');
    expect(await f.valuationSnapshot()).to.deep.equal(before);
  });

  it('when the firm gets two extensions, then a third or one over 15 days is refused; the report, delivery and the 5-day window fix the price', async () => {
    const id = await appraisal();
    const chosen = await f.post(`/api/valuations/${id}/appraisal/firms`, { firms: ['AF-AS-03', 'AF-AS-01', 'AF-AS-05'], agreement: '双方协商确定三家评估机构及顺序' });
    expect(chosen.status, JSON.stringify(chosen.body)).to.equal(200);
    expect(details(chosen.body)).to.deep.include({ choice: 'parties', firms: ['AF-AS-03', 'AF-AS-01', 'AF-AS-05'] });
    const t0 = f.clock.nowMs();

    const before = await f.valuationSnapshot();
    expectErrorBody(await f.post(`/api/valuations/${id}/appraisal/extension`, { days: 16 }), 422, 'APPRAISAL_EXTENSION_TOO_LONG');
    expect(await f.valuationSnapshot()).to.deep.equal(before);
    let res = await f.post(`/api/valuations/${id}/appraisal/extension`, { days: 15 });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    res = await f.post(`/api/valuations/${id}/appraisal/extension`, { days: 10 });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(step(res.body).results[0]!.dueAt).to.equal(new Date(t0 + 55 * DAY).toISOString());
    expect(step(res.body).results[0]!.extensions.map((e: { days: number }) => e.days)).to.deep.equal([15, 10]);
    const third = await f.post(`/api/valuations/${id}/appraisal/extension`, { days: 5 });
    expectErrorBody(third, 422, 'APPRAISAL_EXTENSION_LIMIT');

    // Before delivery there is nothing to object to; after the report, delivery starts the 5 days.
    await f.advance(40 * DAY);
    res = await f.post(`/api/valuations/${id}/appraisal/report`, { price: '4800000.00', reportNo: '京中联评报字[2027]第001号' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(step(res.body)).to.include({ status: 'reported', amount: '4800000.00' });
    const firm = step(res.body).results[0]!;
    expectErrorBody(await f.post(`/api/valuations/${id}/objections`, { resultId: firm.id, party: 'debtor', grounds: 'standard_method_result', statement: '评估价过低' }), 409, 'REPORT_NOT_DELIVERED');
    res = await f.post(`/api/valuations/${id}/delivery`, { method: 'post' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const objected = await f.post(`/api/valuations/${id}/objections`, { resultId: firm.id, party: 'debtor', grounds: 'standard_method_result', statement: '评估价过低' });
    expect(objected.status, JSON.stringify(objected.body)).to.equal(201);
    res = await f.post(`/api/valuation-objections/${objected.body.id}/ruling`, { upheld: false, ruling: '评估方法适当，异议驳回' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    await f.advance(5 * DAY + 60_000);
    await f.jobs();
    const v = await f.valuation(id);
    expect(v.status).to.equal('fixed');
    expect(v.referencePrice).to.include({ amount: '4800000.00', method: 'appraisal' });
  });

  it('when the firm does not report by its deadline, then it is withdrawn and the next firm is commissioned (参考价 19); an upheld objection goes to the third', async () => {
    const id = await appraisal();
    await f.post(`/api/valuations/${id}/appraisal/firms`, { firms: ['AF-AS-02', 'AF-AS-04', 'AF-AS-06'], agreement: '双方协商确定三家评估机构及顺序' });
    // An extension applied for less than 5 days before the deadline is refused.
    await f.advance(26 * DAY);
    expectErrorBody(await f.post(`/api/valuations/${id}/appraisal/extension`, { days: 10 }), 422, 'APPRAISAL_EXTENSION_TOO_LATE');
    await f.advance(4 * DAY + 60_000);
    expectErrorBody(await f.post(`/api/valuations/${id}/appraisal/report`, { price: '5000000.00', reportNo: 'late-report' }), 409, 'STEP_DEADLINE_PASSED');
    await f.jobs();
    let v = await f.valuation(id);
    expect(step(v).results.map((r: Result) => r.status)).to.deep.equal(['withdrawn', 'pending', 'standby']);

    await f.post(`/api/valuations/${id}/appraisal/report`, { price: '5100000.00', reportNo: 'R-2' });
    await f.post(`/api/valuations/${id}/delivery`, { method: 'direct' });
    v = await f.valuation(id);
    const objected = await f.post(`/api/valuations/${id}/objections`, { resultId: step(v).results[1]!.id, party: 'creditor', grounds: 'qualification', statement: '评估人员不具备资质' });
    expect(objected.status, JSON.stringify(objected.body)).to.equal(201);
    await f.post(`/api/valuation-objections/${objected.body.id}/ruling`, { upheld: true, ruling: '评估人员资质不符，异议成立' });
    v = await f.valuation(id);
    expect(step(v).status).to.equal('open');
    expect(step(v).results.map((r: Result) => r.status)).to.deep.equal(['withdrawn', 'dropped', 'pending']);
  });

  it('when the parties do not choose firms in their term, then the job draws them by lot with a recorded random seed', async () => {
    const id = await appraisal('real_estate');
    await f.advance(7 * DAY + 60_000);
    await f.jobs();
    const v = await f.valuation(id);
    const s = step(v);
    const { choice, lottery } = details(v);
    expect(s.status).to.equal('open');
    expect(choice).to.equal('lottery');
    expect(lottery.seed).to.match(/^[0-9a-f]{32}$/);
    expect(lottery.pool.every((c: string) => c.startsWith('AF-RE-'))).to.equal(true);
    expect(drawFirms(lottery.seed, lottery.pool).draw).to.deep.equal(s.results.map((r: Result) => r.code));
  });
});
