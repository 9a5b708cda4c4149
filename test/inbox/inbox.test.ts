import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import request from 'supertest';
import { institutionKey, verifySignature } from '../../server/platform/signing';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { bearer, tokenFor } from '../helpers/http';

describe('the inbox of an institution that answers by hand', () => {
  let t: TestApp;
  let judge: string;
  let operator: string;
  let caseId: string;
  let partyId: string;
  let hooks: Server;
  const received: Record<string, unknown>[] = [];
  let hookUrl: string;

  before(async () => {
    t = await startTestApp();
    judge = await tokenFor(t.url, 'judge.wang');
    operator = await tokenFor(t.url, 'op.bjre');
    const list = await request(t.url).get(`/api/cases?q=${encodeURIComponent('李强')}`).set(bearer(judge));
    caseId = list.body.items[0].id;
    const detail = await request(t.url).get(`/api/cases/${caseId}`).set(bearer(judge));
    partyId = detail.body.parties.find((p: { role: string }) => p.role === 'debtor').id;
    hooks = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body) as Record<string, unknown>);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`;
  });
  after(async () => {
    hooks.close();
    await t.close();
  });

  it('when the operator registers a webhook, then it is saved and shown back; others may not', async () => {
    const set = await request(t.url).put('/api/institutions/mine/webhook').set(bearer(operator)).send({ url: hookUrl });
    expect(set.status).to.equal(200);
    const mine = await request(t.url).get('/api/institutions/mine').set(bearer(operator));
    expect(mine.body).to.include({ code: 'RE-110000', mode: 'manual', webhookUrl: hookUrl });
    expect((await request(t.url).get('/api/institutions/mine').set(bearer(judge))).status).to.equal(403);
    expect((await request(t.url).put('/api/institutions/mine/webhook').set(bearer(operator)).send({ url: 'not a url' })).status).to.equal(400);
  });

  it('when an inquiry reaches the registry, then the notice waits in its inbox, the webhook is told (signed), and the operator\'s answer completes the inquiry', async () => {
    const started = await request(t.url).post(`/api/cases/${caseId}/inquiries`).set(bearer(judge)).send({ partyId, kinds: ['real_estate_registry'] });
    expect(started.status).to.equal(202);
    let notices: { id: string; type: string; status: string }[] = [];
    for (let i = 0; i < 100 && notices.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      notices = (await request(t.url).get('/api/inbox?status=new').set(bearer(operator))).body.items;
    }
    expect(notices).to.have.length(1);
    expect(notices[0]!.type).to.equal('inquiry');
    const progress = await request(t.url).get(`/api/inquiries/${started.body.id}`).set(bearer(judge));
    expect(progress.body.status).to.equal('running');

    for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(received).to.have.length(1);
    expect(received[0]).to.include({ event: 'notice.received', noticeId: notices[0]!.id });
    expect(verifySignature(institutionKey(t.config.network.secret, 'RE-110000'), received[0]!)).to.equal(true);

    const records = await request(t.url).get(`/api/inbox/${notices[0]!.id}/records`).set(bearer(operator));
    expect(records.status).to.equal(200);
    const flat = records.body.find((a: { kind: string }) => a.kind === 'real_estate');
    expect(flat, 'the registry holds a property of the debtor').to.not.equal(undefined);

    // Another institution's operator does not see the notice.
    const icbc = await tokenFor(t.url, 'op.icbc');
    expect((await request(t.url).get(`/api/inbox/${notices[0]!.id}`).set(bearer(icbc))).status).to.equal(404);

    const answered = await request(t.url)
      .post(`/api/inbox/${notices[0]!.id}/execute`)
      .set(bearer(operator))
      .send({ assets: [{ kind: 'real_estate', identifier: flat.identifier, description: flat.description, indicativeValue: flat.indicativeValue }] });
    expect(answered.status, JSON.stringify(answered.body)).to.equal(200);
    expect(answered.body.status).to.equal('executed');
    const again = await request(t.url).post(`/api/inbox/${notices[0]!.id}/reject`).set(bearer(operator)).send({ reason: '重复 / twice' });
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('NOTICE_ANSWERED');

    const done = await request(t.url).get(`/api/inquiries/${started.body.id}`).set(bearer(judge));
    const assets = await request(t.url).get(`/api/cases/${caseId}/assets`).set(bearer(judge));
    expect(assets.body.map((a: { identifier: string }) => a.identifier)).to.include(flat.identifier);
    expect(done.body.answered).to.be.greaterThan(0);

    // The case's timeline names the registry by name, beside the code the audit record keeps.
    const timeline = await request(t.url).get(`/api/cases/${caseId}/timeline`).set(bearer(judge));
    const step = timeline.body.find((e: { action: string }) => e.action === 'notice.executed');
    expect(step.data).to.include({ institution: 'RE-110000', institutionName: '北京市不动产登记中心' });
  });
});
