import { expect } from 'chai';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { bearer, tokenFor } from '../helpers/http';

describe('network inquiry', () => {
  let t: TestApp;
  let judge: string;
  let caseId: string;
  let debtorId: string;
  let creditorId: string;

  before(async () => {
    t = await startTestApp();
    judge = await tokenFor(t.url, 'judge.wang');
    const list = await request(t.url).get(`/api/cases?q=${encodeURIComponent('李强')}`).set(bearer(judge));
    caseId = list.body.items[0].id;
    const detail = await request(t.url).get(`/api/cases/${caseId}`).set(bearer(judge));
    debtorId = detail.body.parties.find((p: { role: string }) => p.role === 'debtor').id;
    creditorId = detail.body.parties.find((p: { role: string }) => p.role === 'creditor').id;
  });
  after(() => t.close());

  it('when a judge searches a debtor, then every institution is asked, progress is pushed live, and the assets are aggregated', async () => {
    const me = await request(t.url).get('/api/auth/me').set(bearer(judge));
    const socket: Socket = io(t.url, { auth: { token: judge }, transports: ['websocket'] });
    const progress: { percent: number; status: string }[] = [];
    socket.on('inquiry.progress', (p) => progress.push(p));
    await new Promise((resolve) => socket.on('hello', resolve));

    const started = await request(t.url).post(`/api/cases/${caseId}/inquiries`).set(bearer(judge)).send({ partyId: debtorId, kinds: ['bank_large', 'vehicle_registry', 'securities_depository', 'payment_platform'] });
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
    expect(started.body.total).to.be.greaterThan(5);
    await t.app.inquiry.runner.settled(started.body.id);

    const done = await request(t.url).get(`/api/inquiries/${started.body.id}`).set(bearer(judge));
    expect(done.body.status).to.equal('completed');
    expect(done.body.percent).to.equal(100);
    const failedTargets = await request(t.url).get(`/api/inquiries/${started.body.id}/targets?status=failed`).set(bearer(judge));
    expect(done.body.answered, JSON.stringify(failedTargets.body.items)).to.equal(done.body.total);
    expect(done.body.assetsFound).to.be.greaterThan(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(progress.at(-1)?.status).to.equal('completed');
    socket.close();
    expect(me.status).to.equal(200);

    const targets = await request(t.url).get(`/api/inquiries/${started.body.id}/targets?pageSize=100`).set(bearer(judge));
    expect(targets.body.total).to.equal(done.body.total);
    expect(targets.body.items[0].assetCount).to.be.greaterThan(0);

    const assets = await request(t.url).get(`/api/cases/${caseId}/assets`).set(bearer(judge));
    expect(assets.status).to.equal(200);
    expect(assets.body.length).to.equal(done.body.assetsFound);
    expect(assets.body[0].debtorName).to.equal('李强');

    const journal = await request(t.url).get(`/api/cases/${caseId}/journal?pageSize=5`).set(bearer(judge));
    expect(journal.body.total).to.be.greaterThanOrEqual(done.body.total * 2);

    const timeline = await request(t.url).get(`/api/cases/${caseId}/timeline`).set(bearer(judge));
    expect(timeline.body.map((e: { action: string }) => e.action)).to.include.members(['inquiry.started', 'inquiry.completed']);
  });

  it('when the judge asks about a creditor or a party of another case, then 400 NOT_A_DEBTOR and nothing starts (财调 13)', async () => {
    const res = await request(t.url).post(`/api/cases/${caseId}/inquiries`).set(bearer(judge)).send({ partyId: creditorId });
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('NOT_A_DEBTOR');
    const other = await request(t.url).post(`/api/cases/${caseId}/inquiries`).set(bearer(judge)).send({ partyId: '00000000-0000-4000-8000-000000000000' });
    expect(other.body.error.code).to.equal('NOT_A_DEBTOR');
    const list = await request(t.url).get(`/api/cases/${caseId}/inquiries`).set(bearer(judge));
    expect(list.body).to.have.length(1);
  });

  it('when a judge of another court asks, then 404', async () => {
    const chen = await tokenFor(t.url, 'judge.chen');
    const res = await request(t.url).post(`/api/cases/${caseId}/inquiries`).set(bearer(chen)).send({ partyId: debtorId });
    expect(res.status).to.equal(404);
  });
});
