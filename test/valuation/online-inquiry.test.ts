import { expect } from 'chai';
import type { Result, Step, ValuationView } from './valuation-fixture';
import { Money } from '../../shared/money';
import { currentReferencePrice } from '../../server/modules/valuation';
import { expectErrorBody } from '../helpers/error-shape';
import { DAY, HOUR, startValuationFixture, type ValuationFixture } from './valuation-fixture';

const PLATFORMS = ['IP-TAOBAO', 'IP-JD', 'IP-ICBC', 'IP-RMZC'];
const mean = (amounts: (string | null)[]) => amounts.reduce((s, a) => s.plus(a!), new Money(0)).dividedBy(amounts.length).toFixed(2, Money.ROUND_HALF_UP);

describe('valuation: online inquiry (网络询价) with the simulated platforms', () => {
  let f: ValuationFixture;
  let t0: number;
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  before(async () => {
    f = await startValuationFixture();
  });
  beforeEach(() => {
    t0 = f.clock.nowMs();
  });
  afterEach(async () => {
    for (const code of PLATFORMS) await f.platformHours(code, null);
  });
  after(() => f?.close());

  /** A real-estate seizure in force, valuation started, parties agreeing to go straight to online inquiry. */
  async function online(): Promise<{ id: string; measureId: string; view: ValuationView }> {
    const { measureId } = await f.seized('real_estate', '3000000.00');
    const started = await f.start(measureId);
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    const skipped = await f.post(`/api/valuations/${started.body.id}/skip`, { to: 'onlineInquiry', agreement: '双方当事人一致同意直接网络询价' });
    expect(skipped.status, JSON.stringify(skipped.body)).to.equal(200);
    return { id: started.body.id, measureId, view: skipped.body };
  }

  const onlineStep = (v: ValuationView): Step => v.steps.find((s: Step) => s.method === 'onlineInquiry' && s.status !== 'skipped')!;

  it('when the parties agree to skip, then the skip is recorded on each method skipped and every listed platform is commissioned at once with 3 days', async () => {
    const { view } = await online();
    expect(view.steps.map((s: Step) => [s.method, s.status])).to.deep.equal([
      ['negotiated', 'skipped'],
      ['directedInquiry', 'skipped'],
      ['onlineInquiry', 'open'],
    ]);
    expect(view.steps[0]!.agreement).to.deep.include({ text: '双方当事人一致同意直接网络询价', to: 'onlineInquiry', agreedAt: at(0) });
    const step = onlineStep(view);
    expect(step.deadline).to.equal(at(3 * DAY));
    expect(step.results.map((r: Result) => r.code)).to.deep.equal(PLATFORMS);
    for (const r of step.results) expect(r).to.include({ status: 'pending', requestedAt: at(0), acknowledgedAt: at(0), dueAt: at(3 * DAY) });
  });

  it('when every platform answers within 3 days, then the step closes as soon as the last answers and the price is their mean once the objection window ends', async () => {
    await f.platformHours('IP-RMZC', 50);
    const { id, measureId } = await online();
    const watcher = await f.listen(f.wang);
    await f.advance(55 * HOUR);
    await f.jobs();
    let v = await f.valuation(id);
    let step = onlineStep(v);
    expect(step.status).to.equal('reported');
    expect(step.results.map((r: Result) => r.status)).to.deep.equal(['received', 'received', 'received', 'received']);
    const amounts = step.results.map((r: Result) => r.amount as string);
    expect(new Set(amounts).size, 'the platforms differ').to.be.greaterThan(1);
    expect(step.amount).to.equal(mean(amounts));
    for (const r of step.results) expect(Date.parse(r.issuedAt!)).to.be.at.most(Date.parse(step.deadline!));
    await watcher.waitFor('valuation.result', (p) => p.id === id);

    const delivered = await f.post(`/api/valuations/${id}/delivery`, { method: 'electronic' });
    expect(delivered.status, JSON.stringify(delivered.body)).to.equal(200);
    step = onlineStep(delivered.body);
    expect(step).to.include({ deliveredAt: at(55 * HOUR), receivedAt: at(55 * HOUR), objectionDeadline: at(55 * HOUR + 5 * DAY) });

    await f.advance(5 * DAY - HOUR);
    await f.jobs();
    expect((await f.valuation(id)).status).to.equal('running');
    await f.advance(2 * HOUR);
    await f.jobs();
    v = await f.valuation(id);
    expect(v.status).to.equal('fixed');
    expect(v.referencePrice).to.include({ amount: mean(amounts), method: 'onlineInquiry', fixedAt: at(55 * HOUR + 5 * DAY + HOUR) });
    await watcher.waitFor('valuation.fixed', (p) => p.id === id);
    watcher.close();
    expect((await currentReferencePrice(f.ctx.db, measureId, f.clock.now()))?.amount).to.equal(mean(amounts));
  });

  it('when one platform answers after the 3 days, then its result is recorded as late and not counted', async () => {
    const { id } = await online();
    await f.advance(3 * DAY + 60_000);
    await f.jobs();
    let step = onlineStep(await f.valuation(id));
    expect(step.status).to.equal('reported');
    const byCode = Object.fromEntries(step.results.map((r: Result) => [r.code, r])) as Record<string, Result>;
    expect(byCode['IP-RMZC']!.status).to.equal('unanswered');
    const counted = ['IP-TAOBAO', 'IP-JD', 'IP-ICBC'].map((c) => byCode[c]!.amount);
    expect(step.amount, JSON.stringify(step.results.map((r: Result) => [r.code, r.status, r.amount, r.issuedAt]))).to.equal(mean(counted));

    // The late report comes in about 4 days after the commission: recorded with its time, never counted.
    await f.advance(2 * DAY);
    await f.jobs();
    step = onlineStep(await f.valuation(id));
    const late = step.results.find((r: Result) => r.code === 'IP-RMZC')!;
    expect(late.status).to.equal('late');
    expect(late.amount).to.match(/^\d+\.\d{2}$/);
    expect(Date.parse(late.issuedAt!)).to.be.greaterThan(t0 + 3 * DAY);
    expect(step.amount, JSON.stringify(step.results)).to.equal(mean(counted));
  });

  it('when no platform answers in 3 days, then all get one 3-day extension and the price is the mean of those in by then', async () => {
    await f.platformHours('IP-TAOBAO', 80);
    await f.platformHours('IP-JD', 90);
    await f.platformHours('IP-ICBC', 100);
    await f.platformHours('IP-RMZC', 200);
    const { id } = await online();
    await f.advance(3 * DAY + 60_000);
    await f.jobs();
    let step = onlineStep(await f.valuation(id));
    expect(step).to.include({ status: 'open', extendedAt: at(3 * DAY), deadline: at(6 * DAY) });
    for (const r of step.results) expect(r).to.include({ status: 'pending', dueAt: at(6 * DAY) });

    await f.advance(2 * DAY);
    await f.jobs();
    step = onlineStep(await f.valuation(id));
    expect(step.status, 'waits for the extended deadline while one is missing').to.equal('open');
    await f.advance(DAY);
    await f.jobs();
    step = onlineStep(await f.valuation(id));
    expect(step.status).to.equal('reported');
    const inTime = step.results.filter((r: Result) => r.status === 'received');
    expect(inTime.map((r: Result) => r.code)).to.deep.equal(['IP-TAOBAO', 'IP-JD', 'IP-ICBC']);
    expect(step.amount).to.equal(mean(inTime.map((r: Result) => r.amount)));
    expect(step.results.find((r: Result) => r.code === 'IP-RMZC')!.status).to.equal('unanswered');
  });

  it('when no platform answers within the extension either, then the online inquiry fails and the appraisal opens (参考价 11, 14)', async () => {
    for (const code of PLATFORMS) await f.platformHours(code, 24 * 7);
    const { id } = await online();
    await f.advance(3 * DAY + 60_000);
    await f.jobs();
    await f.advance(3 * DAY);
    await f.jobs();
    const v = await f.valuation(id);
    expect(onlineStep(v).status).to.equal('failed');
    expect(v.method).to.equal('appraisal');
    expect(v.steps.at(-1)).to.include({ method: 'appraisal', status: 'choosing' });
  });

  it('when an objection to one platform\'s report is upheld, then that result is dropped and the price is the mean of the others; a late objection is refused', async () => {
    await f.platformHours('IP-RMZC', 50);
    const { id } = await online();
    await f.advance(55 * HOUR);
    await f.jobs();
    await f.post(`/api/valuations/${id}/delivery`, { method: 'direct' });
    let step = onlineStep(await f.valuation(id));
    const target = step.results[0]!;
    const filed = await f.post(`/api/valuations/${id}/objections`, { resultId: target.id, party: 'debtor', grounds: 'basic_information', statement: '询价报告所载面积错误' });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    expect(filed.body).to.include({ status: 'pending', party: 'debtor', partyName: '李四' });

    // The window ends, but the objection holds the price back until the ruling.
    await f.advance(6 * DAY);
    await f.jobs();
    expect((await f.valuation(id)).status).to.equal('running');
    const late = await f.post(`/api/valuations/${id}/objections`, { resultId: step.results[1]!.id, party: 'creditor', grounds: 'scope', statement: '超过期限的异议' });
    expectErrorBody(late, 409, 'OBJECTION_TOO_LATE');

    const clerk = await f.post(`/api/valuation-objections/${filed.body.id}/ruling`, { upheld: true, ruling: '异议成立' }, f.zhao);
    expectErrorBody(clerk, 403, 'FORBIDDEN');
    const ruled = await f.post(`/api/valuation-objections/${filed.body.id}/ruling`, { upheld: true, ruling: '报告面积错误，异议成立' });
    expect(ruled.status, JSON.stringify(ruled.body)).to.equal(200);
    expect(ruled.body).to.include({ status: 'upheld' });
    const v = await f.valuation(id);
    step = onlineStep(v);
    expect(step.results[0]!.status).to.equal('dropped');
    const kept = step.results.slice(1).map((r: Result) => r.amount as string);
    expect(v.status, 'the window is over and nothing is pending: fixed at the ruling').to.equal('fixed');
    expect(v.referencePrice!.amount).to.equal(mean(kept));
    const again = await f.post(`/api/valuation-objections/${filed.body.id}/ruling`, { upheld: false, ruling: '再次裁定' });
    expectErrorBody(again, 409, 'OBJECTION_NOT_PENDING');
  });

  it('when the price was negotiated, then an objection is refused (参考价 24) and nothing changes', async () => {
    const { measureId } = await f.seized();
    const started = await f.start(measureId);
    await f.post(`/api/valuations/${started.body.id}/negotiated`, { price: '2000000.00', agreement: '双方书面议定价格' });
    const before = await f.valuationSnapshot();
    const res = await f.post(`/api/valuations/${started.body.id}/objections`, {
      resultId: '00000000-0000-4000-8000-000000000000',
      party: 'debtor',
      grounds: 'standard_method_result',
      statement: '价格过低',
    });
    expectErrorBody(res, 422, 'OBJECTION_NOT_ALLOWED');
    expect(await f.valuationSnapshot()).to.deep.equal(before);
  });
});
