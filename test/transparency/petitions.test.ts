import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { auditLog } from '../../server/modules/audit/audit.tables';
import { runPetitionJobs } from '../../server/modules/petitions';
import { expectErrorBody } from '../helpers/error-shape';
import { bearer } from '../helpers/http';
import { DAY } from '../measures/measure-fixture';
import { startTransparencyFixture, type TransparencyFixture } from './transparency-fixture';

const MINUTE = 60_000;
const body = { petitionerName: '张三', petitionerRole: 'creditor', content: '申请执行人反映案件执行进展缓慢，请求法院加快执行。', channel: 'letter' };

describe('petitions (信访) about a case', () => {
  let f: TransparencyFixture;
  before(async () => {
    f = await startTransparencyFixture();
  });
  after(() => f?.close());

  const receive = async (caseId: string) => {
    const res = await request(f.t.url).post(`/api/cases/${caseId}/petitions`).set(bearer(f.zhao.token)).send(body);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as Record<string, unknown> & { id: string };
  };
  const assign = (id: string, assigneeId: string, who = f.zhao) => request(f.t.url).post(`/api/petitions/${id}/assign`).set(bearer(who.token)).send({ assigneeId });
  const answer = (id: string, who = f.li) => request(f.t.url).post(`/api/petitions/${id}/answer`).set(bearer(who.token)).send({ answer: '经查，本院已冻结被执行人存款，正在扣划。' });
  const run = () => runPetitionJobs(f.ctx, f.clock.now());

  it('when a clerk records a petition, then it is received with 3 and 15 days to assign and answer, on the timeline, and the case\'s judge is told', async () => {
    const c = await f.newCase();
    const wang = await f.listen(f.wang);
    const p = await receive(c.id);
    const now = f.clock.nowMs();
    expect(p).to.include({ status: 'received', channel: 'letter', caseNo: c.caseNo, assignDueAt: new Date(now + 3 * DAY).toISOString(), answerDueAt: new Date(now + 15 * DAY).toISOString(), overdue: false });
    expect(p.dueAt).to.equal(p.assignDueAt);
    expect(p.receivedBy).to.deep.equal({ id: f.zhao.id, displayName: (p.receivedBy as { displayName: string }).displayName });
    const pushed = await wang.waitFor('petition.reminder', (e) => e.id === p.id);
    expect(pushed).to.include({ step: 'assign', reason: 'received' });
    wang.close();
    const timeline = await request(f.t.url).get(`/api/cases/${c.id}/timeline`).set(bearer(f.wang.token));
    expect(timeline.body.map((e: { action: string }) => e.action)).to.include('petition.received');
  });

  it('lets a party file online with the case number and query code, and refuses a wrong code the same way as the party view, filing nothing', async () => {
    const c = await f.newCase();
    const code = await f.issueCode(c.id);
    const before = await f.state();
    const refused = await request(f.t.url).post('/api/public/petitions').send({ ...body, channel: undefined, caseNo: c.caseNo, code: 'AAAA-AAAA-AAAA' });
    expectErrorBody(refused, 403, 'QUERY_REFUSED');
    expect(await f.state()).to.deep.equal(before);

    const { channel: _channel, ...content } = body;
    const filed = await request(f.t.url).post('/api/public/petitions').send({ ...content, caseNo: c.caseNo, code });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    expect(Object.keys(filed.body).sort()).to.deep.equal(['answerDueAt', 'id', 'receivedAt']);
    const staff = await request(f.t.url).get(`/api/petitions/${filed.body.id}`).set(bearer(f.wang.token));
    expect(staff.body).to.include({ channel: 'online', status: 'received', receivedBy: null });
    const [record] = await f.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, filed.body.id));
    expect(record).to.include({ action: 'petition.received', caseId: c.id, actorId: null });
  });

  it('assigns only to a serving judge of the court, answers only by the assignee, once; every refusal has its code and changes nothing', async () => {
    const c = await f.newCase();
    const p = await receive(c.id);
    let before = await f.state();
    expectErrorBody(await answer(p.id), 409, 'PETITION_WRONG_STATE');
    expectErrorBody(await assign(p.id, f.zhao.id), 422, 'ASSIGNEE_NOT_A_JUDGE');
    expectErrorBody(await assign(p.id, f.chen.id), 422, 'ASSIGNEE_NOT_A_JUDGE');
    expectErrorBody(await assign(p.id, f.li.id, f.chen), 404, 'NOT_FOUND');
    expectErrorBody(await request(f.t.url).post(`/api/petitions/${p.id}/assign`).set(bearer(f.zhao.token)).send({ assigneeId: 'nope' }), 400, 'VALIDATION_FAILED');
    expect(await f.state()).to.deep.equal(before);

    const li = await f.listen(f.li);
    const assigned = await assign(p.id, f.li.id);
    expect(assigned.status, JSON.stringify(assigned.body)).to.equal(200);
    expect(assigned.body).to.include({ status: 'assigned', dueAt: p.answerDueAt });
    expect(assigned.body.assignee.id).to.equal(f.li.id);
    await li.waitFor('petition.assigned', (e) => e.id === p.id);
    li.close();

    before = await f.state();
    expectErrorBody(await answer(p.id, f.wang), 403, 'NOT_PETITION_ASSIGNEE');
    expectErrorBody(await assign(p.id, f.li.id), 409, 'PETITION_WRONG_STATE');
    expect(await f.state()).to.deep.equal(before);

    const answered = await answer(p.id);
    expect(answered.status, JSON.stringify(answered.body)).to.equal(200);
    expect(answered.body).to.include({ status: 'answered', dueAt: null, overdue: false });
    before = await f.state();
    expectErrorBody(await answer(p.id), 409, 'PETITION_WRONG_STATE');
    expectErrorBody(await assign(p.id, f.wang.id), 409, 'PETITION_WRONG_STATE');
    expect(await f.state()).to.deep.equal(before);

    const timeline = await request(f.t.url).get(`/api/cases/${c.id}/timeline`).set(bearer(f.wang.token));
    expect(timeline.body.map((e: { action: string }) => e.action).filter((a: string) => a.startsWith('petition.'))).to.deep.equal(['petition.received', 'petition.assigned', 'petition.answered']);
  });

  it('reminds once a day before the assign deadline and 3 days before the answer deadline, marks each missed step overdue once, and records a late answer', async () => {
    // The earlier tests' petitions are past every deadline first, so that the counts below are this petition's.
    await f.advance(20 * DAY);
    await run();
    const c = await f.newCase();
    const p = await receive(c.id);
    const received = f.clock.nowMs();
    const wang = await f.listen(f.wang);

    await f.advance(2 * DAY - MINUTE);
    expect(await run()).to.deep.equal({ reminded: 0, overdue: 0 });
    await f.advance(2 * MINUTE);
    expect(await run()).to.deep.equal({ reminded: 1, overdue: 0 });
    expect(await run()).to.deep.equal({ reminded: 0, overdue: 0 });
    expect(await wang.waitFor('petition.reminder', (e) => e.id === p.id && e.reason === undefined)).to.include({ step: 'assign', dueAt: p.assignDueAt });

    await f.advance(DAY);
    expect(await run()).to.deep.equal({ reminded: 0, overdue: 1 });
    expect(await run()).to.deep.equal({ reminded: 0, overdue: 0 });
    expect(await wang.waitFor('petition.overdue', (e) => e.id === p.id)).to.include({ step: 'assign', overdue: true });
    wang.close();
    const list = await request(f.t.url).get('/api/petitions?overdue=true').set(bearer(f.zhao.token));
    const listed = list.body.items.find((i: { id: string }) => i.id === p.id);
    expect(listed).to.include({ overdue: true });
    expect(listed.overdueSteps).to.deep.equal(['assign']);

    const li = await f.listen(f.li);
    expect((await assign(p.id, f.li.id)).status).to.equal(200);
    const afterAssign = await request(f.t.url).get('/api/petitions?overdue=true').set(bearer(f.zhao.token));
    expect(afterAssign.body.items.map((i: { id: string }) => i.id)).to.not.include(p.id);

    await f.advance(received + 12 * DAY + MINUTE - f.clock.nowMs());
    expect(await run()).to.deep.equal({ reminded: 1, overdue: 0 });
    expect(await li.waitFor('petition.reminder', (e) => e.id === p.id)).to.include({ step: 'answer', dueAt: p.answerDueAt });
    await f.advance(3 * DAY);
    expect(await run()).to.deep.equal({ reminded: 0, overdue: 1 });
    expect(await li.waitFor('petition.overdue', (e) => e.id === p.id)).to.include({ step: 'answer' });
    li.close();

    const answered = await answer(p.id);
    expect(answered.body.overdueSteps).to.deep.equal(['assign', 'answer']);
    const records = await f.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, p.id));
    expect(records.map((r) => r.action)).to.deep.equal(['petition.received', 'petition.reminded', 'petition.overdue', 'petition.assigned', 'petition.reminded', 'petition.overdue', 'petition.answered']);
    expect(JSON.parse(records.at(-1)!.data)).to.include({ late: true });
  });

  it('lists the court\'s petitions by status, open ones first by the running deadline; another court sees none of them', async () => {
    const c = await f.newCase();
    await receive(c.id);
    const received = await request(f.t.url).get('/api/petitions?status=received').set(bearer(f.wang.token));
    expect(received.status).to.equal(200);
    expect(received.body.items.length).to.be.greaterThan(0);
    expect(received.body.items.every((i: { status: string }) => i.status === 'received')).to.equal(true);
    const dues = received.body.items.map((i: { dueAt: string }) => i.dueAt);
    expect(dues).to.deep.equal([...dues].sort());
    const other = await request(f.t.url).get('/api/petitions').set(bearer(f.chen.token));
    expect(other.body.total).to.equal(0);
  });
});
