import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { auditLog } from '../../server/modules/audit/audit.tables';
import { openCase } from '../../server/modules/transparency';
import { PARTY_STEPS } from '../../server/modules/transparency/party-view.rules';
import { caseQueryCodes } from '../../server/modules/transparency/transparency.tables';
import { AppError } from '../../server/platform/errors';
import { expectErrorBody } from '../helpers/error-shape';
import { bearer, tokenFor } from '../helpers/http';
import { DAY } from '../measures/measure-fixture';
import { startTransparencyFixture, type TransparencyFixture } from './transparency-fixture';

describe('query codes (查询码) and the party view', () => {
  let f: TransparencyFixture;
  before(async () => {
    f = await startTransparencyFixture();
  });
  after(() => f?.close());
  // Every test starts with the address's failures forgotten (they count for a day).
  beforeEach(() => f.advance(2 * DAY));

  it('when a judge issues a code, then it is shown once, only its keyed hash is kept, the timeline says a code was issued (not which), and a reissue replaces it', async () => {
    const c = await f.newCase();
    const res = await request(f.t.url).post(`/api/cases/${c.id}/query-code`).set(bearer(f.wang.token));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.code).to.match(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(res.body).to.include({ issuedAt: f.clock.now().toISOString(), reissued: false });
    const code = res.body.code as string;

    const [stored] = await f.ctx.db.select().from(caseQueryCodes).where(eq(caseQueryCodes.caseId, c.id));
    expect(stored!.codeHash).to.match(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).to.not.include(code).and.not.include(code.replace(/-/g, ''));
    const audit = await f.ctx.db.select().from(auditLog).where(eq(auditLog.caseId, c.id));
    const issued = audit.find((r) => r.action === 'case.query_code_issued');
    expect(issued, 'audited').to.not.equal(undefined);
    expect(issued!.data).to.not.include(code.slice(0, 4));

    const status = await request(f.t.url).get(`/api/cases/${c.id}/query-code`).set(bearer(f.zhao.token));
    expect(status.body).to.deep.equal({ issued: true, issuedAt: f.clock.now().toISOString() });

    // Typed in lower case without dashes, it opens the case.
    const opened = await f.query(c.caseNo.replace('（', '(').replace('）', ')'), code.toLowerCase().replace(/-/g, ''));
    expect(opened.status, JSON.stringify(opened.body)).to.equal(200);
    expect(opened.body).to.include({ caseNo: c.caseNo, status: 'open', claimAmount: '100000.00' });

    const again = await request(f.t.url).post(`/api/cases/${c.id}/query-code`).set(bearer(f.zhao.token));
    expect(again.status).to.equal(201);
    expect(again.body.reissued).to.equal(true);
    expectErrorBody(await f.query(c.caseNo, code), 403, 'QUERY_REFUSED');
    expect((await f.query(c.caseNo, again.body.code)).status).to.equal(200);
  });

  it('refuses to issue to anyone but a judge or clerk of the case\'s court, changing nothing', async () => {
    const c = await f.newCase();
    const admin = await tokenFor(f.t.url, 'admin');
    const before = await f.state();
    expectErrorBody(await request(f.t.url).post(`/api/cases/${c.id}/query-code`).set(bearer(f.chen.token)), 404, 'NOT_FOUND');
    expectErrorBody(await request(f.t.url).post(`/api/cases/${c.id}/query-code`).set(bearer(admin)), 403, 'FORBIDDEN');
    expectErrorBody(await request(f.t.url).post(`/api/cases/${c.id}/query-code`), 401, 'UNAUTHENTICATED');
    expect(await f.state()).to.deep.equal(before);
  });

  it('answers an unknown case, a case without a code and a wrong code with the one same refusal, and changes nothing of the case', async () => {
    const withCode = await f.newCase();
    const code = await f.issueCode(withCode.id);
    const without = await f.newCase();
    const before = await f.state();
    const wrongCode = code.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A'));
    const answers = [
      await f.query('（2026）京0105执99999号', code),
      await f.query(without.caseNo, code),
      await f.query(withCode.caseNo, wrongCode),
      await f.query('not a case number', 'x'),
    ];
    for (const res of answers) expectErrorBody(res, 403, 'QUERY_REFUSED');
    const bodies = answers.map((r) => JSON.stringify(r.body));
    expect(new Set(bodies).size, bodies.join('\n')).to.equal(1);
    expect(new Set(answers.map((r) => Object.keys(r.headers).sort().join(','))).size).to.equal(1);
    expect(await f.state()).to.deep.equal(before);
  });

  it('after 5 wrong codes locks the case number for a minute, even for the right code, then the right code opens it and clears the count', async () => {
    const c = await f.newCase();
    const code = await f.issueCode(c.id);
    for (let i = 0; i < 5; i++) expectErrorBody(await f.query(c.caseNo, 'AAAA-AAAA-AAAA'), 403, 'QUERY_REFUSED');
    const locked = await f.query(c.caseNo, code);
    expectErrorBody(locked, 429, 'TOO_MANY_ATTEMPTS');
    expect(locked.body.error.details).to.deep.equal({ retryAfterSeconds: 60 });
    f.clock.advance(61_000);
    expect((await f.query(c.caseNo, code)).status).to.equal(200);
    // The count starts again: 4 more wrong codes do not lock.
    for (let i = 0; i < 4; i++) expectErrorBody(await f.query(c.caseNo, 'AAAA-AAAA-AAAA'), 403, 'QUERY_REFUSED');
    expect((await f.query(c.caseNo, code)).status).to.equal(200);
  });

  it('locks an unknown case number the same way as a real one (the lock tells nothing either)', async () => {
    const unknown = '（2026）京0105执88888号';
    for (let i = 0; i < 5; i++) expectErrorBody(await f.query(unknown, 'AAAA-AAAA-AAAA'), 403, 'QUERY_REFUSED');
    const locked = await f.query(unknown, 'AAAA-AAAA-AAAA');
    expectErrorBody(locked, 429, 'TOO_MANY_ATTEMPTS');
    expect(locked.body.error.details).to.deep.equal({ retryAfterSeconds: 60 });
  });

  it('after 20 wrong queries from one address, locks that address for every case while other addresses go on', async () => {
    const c = await f.newCase();
    const code = await f.issueCode(c.id);
    const attempt = (address: string, caseNo: string, given: string) =>
      openCase(f.ctx, { caseNo, code: given }, address).then(
        () => 'ok',
        (err: unknown) => (err instanceof AppError ? err.code : 'other'),
      );
    for (let i = 1; i <= 20; i++) expect(await attempt('203.0.113.9', `（2026）京0105执${70000 + i}号`, 'AAAA-AAAA-AAAA')).to.equal('QUERY_REFUSED');
    expect(await attempt('203.0.113.9', c.caseNo, code)).to.equal('TOO_MANY_ATTEMPTS');
    expect(await attempt('198.51.100.7', c.caseNo, code)).to.equal('ok');
  });

  it('shows the party the steps, measures and money of the case, and nothing internal: no staff, no identity numbers, no accounts, no notes', async () => {
    const c = await f.newCase({ claim: '100000.00' });
    const deposit = await f.asset(c.debtorIdNumber, 'deposit', { balance: '30000.00' });
    const ordered = await f.order(c.id, { assetId: deposit.id, amount: '20000.00' });
    expect(ordered.status, JSON.stringify(ordered.body)).to.equal(201);
    await f.deliver();
    const petition = await request(f.t.url)
      .post(`/api/cases/${c.id}/petitions`)
      .set(bearer(f.zhao.token))
      .send({ petitionerName: '张三', petitionerRole: 'creditor', contact: '13800000000', content: '内部核查：请尽快冻结被执行人房产', channel: 'visit' });
    expect(petition.status, JSON.stringify(petition.body)).to.equal(201);
    const code = await f.issueCode(c.id);

    const res = await f.query(c.caseNo, code);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const view = res.body;
    expect(view.courtName).to.be.a('string').and.not.equal('');
    expect(view.money).to.deep.equal({ recovered: '0.00', paidOut: '0.00' });
    expect(view.measures).to.have.length(1);
    expect(view.measures[0]).to.include({ kind: 'freeze', status: 'in_force', requestedAmount: '20000.00', frozenAmount: '20000.00', assetKind: 'deposit' });
    expect(view.measures[0].institutionName).to.be.a('string').and.not.equal(deposit.code);
    expect(view.auctions).to.deep.equal([]);
    expect(view.petitions).to.have.length(1);
    expect(Object.keys(view.petitions[0]).sort()).to.deep.equal(['answerDueAt', 'answeredAt', 'id', 'receivedAt', 'status']);
    const actions = view.timeline.map((e: { action: string }) => e.action);
    expect(actions).to.include.members(['case.created', 'measure.freeze_ordered', 'measure.in_force', 'petition.received', 'case.query_code_issued']);
    for (const a of actions) expect(Object.keys(PARTY_STEPS)).to.include(a);
    const inForce = view.timeline.find((e: { action: string }) => e.action === 'measure.in_force');
    expect(inForce.data).to.include({ frozenAmount: '20000.00' });
    expect(inForce.data.institutionName).to.be.a('string');

    const text = JSON.stringify(view);
    for (const secret of [c.debtorIdNumber, deposit.assetRef, '王建国', '赵', '13800000000', '内部核查', f.wang.id, f.zhao.id, '李四', 'actor']) {
      expect(text, secret).to.not.include(secret);
    }
  });
});
