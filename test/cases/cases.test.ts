import { expect } from 'chai';
import request from 'supertest';
import { completeCreditCode, completeResidentId } from '../../shared/identity';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { bearer, tokenFor } from '../helpers/http';

const person = (name: string, first17: string) => ({ kind: 'person', name, idNumber: completeResidentId(first17) });
const company = (name: string, first16: string) => ({ kind: 'organisation', name, creditCode: completeCreditCode(first16) });

describe('enforcement cases', () => {
  let t: TestApp;
  let judge: string;
  let clerk: string;
  let otherCourtJudge: string;
  let judgeId: string;

  before(async () => {
    t = await startTestApp();
    judge = await tokenFor(t.url, 'judge.wang');
    clerk = await tokenFor(t.url, 'clerk.zhao');
    otherCourtJudge = await tokenFor(t.url, 'judge.chen');
    judgeId = (await request(t.url).get('/api/auth/me').set(bearer(judge))).body.user.id;
  });
  after(() => t.close());

  const newCase = (over: Record<string, unknown> = {}) => ({
    judgeId,
    cause: '民间借贷纠纷',
    basis: '（2026）京0105民初100号民事判决书',
    claimAmount: '50000.00',
    creditors: [person('张三', '11010519800101123')],
    debtors: [company('北京某某科技有限公司', '91110105MA03TEAM')],
    ...over,
  });

  it('when a clerk files a case without a number, then the next number of the court and year is assigned', async () => {
    const res = await request(t.url).post('/api/cases').set(bearer(clerk)).send(newCase());
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    // The demo seeded three 京0105 cases in 2026 (the fake clock's year).
    expect(res.body.caseNo).to.equal('（2026）京0105执4号');
    expect(res.body.claimAmount).to.equal('50000.00');
    expect(res.body.outstandingAmount).to.equal('50000.00');
    expect(res.body.parties).to.have.length(2);
    expect(res.body.judge.displayName).to.equal('王建国');
  });

  it('when a number is given with this court\'s code, then it is kept; when taken, 409', async () => {
    const first = await request(t.url).post('/api/cases').set(bearer(judge)).send(newCase({ caseNo: '（2026）京0105执1234号' }));
    expect(first.status).to.equal(201);
    expect(first.body.caseNo).to.equal('（2026）京0105执1234号');
    const again = await request(t.url).post('/api/cases').set(bearer(judge)).send(newCase({ caseNo: '（2026）京0105执1234号' }));
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('CASE_NO_TAKEN');
  });

  it('when the number carries another court\'s code, a malformed format or a future year, then 400', async () => {
    const mismatch = await request(t.url).post('/api/cases').set(bearer(judge)).send(newCase({ caseNo: '（2026）沪0115执5号' }));
    expect(mismatch.status).to.equal(400);
    expect(mismatch.body.error.code).to.equal('CASE_NO_COURT_MISMATCH');
    const malformed = await request(t.url).post('/api/cases').set(bearer(judge)).send(newCase({ caseNo: '2026京0105执5' }));
    expect(malformed.status).to.equal(400);
    expect(malformed.body.error.details.issues[0].path).to.deep.equal(['caseNo']);
    const future = await request(t.url).post('/api/cases').set(bearer(judge)).send(newCase({ caseNo: '（2031）京0105执5号' }));
    expect(future.status).to.equal(400);
    expect(future.body.error.code).to.equal('INVALID_CASE_NO');
  });

  it('when an ID number fails its checksum or the amount is not positive money, then 400 names the field', async () => {
    const badId = await request(t.url)
      .post('/api/cases')
      .set(bearer(judge))
      .send(newCase({ debtors: [{ kind: 'person', name: '李四', idNumber: '110105198001011230' }] }));
    expect(badId.status).to.equal(400);
    expect(badId.body.error.details.issues[0].path).to.deep.equal(['debtors', 0, 'idNumber']);
    expect(badId.body.error.details.issues[0].message).to.contain('校验位');
    for (const claimAmount of ['0', '-5.00', '12.345', 'abc', '1e5']) {
      const res = await request(t.url).post('/api/cases').set(bearer(judge)).send(newCase({ claimAmount }));
      expect(res.status, claimAmount).to.equal(400);
      expect(res.body.error.details.issues[0].path).to.deep.equal(['claimAmount']);
    }
    const numeric = await request(t.url).post('/api/cases').set(bearer(judge)).send(newCase({ claimAmount: 5000 }));
    expect(numeric.status).to.equal(400);
  });

  it('when the assigned judge is of another court or the same party is on both sides, then 400', async () => {
    const chen = await request(t.url).get('/api/auth/me').set(bearer(otherCourtJudge));
    const wrongJudge = await request(t.url).post('/api/cases').set(bearer(judge)).send(newCase({ judgeId: chen.body.user.id }));
    expect(wrongJudge.status).to.equal(400);
    expect(wrongJudge.body.error.details.issues[0].path).to.deep.equal(['judgeId']);
    const same = person('张三', '11010519800101123');
    const dup = await request(t.url).post('/api/cases').set(bearer(judge)).send(newCase({ creditors: [same], debtors: [same] }));
    expect(dup.status).to.equal(400);
  });

  it('when a judge files in another court, then 403', async () => {
    const res = await request(t.url)
      .post('/api/cases')
      .set(bearer(otherCourtJudge))
      .send(newCase({ courtId: '0b6b6d8a-0001-4c1e-9a52-000000000001' }));
    expect(res.status).to.equal(403);
  });

  it('lists only the own court\'s cases, with filters and pagination', async () => {
    const all = await request(t.url).get('/api/cases?pageSize=2').set(bearer(judge));
    expect(all.status).to.equal(200);
    expect(all.body.items).to.have.length(2);
    expect(all.body.total).to.be.greaterThanOrEqual(5);
    expect(all.body.items.every((c: { courtId: string }) => c.courtId === '0b6b6d8a-0001-4c1e-9a52-000000000001')).to.equal(true);
    const page2 = await request(t.url).get('/api/cases?pageSize=2&page=2').set(bearer(judge));
    expect(page2.body.items[0].id).to.not.equal(all.body.items[0].id);

    const byParty = await request(t.url).get(`/api/cases?q=${encodeURIComponent('陈静')}`).set(bearer(judge));
    expect(byParty.body.items.map((c: { debtorNames: string[] }) => c.debtorNames[0])).to.deep.equal(['陈静']);
    const byNo = await request(t.url).get(`/api/cases?q=${encodeURIComponent('执1234')}`).set(bearer(judge));
    expect(byNo.body.total).to.equal(1);
    const byJudge = await request(t.url).get(`/api/cases?judgeId=${judgeId}&status=open`).set(bearer(judge));
    expect(byJudge.body.items.every((c: { judge: { id: string } }) => c.judge.id === judgeId)).to.equal(true);
    const wildcard = await request(t.url).get(`/api/cases?q=${encodeURIComponent('%')}`).set(bearer(judge));
    expect(wildcard.body.total).to.equal(0);
    const dated = await request(t.url).get('/api/cases?filedFrom=2026-11-25&filedTo=2026-11-25').set(bearer(judge));
    expect(dated.body.total).to.equal(all.body.total);
    const before = await request(t.url).get('/api/cases?filedTo=2026-11-24').set(bearer(judge));
    expect(before.body.total).to.equal(0);

    const shanghai = await request(t.url).get('/api/cases').set(bearer(otherCourtJudge));
    expect(shanghai.body.total).to.equal(1);
    expect(shanghai.body.items[0].caseNo).to.contain('沪0115');
  });

  it('when a judge opens another court\'s case, then 404 (its existence does not leak)', async () => {
    const mine = await request(t.url).get('/api/cases').set(bearer(judge));
    const id = mine.body.items[0].id;
    expect((await request(t.url).get(`/api/cases/${id}`).set(bearer(judge))).status).to.equal(200);
    const other = await request(t.url).get(`/api/cases/${id}`).set(bearer(otherCourtJudge));
    expect(other.status).to.equal(404);
    expect((await request(t.url).get(`/api/cases/${id}/timeline`).set(bearer(otherCourtJudge))).status).to.equal(404);
    expect((await request(t.url).get('/api/cases/not-a-uuid').set(bearer(judge))).status).to.equal(400);
  });

  it('when a bidder or an operator asks for cases, then 403; without a session, 401', async () => {
    const bidder = await tokenFor(t.url, 'bidder.sun');
    expect((await request(t.url).get('/api/cases').set(bearer(bidder))).status).to.equal(403);
    const op = await tokenFor(t.url, 'op.icbc');
    expect((await request(t.url).post('/api/cases').set(bearer(op)).send(newCase())).status).to.equal(403);
    expect((await request(t.url).get('/api/cases')).status).to.equal(401);
  });

  it('shows the case\'s timeline from the audit trail', async () => {
    const created = await request(t.url).post('/api/cases').set(bearer(judge)).send(newCase());
    const res = await request(t.url).get(`/api/cases/${created.body.id}/timeline`).set(bearer(clerk));
    expect(res.status).to.equal(200);
    expect(res.body).to.have.length(1);
    expect(res.body[0].action).to.equal('case.created');
    expect(res.body[0].actor.displayName).to.equal('王建国');
    expect(res.body[0].data.caseNo).to.equal(created.body.caseNo);
    expect(res.body[0].at).to.equal('2026-11-25T08:00:00.000Z');
  });

  it('when two cases are filed at once, then they get different numbers', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => request(t.url).post('/api/cases').set(bearer(judge)).send(newCase())));
    expect(results.map((r) => r.status)).to.deep.equal([201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.caseNo)).size).to.equal(4);
  });
});
