import { expect } from 'chai';
import { currentReferencePrice } from '../../server/modules/valuation';
import { expectErrorBody } from '../helpers/error-shape';
import { DAY, START, startValuationFixture, type ValuationFixture } from './valuation-fixture';

describe('valuation: negotiated price (当事人议价)', () => {
  let f: ValuationFixture;
  before(async () => {
    f = await startValuationFixture();
  });
  after(() => f?.close());

  it('when the parties agree a price within the deadline, then it is the reference price at once, valid 1 year, and currentReferencePrice returns it', async () => {
    const { measureId, caseId } = await f.seized();
    const started = await f.start(measureId);
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    expect(started.body).to.include({ status: 'running', method: 'negotiated', measureId, caseId, referencePrice: null });
    expect(started.body.steps).to.have.length(1);
    expect(started.body.steps[0]).to.include({ method: 'negotiated', status: 'open', deadline: new Date(Date.parse(START) + 7 * DAY).toISOString() });

    const fixed = await f.post(`/api/valuations/${started.body.id}/negotiated`, { price: '1850000.00', agreement: '双方当事人于2026年11月25日书面议定' });
    expect(fixed.status, JSON.stringify(fixed.body)).to.equal(200);
    expect(fixed.body).to.include({ status: 'fixed', method: 'negotiated' });
    expect(fixed.body.referencePrice).to.deep.include({ amount: '1850000.00', method: 'negotiated', fixedAt: START, validUntil: '2027-11-25T08:00:00.000Z' });
    expect(fixed.body.steps[0].agreement).to.deep.include({ text: '双方当事人于2026年11月25日书面议定', price: '1850000.00' });
    expect(fixed.body.steps[0].agreement.parties).to.deep.include.members([{ role: 'debtor', name: '李四' }]);

    const price = await currentReferencePrice(f.ctx.db, measureId, f.clock.now());
    expect(price).to.deep.include({ valuationId: started.body.id, measureId, caseId, method: 'negotiated', amount: '1850000.00' });
    expect(price!.validUntil.toISOString()).to.equal('2027-11-25T08:00:00.000Z');
  });

  it('when a valid price exists or a valuation runs, then another start is refused and nothing changes', async () => {
    const { measureId } = await f.seized();
    const started = await f.start(measureId);
    const before = await f.valuationSnapshot();
    const again = await f.start(measureId);
    expectErrorBody(again, 409, 'VALUATION_RUNNING');
    expect(await f.valuationSnapshot()).to.deep.equal(before);
    await f.post(`/api/valuations/${started.body.id}/negotiated`, { price: '1000000.00', agreement: '双方书面议定价格' });
    const third = await f.start(measureId);
    expectErrorBody(third, 409, 'REFERENCE_PRICE_VALID');
  });
});
