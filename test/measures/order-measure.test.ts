import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { enforcementCases } from '../../server/modules/cases/case.tables';
import { outboxMessages } from '../../server/modules/network/network.tables';
import { expectErrorBody } from '../helpers/error-shape';
import { bearer } from '../helpers/http';
import { startFixture, START, type Fixture } from './measure-fixture';

const years = (n: number) => {
  const d = new Date(START);
  d.setUTCFullYear(d.getUTCFullYear() + n);
  return d.toISOString();
};

describe('ordering a freeze or seizure (控)', () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture();
  });
  after(() => f?.close());

  it('when a deposit is frozen without an amount, then the order asks for the balance capped by claim + costs, and the reply sets rank 1 and the amount frozen', async () => {
    // Claim 100,000: costs 50 + 90,000 × 1.5 % = 1,400 (诉讼费用交纳办法 14); limit 101,400.
    const c = await f.newCase({ claim: '100000.00' });
    const deposit = await f.asset(c.debtorIdNumber, 'deposit', { balance: '250000.00' });
    const res = await f.order(c.id, { assetId: deposit.id });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ status: 'pending', kind: 'freeze', requestedAmount: '101400.00', frozenAmount: null, rank: null, expiresAt: years(1) });

    const [message] = await f.ctx.db.select().from(outboxMessages).where(eq(outboxMessages.correlationId, res.body.id));
    expect(message).to.include({ type: 'freeze', institutionCode: deposit.code, caseId: c.id, status: 'pending' });
    const envelope = message!.envelope as { meta: Record<string, unknown>; body: Record<string, unknown> };
    expect(envelope.body).to.deep.include({ assetRef: deposit.assetRef, amount: '101400.00', until: years(1) });
    expect(envelope.body.debtor).to.deep.equal({ kind: 'person', name: '李四', idNumber: c.debtorIdNumber });
    expect(envelope.meta).to.deep.include({ caseNo: c.caseNo, correlationId: res.body.id, callbackUrl: f.callbackUrl, official: { id: f.wang.id, name: '王建国' } });

    await f.deliver();
    const measure = await f.measure(c.id, res.body.id);
    expect(measure).to.include({ status: 'in_force', rank: 1, frozenAmount: '101400.00', availableAmount: '101400.00' });
    expect(measure.measureRef).to.be.a('string');
    expect(measure.effectiveAt).to.equal(START);
  });

  it('when the bank holds less than asked, then the measure records what was actually frozen', async () => {
    const c = await f.newCase({ claim: '100000.00' });
    const deposit = await f.asset(c.debtorIdNumber, 'deposit', { balance: '3000.00' });
    const res = await f.order(c.id, { assetId: deposit.id, amount: '5000.00' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await f.deliver();
    expect(await f.measure(c.id, res.body.id)).to.include({ status: 'in_force', requestedAmount: '5000.00', frozenAmount: '3000.00' });
    // What the case binds counts the amount frozen, not the amount asked.
    expect((await f.measuresOf(c.id)).limit).to.include({ committed: '3000.00', limit: '101400.00', room: '98400.00' });
  });

  it('gives each kind of asset its term (民诉解释 485): deposits, payment and housing-fund balances 1 year, vehicles 2, real estate, securities and equity 3', async () => {
    const c = await f.newCase({ claim: '90000000.00' });
    const expected = { deposit: 1, payment_balance: 1, housing_fund: 1, vehicle: 2, real_estate: 3, securities: 3, equity: 3 } as const;
    for (const [kind, term] of Object.entries(expected) as [keyof typeof expected, number][]) {
      const asset = await f.asset(c.debtorIdNumber, kind, { balance: '1000.00', indicativeValue: '500000.00' });
      const res = await f.order(c.id, { assetId: asset.id });
      expect(res.status, `${kind}: ${JSON.stringify(res.body)}`).to.equal(201);
      expect(res.body.expiresAt, kind).to.equal(years(term));
      expect(res.body.kind, kind).to.equal(kind === 'real_estate' || kind === 'vehicle' ? 'seizure' : 'freeze');
      if (res.body.kind === 'seizure') expect(res.body.requestedAmount, kind).to.equal('500000.00');
    }
    await f.deliver();
    const { items } = await f.measuresOf(c.id);
    expect(items.map((m) => m.status)).to.deep.equal(Array(7).fill('in_force'));
    expect(items.filter((m) => m.kind === 'seizure').map((m) => m.frozenAmount)).to.deep.equal([null, null]);
  });

  it('keeps a shorter expiry asked for; refuses a longer one with TERM_TOO_LONG and the latest date allowed', async () => {
    const c = await f.newCase();
    const car = await f.asset(c.debtorIdNumber, 'vehicle', { indicativeValue: '20000.00' });
    const before = await f.snapshot();
    const tooLong = await f.order(c.id, { assetId: car.id, until: new Date(Date.parse(years(2)) + 1000).toISOString() });
    expectErrorBody(tooLong, 400, 'TERM_TOO_LONG');
    expect(tooLong.body.error.details.maxUntil).to.equal(years(2));
    expect(tooLong.body.error.details.issues[0].path).to.deep.equal(['until']);
    expect(await f.snapshot()).to.deep.equal(before);
    const shorter = await f.order(c.id, { assetId: car.id, until: '2027-06-30T16:00:00.000Z' });
    expect(shorter.status, JSON.stringify(shorter.body)).to.equal(201);
    expect(shorter.body.expiresAt).to.equal('2027-06-30T16:00:00.000Z');
  });

  it('when the measures would bind more than the claim plus costs, then OVER_SEIZURE with the figures and nothing changes (查扣冻 19)', async () => {
    const c = await f.newCase({ claim: '100000.00' }); // limit 101,400.00
    const deposit = await f.asset(c.debtorIdNumber, 'deposit', { balance: '80000.00' });
    expect((await f.order(c.id, { assetId: deposit.id })).status).to.equal(201);
    await f.deliver();
    const house = await f.asset(c.debtorIdNumber, 'real_estate', { indicativeValue: '3000000.00' });
    const second = await f.asset(c.debtorIdNumber, 'deposit', { balance: '50000.00' });

    const before = await f.snapshot();
    const refused = await f.order(c.id, { assetId: house.id });
    expectErrorBody(refused, 422, 'OVER_SEIZURE');
    expect(refused.body.error.details).to.deep.equal({
      outstanding: '100000.00',
      costs: '1400.00',
      limit: '101400.00',
      committed: '80000.00',
      requested: '3000000.00',
      excess: '2978600.00',
    });
    expect(refused.body.error.message).to.contain('查扣冻');
    const explicit = await f.order(c.id, { assetId: second.id, amount: '21400.01' });
    expectErrorBody(explicit, 422, 'OVER_SEIZURE');
    expect(explicit.body.error.details).to.include({ committed: '80000.00', requested: '21400.01', excess: '0.01' });
    expect(await f.snapshot()).to.deep.equal(before);

    // Exactly up to the limit is allowed; the default caps at what is left.
    const capped = await f.order(c.id, { assetId: second.id });
    expect(capped.status, JSON.stringify(capped.body)).to.equal(201);
    expect(capped.body.requestedAmount).to.equal('21400.00');
    expect((await f.measuresOf(c.id)).limit).to.include({ committed: '101400.00', room: '0.00' });
  });

  it('when two orders of one case race, then the over-seizure check sees the other: one is admitted, the other refused', async () => {
    const c = await f.newCase({ claim: '100000.00' }); // limit 101,400.00
    const a = await f.asset(c.debtorIdNumber, 'deposit', { balance: '80000.00' });
    const b = await f.asset(c.debtorIdNumber, 'deposit', { balance: '80000.00' });
    const results = await Promise.all([f.order(c.id, { assetId: a.id, amount: '80000.00' }), f.order(c.id, { assetId: b.id, amount: '80000.00' }, f.zhao)]);
    expect(results.map((r) => r.status).sort()).to.deep.equal([201, 422]);
    expect((await f.measuresOf(c.id)).limit).to.include({ committed: '80000.00' });
  });

  it('when the judge records the asset as indivisible with a reason, then the order beyond the limit is allowed and the figures are audited', async () => {
    const c = await f.newCase({ claim: '100000.00' });
    const house = await f.asset(c.debtorIdNumber, 'real_estate', { indicativeValue: '3000000.00' });
    const noReason = await f.order(c.id, { assetId: house.id, indivisible: true });
    expectErrorBody(noReason, 400, 'VALIDATION_FAILED');
    expect(noReason.body.error.details.issues[0].path).to.deep.equal(['indivisibleReason']);

    const res = await f.order(c.id, { assetId: house.id, indivisible: true, indivisibleReason: '整套住房不可分割，被执行人无其他财产' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ kind: 'seizure', indivisible: true, indivisibleReason: '整套住房不可分割，被执行人无其他财产', requestedAmount: '3000000.00' });
    const timeline = await request(f.t.url).get(`/api/cases/${c.id}/timeline`).set(bearer(f.wang.token));
    const ordered = (timeline.body as { action: string; data: Record<string, unknown> }[]).find((e) => e.action === 'measure.seizure_ordered');
    expect(ordered?.data.overSeizure).to.deep.include({ limit: '101400.00', excess: '2898600.00' });

    // Money is divisible: a deposit cannot be recorded as indivisible.
    const deposit = await f.asset(c.debtorIdNumber, 'deposit', { balance: '500000.00' });
    const money = await f.order(c.id, { assetId: deposit.id, amount: '500000.00', indivisible: true, indivisibleReason: '不可分' });
    expectErrorBody(money, 400, 'VALIDATION_FAILED');
    expect(money.body.error.details.issues[0].path).to.deep.equal(['indivisible']);
  });

  it('when the amount is not positive money, then 400 names the field and nothing changes', async () => {
    const c = await f.newCase();
    const deposit = await f.asset(c.debtorIdNumber, 'deposit');
    const before = await f.snapshot();
    for (const amount of ['0', '0.00', '-5.00', '12.345', 'abc', '1e5', 100]) {
      const res = await f.order(c.id, { assetId: deposit.id, amount });
      expectErrorBody(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details.issues[0].path, String(amount)).to.deep.equal(['amount']);
    }
    const seizureWithAmount = await f.order(c.id, { assetId: (await f.asset(c.debtorIdNumber, 'vehicle', { indicativeValue: '1000.00' })).id, amount: '10.00' });
    expectErrorBody(seizureWithAmount, 400, 'VALIDATION_FAILED');
    const emptyAccount = await f.asset(c.debtorIdNumber, 'deposit', { balance: '0.00' });
    const nothing = await f.order(c.id, { assetId: emptyAccount.id });
    expectErrorBody(nothing, 400, 'VALIDATION_FAILED');
    expect(nothing.body.error.details.issues[0].path).to.deep.equal(['amount']);
    const unknown = await f.order(c.id, { assetId: deposit.id, extra: 1 });
    expectErrorBody(unknown, 400, 'VALIDATION_FAILED');
    expect(await f.snapshot()).to.deep.equal(before);
  });

  it('refuses an asset of someone who is not a debtor of the case, a second live measure on the same asset, and a closed case', async () => {
    const c = await f.newCase();
    const other = await f.newCase();
    const theirs = await f.asset(other.debtorIdNumber, 'deposit');
    const mine = await f.asset(c.debtorIdNumber, 'deposit');
    expect((await f.order(c.id, { assetId: mine.id })).status).to.equal(201);
    const before = await f.snapshot();
    const notDebtor = await f.order(c.id, { assetId: theirs.id });
    expectErrorBody(notDebtor, 400, 'ASSET_NOT_OF_CASE');
    expect(notDebtor.body.error.details.issues[0].path).to.deep.equal(['assetId']);
    expectErrorBody(await f.order(c.id, { assetId: '00000000-0000-4000-8000-000000000000' }), 400, 'ASSET_NOT_OF_CASE');
    expectErrorBody(await f.order(c.id, { assetId: mine.id }), 409, 'MEASURE_EXISTS');
    expect(await f.snapshot()).to.deep.equal(before);

    await f.ctx.db.update(enforcementCases).set({ status: 'closed' }).where(eq(enforcementCases.id, other.id));
    const closedBefore = await f.snapshot();
    expectErrorBody(await f.order(other.id, { assetId: theirs.id }), 409, 'CASE_NOT_OPEN');
    expect(await f.snapshot()).to.deep.equal(closedBefore);
  });

  it('lets only a judge or clerk of the case\'s court order: another court gets 404, a clerk may, an administrator may not', async () => {
    const c = await f.newCase();
    const deposit = await f.asset(c.debtorIdNumber, 'deposit');
    const admin = await request(f.t.url).post('/api/auth/login').send({ username: 'admin', password: 'Demo#2026' });
    const before = await f.snapshot();
    expectErrorBody(await f.order(c.id, { assetId: deposit.id }, f.chen), 404, 'NOT_FOUND');
    const asAdmin = await request(f.t.url).post(`/api/cases/${c.id}/measures`).set(bearer(admin.body.token)).send({ assetId: deposit.id });
    expectErrorBody(asAdmin, 403, 'FORBIDDEN');
    expectErrorBody(await request(f.t.url).get(`/api/cases/${c.id}/measures`).set(bearer(f.chen.token)), 404, 'NOT_FOUND');
    expect(await f.snapshot()).to.deep.equal(before);
    const byClerk = await f.order(c.id, { assetId: deposit.id }, f.zhao);
    expect(byClerk.status, JSON.stringify(byClerk.body)).to.equal(201);
    expect(byClerk.body.orderedBy).to.deep.equal({ id: f.zhao.id, displayName: '赵雪' });
  });

  it('when the institution refuses the order, then the measure is rejected with its reason and binds nothing', async () => {
    const c = await f.newCase();
    const deposit = await f.asset(c.debtorIdNumber, 'deposit', { balance: '5000.00' });
    await f.deliver(); // what earlier tests left in the outbox
    f.fake.rejectNext = { type: 'freeze', reason: '账户已销户 / account closed' };
    const res = await f.order(c.id, { assetId: deposit.id });
    await f.deliver();
    expect(await f.measure(c.id, res.body.id)).to.include({ status: 'rejected', endReason: '账户已销户 / account closed' });
    expect((await f.measuresOf(c.id)).limit).to.include({ committed: '0.00' });
    // Once rejected, the asset may be ordered again.
    expect((await f.order(c.id, { assetId: deposit.id })).status).to.equal(201);
  });

  it('when delivery fails in transit, then the order stays pending and goes out again with the same message id, executed once', async () => {
    const c = await f.newCase();
    const deposit = await f.asset(c.debtorIdNumber, 'deposit', { balance: '5000.00' });
    await f.deliver();
    f.fake.failNext = 1;
    const res = await f.order(c.id, { assetId: deposit.id });
    await f.deliver();
    expect(await f.measure(c.id, res.body.id)).to.include({ status: 'pending' });
    f.clock.advance(60 * 60_000);
    await f.deliver();
    expect(await f.measure(c.id, res.body.id)).to.include({ status: 'in_force', frozenAmount: '5000.00' });
    const sends = f.fake.received.filter((r) => r.type === 'freeze' && r.body.assetRef === deposit.assetRef);
    expect(sends).to.have.length(2);
    expect(sends[0]!.messageId).to.equal(sends[1]!.messageId);
    expect(f.fake.measuresOn(deposit.code, deposit.assetRef)).to.have.length(1);
  });
});
