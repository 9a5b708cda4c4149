import { expect } from 'chai';
import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { outboxMessages } from '../../server/modules/network/network.tables';
import { expectErrorBody } from '../helpers/error-shape';
import { bearer } from '../helpers/http';
import { startFixture, type Fixture, type Staff } from './measure-fixture';

const COURT_FUNDS = 'court:京0105:enforcement-funds';

describe('deductions (扣划): four eyes, the ledger and the outstanding amount', () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture();
  });
  after(() => f?.close());

  const post = (path: string, body: Record<string, unknown>, who: Staff) => request(f.t.url).post(path).set(bearer(who.token)).send(body);
  const ask = (measureId: string, amount: unknown, who: Staff = f.wang) => post(`/api/measures/${measureId}/deductions`, { amount }, who);
  const approve = (id: string, who: Staff) => post(`/api/deductions/${id}/approve`, {}, who);
  const decline = (id: string, reason: string, who: Staff) => post(`/api/deductions/${id}/decline`, { reason }, who);
  const deductMessages = (measureId: string) => f.ctx.db.select().from(outboxMessages).where(and(eq(outboxMessages.correlationId, measureId), eq(outboxMessages.type, 'deduct')));
  const caseDetail = async (caseId: string) => (await request(f.t.url).get(`/api/cases/${caseId}`).set(bearer(f.wang.token))).body;
  const ledger = async (caseId: string) => {
    const res = await request(f.t.url).get(`/api/cases/${caseId}/ledger`).set(bearer(f.wang.token));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body;
  };

  /** A case with a deposit freeze in force. */
  async function frozen(claim = '100000.00', balance = '50000.00') {
    const c = await f.newCase({ claim });
    const deposit = await f.asset(c.debtorIdNumber, 'deposit', { balance });
    const res = await f.order(c.id, { assetId: deposit.id });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await f.deliver();
    const measure = await f.measure(c.id, res.body.id);
    expect(measure.status).to.equal('in_force');
    return { c, id: res.body.id as string, measure };
  }

  it('when a deduction is asked for, then nothing is sent until another user of the court with approval rights approves it', async () => {
    const m = await frozen();
    const before = await f.snapshot();
    for (const amount of ['0', '-1.00', '1.001', 'ten', 5]) expectErrorBody(await ask(m.id, amount), 400, 'VALIDATION_FAILED');
    const tooMuch = await ask(m.id, '50000.01');
    expectErrorBody(tooMuch, 422, 'DEDUCTION_EXCEEDS_FROZEN');
    expect(tooMuch.body.error.details).to.deep.equal({ requested: '50000.01', available: '50000.00' });
    expectErrorBody(await ask(m.id, '100.00', f.chen), 404, 'NOT_FOUND');
    expect(await f.snapshot()).to.deep.equal(before);

    const asked = await ask(m.id, '30000.00');
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    expect(asked.body).to.include({ status: 'awaiting_approval', amount: '30000.00', approvedBy: null });
    expect(asked.body.requestedBy).to.deep.equal({ id: f.wang.id, displayName: '王建国' });
    expect(await deductMessages(m.id)).to.have.length(0);

    // A deduct without a second approval is refused in every way, and changes nothing.
    const pending = await f.snapshot();
    expectErrorBody(await approve(asked.body.id, f.wang), 403, 'DEDUCTION_APPROVAL_REQUIRED');
    expectErrorBody(await approve(asked.body.id, f.zhao), 403, 'FORBIDDEN');
    expectErrorBody(await approve(asked.body.id, f.chen), 404, 'NOT_FOUND');
    expectErrorBody(await ask(m.id, '100.00'), 409, 'DEDUCTION_PENDING');
    await f.deliver();
    expect(await f.snapshot()).to.deep.equal(pending);
    expect(await f.measure(m.c.id, m.id)).to.include({ deductedAmount: '0.00', pendingOrder: null });

    const approved = await approve(asked.body.id, f.li);
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body).to.include({ status: 'approved' });
    expect(approved.body.approvedBy).to.deep.equal({ id: f.li.id, displayName: '李敏' });
    const [message] = await deductMessages(m.id);
    expect((message!.envelope as { body: unknown }).body).to.deep.equal({ measureRef: m.measure.measureRef, amount: '30000.00', courtAccount: COURT_FUNDS });
    expectErrorBody(await approve(asked.body.id, f.li), 409, 'DEDUCTION_NOT_PENDING');
  });

  it('when the institution transfers the money, then the ledger records it double-entry, the case\'s outstanding amount falls, and the freeze holds the rest', async () => {
    const m = await frozen('100000.00', '50000.00');
    const judge = await f.listen(f.wang);
    const first = await ask(m.id, '30000.00', f.zhao);
    expect((await approve(first.body.id, f.li)).status).to.equal(200);
    await f.deliver();

    const deductions = (await request(f.t.url).get(`/api/cases/${m.c.id}/deductions`).set(bearer(f.wang.token))).body;
    expect(deductions).to.have.length(1);
    expect(deductions[0]).to.include({ status: 'completed', amount: '30000.00', deductedAmount: '30000.00' });
    expect(deductions[0].transferRef).to.match(/^TR-/);
    expect(await f.measure(m.c.id, m.id)).to.include({ status: 'in_force', deductedAmount: '30000.00', availableAmount: '20000.00', pendingOrder: null });
    expect((await caseDetail(m.c.id)).outstandingAmount).to.equal('70000.00');
    // The limit follows: 70,000 outstanding + 1,400 costs; the freeze now binds 20,000.
    expect((await f.measuresOf(m.c.id)).limit).to.include({ outstanding: '70000.00', costs: '1400.00', limit: '71400.00', committed: '20000.00' });
    await judge.waitFor('measure.updated', (p) => p.id === m.id && p.deductedAmount === '30000.00');
    judge.close();

    let book = await ledger(m.c.id);
    expect(book.transactions).to.have.length(1);
    expect(book.transactions[0]).to.include({ kind: 'deduction', ref: deductions[0].id });
    expect(book.transactions[0].entries).to.deep.equal([
      { account: COURT_FUNDS, debit: '30000.00', credit: '0.00' },
      { account: `case:${m.c.id}:recovered`, debit: '0.00', credit: '30000.00' },
    ]);
    expect(book.totals).to.deep.equal({ debit: '30000.00', credit: '30000.00', recovered: '30000.00', paidOut: '0.00', available: '30000.00' });

    // The rest: the freeze is exhausted.
    const second = await ask(m.id, '20000.00');
    expect((await approve(second.body.id, f.li)).status).to.equal(200);
    await f.deliver();
    expect(await f.measure(m.c.id, m.id)).to.include({ status: 'exhausted', deductedAmount: '50000.00', availableAmount: '0.00' });
    expect((await caseDetail(m.c.id)).outstandingAmount).to.equal('50000.00');
    book = await ledger(m.c.id);
    expect(book.transactions).to.have.length(2);
    expect(book.totals).to.deep.equal({ debit: '50000.00', credit: '50000.00', recovered: '50000.00', paidOut: '0.00', available: '50000.00' });
    expect(book.accounts).to.deep.equal([
      { account: COURT_FUNDS, debit: '50000.00', credit: '0.00', balance: '50000.00' },
      { account: `case:${m.c.id}:recovered`, debit: '0.00', credit: '50000.00', balance: '-50000.00' },
    ]);

    const before = await f.snapshot();
    expectErrorBody(await ask(m.id, '1.00'), 409, 'DEDUCTION_NOT_ALLOWED');
    expectErrorBody(await post(`/api/measures/${m.id}/release`, { reason: '已扣划完毕' }, f.wang), 409, 'MEASURE_ENDED');
    expect(await f.snapshot()).to.deep.equal(before);
  });

  it('when more is deducted than the claim outstanding (the costs), then the outstanding amount stops at zero and the ledger still shows every fen', async () => {
    const m = await frozen('10000.00', '99999.00'); // limit 10,000 + 50 costs
    expect(m.measure.frozenAmount).to.equal('10050.00');
    const asked = await ask(m.id, '10050.00');
    expect((await approve(asked.body.id, f.li)).status).to.equal(200);
    await f.deliver();
    expect((await caseDetail(m.c.id)).outstandingAmount).to.equal('0.00');
    expect((await ledger(m.c.id)).totals).to.deep.equal({ debit: '10050.00', credit: '10050.00', recovered: '10050.00', paidOut: '0.00', available: '10050.00' });
  });

  it('when an approver declines, or the requester withdraws, then nothing is sent and the deduction can no longer be approved', async () => {
    const m = await frozen();
    const asked = await ask(m.id, '1000.00');
    const before = await f.snapshot();
    expectErrorBody(await decline(asked.body.id, '', f.li), 400, 'VALIDATION_FAILED');
    expectErrorBody(await decline(asked.body.id, '金额有误', f.zhao), 403, 'FORBIDDEN');
    expect(await f.snapshot()).to.deep.equal(before);
    const declined = await decline(asked.body.id, '金额有误，请重新申请', f.li);
    expect(declined.status, JSON.stringify(declined.body)).to.equal(200);
    expect(declined.body).to.include({ status: 'declined', declinedReason: '金额有误，请重新申请' });
    expectErrorBody(await approve(asked.body.id, f.li), 409, 'DEDUCTION_NOT_PENDING');
    expect(await deductMessages(m.id)).to.have.length(0);

    const again = await ask(m.id, '2000.00', f.zhao);
    expect(again.status).to.equal(201);
    expect((await decline(again.body.id, '申请人撤回', f.zhao)).body).to.include({ status: 'declined' });
  });

  it('deducts only from a freeze in force: not from a seizure, nor from a queued or pending freeze', async () => {
    const c = await f.newCase({ claim: '9000000.00' });
    const house = await f.asset(c.debtorIdNumber, 'real_estate', { indicativeValue: '2000000.00' });
    const seizure = await f.order(c.id, { assetId: house.id });
    await f.deliver();
    const deposit = await f.asset(c.debtorIdNumber, 'deposit', { balance: '5000.00' });
    const pending = await f.order(c.id, { assetId: deposit.id });
    const before = await f.snapshot();
    expectErrorBody(await ask(seizure.body.id, '100.00'), 409, 'DEDUCTION_NOT_ALLOWED');
    expectErrorBody(await ask(pending.body.id, '100.00'), 409, 'DEDUCTION_NOT_ALLOWED');
    expect(await f.snapshot()).to.deep.equal(before);
    await f.deliver();
  });

  it('when the institution refuses the transfer, then nothing reaches the ledger and the outstanding amount stands', async () => {
    const m = await frozen();
    const asked = await ask(m.id, '5000.00');
    await f.deliver();
    f.fake.rejectNext = { type: 'deduct', reason: '账户已被司法扣划 / already transferred' };
    expect((await approve(asked.body.id, f.li)).status).to.equal(200);
    await f.deliver();
    const [deduction] = (await request(f.t.url).get(`/api/cases/${m.c.id}/deductions`).set(bearer(f.wang.token))).body;
    expect(deduction).to.include({ status: 'rejected_by_institution', rejectionReason: '账户已被司法扣划 / already transferred', deductedAmount: null });
    expect(await f.measure(m.c.id, m.id)).to.include({ deductedAmount: '0.00', pendingOrder: null, status: 'in_force' });
    expect((await caseDetail(m.c.id)).outstandingAmount).to.equal('100000.00');
    expect((await ledger(m.c.id)).transactions).to.have.length(0);
  });

  it('shows the ledger only to the case\'s court', async () => {
    const m = await frozen();
    expectErrorBody(await request(f.t.url).get(`/api/cases/${m.c.id}/ledger`).set(bearer(f.chen.token)), 404, 'NOT_FOUND');
    expectErrorBody(await request(f.t.url).get(`/api/cases/${m.c.id}/deductions`).set(bearer(f.chen.token)), 404, 'NOT_FOUND');
    expectErrorBody(await request(f.t.url).get(`/api/cases/${m.c.id}/ledger`), 401, 'UNAUTHENTICATED');
  });

  it('when a judge pays recovered money out to the creditor, then the ledger balances, the payout is on the timeline, and no more than was recovered can leave', async () => {
    const m = await frozen('100000.00', '50000.00');
    const asked = await ask(m.id, '30000.00');
    expect((await approve(asked.body.id, f.li)).status).to.equal(200);
    await f.deliver();
    const pay = (amount: unknown, who: Staff = f.wang) => post(`/api/cases/${m.c.id}/payouts`, { amount, payeeAccount: '6222 0200 0000 0001' }, who);

    const before = await f.snapshot();
    expectErrorBody(await pay('0'), 400, 'VALIDATION_FAILED');
    expectErrorBody(await pay('30000.01'), 422, 'PAYOUT_EXCEEDS_RECOVERED');
    expectErrorBody(await pay('100.00', f.zhao), 403, 'FORBIDDEN');
    expectErrorBody(await pay('100.00', f.chen), 404, 'NOT_FOUND');
    expect(await f.snapshot()).to.deep.equal(before);

    // Two payouts at once of 20,000 each: the case has 30,000, so exactly one goes through.
    const both = await Promise.all([pay('20000.00'), pay('20000.00')]);
    expect(both.map((r) => r.status).sort()).to.deep.equal([201, 422]);
    const done = both.find((r) => r.status === 201)!;
    expect(done.body).to.include({ amount: '20000.00', available: '10000.00' });

    const book = await ledger(m.c.id);
    expect(book.totals).to.deep.equal({ debit: '50000.00', credit: '50000.00', recovered: '30000.00', paidOut: '20000.00', available: '10000.00' });
    const payout = book.transactions.find((t: { kind: string }) => t.kind === 'payout');
    expect(payout.entries).to.deep.equal([
      { account: `case:${m.c.id}:recovered`, debit: '20000.00', credit: '0.00' },
      { account: COURT_FUNDS, debit: '0.00', credit: '20000.00' },
    ]);
    expect(payout.memo).to.contain('发放执行款给申请执行人');
    const timeline = (await request(f.t.url).get(`/api/cases/${m.c.id}/timeline`).set(bearer(f.wang.token))).body;
    expect(JSON.stringify(timeline)).to.contain('ledger.payout');
    // The rest, and then nothing.
    expect((await pay('10000.00')).status).to.equal(201);
    expect((await pay('0.01')).status).to.equal(422);
  });
});
