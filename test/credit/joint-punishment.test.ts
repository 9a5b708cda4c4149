/**
 * Joint punishment (联合惩戒, 一处失信，处处受限): institutions check people against the list with signed requests, the
 * checks are logged, subscribers get signed webhooks they must acknowledge, and the simulated registries and payment
 * platforms intercept restricted people and report it to the court.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { count, eq } from 'drizzle-orm';
import request from 'supertest';
import { CONSUMPTION_PROHIBITIONS } from '../../shared/credit';
import { jointCheckAnswers, jointChecks, jointDeliveries, creditInterceptions } from '../../server/modules/credit/joint.tables';
import { institutionKey, sign, verifySignature } from '../../server/platform/signing';
import { expectErrorBody } from '../helpers/error-shape';
import { bearer, tokenFor } from '../helpers/http';
import { newIdNumber, startFixture, type Fixture } from '../measures/measure-fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, checked by the assertions
type Any = any;

describe('joint punishment: institutions check, subscribe, intercept and report (限高 Art. 3; 一处失信，处处受限)', () => {
  let f: Fixture;
  let secret: string;
  let simUrl: string;
  before(async () => {
    f = await startFixture();
    secret = f.t.config.network.secret;
    simUrl = f.t.app.simulator!.url;
  });
  after(() => f?.close());

  const signed = (code: string, fields: Record<string, unknown>, key = institutionKey(secret, code)) =>
    sign<Record<string, unknown>>(key, { ...fields, institution: code, requestId: randomUUID(), sentAt: f.clock.now().toISOString() });
  const check = (body: Record<string, unknown>) => request(f.t.url).post('/api/credit/joint/check').send(body);
  const batch = (body: Record<string, unknown>) => request(f.t.url).post('/api/credit/joint/checks').send(body);

  /** A case whose debtor (李四) a judge of 朝阳 lists through the credit API. */
  async function listedDebtor() {
    const c = await f.newCase();
    const view = await request(f.t.url).get(`/api/cases/${c.id}/credit`).set(bearer(f.wang.token));
    const partyId = view.body.debtors[0].partyId as string;
    const res = await request(f.t.url)
      .post(`/api/cases/${c.id}/credit/listings`)
      .set(bearer(f.wang.token))
      .send({ partyId, ground: 'evades', evidence: '执行立案后将名下车辆转让给亲属' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return { ...c, listingId: res.body.id as string };
  }
  const remove = async (listingId: string) => {
    const res = await request(f.t.url).post(`/api/credit/listings/${listingId}/remove`).set(bearer(f.wang.token)).send({ reason: '已与申请执行人和解并履行完毕' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
  };
  const counts = async () => {
    const [checks] = await f.ctx.db.select({ n: count() }).from(jointChecks);
    const [answers] = await f.ctx.db.select({ n: count() }).from(jointCheckAnswers);
    const [interceptions] = await f.ctx.db.select({ n: count() }).from(creditInterceptions);
    return { checks: checks!.n, answers: answers!.n, interceptions: interceptions!.n };
  };

  describe('end to end: the simulated payment platform and registry intercept a listed debtor', () => {
    it('when a judge lists a debtor, then a flight and a flat are refused and reported on the case timeline; after removal the same attempts pass', async () => {
      const c = await listedDebtor();
      const court = await f.listen(f.wang);
      try {
        const flight = { buyer: { name: '李四', idNumber: c.debtorIdNumber }, category: 'flight', merchant: '中国国际航空 CA1501 北京—上海', amount: '1850.00' };
        const refused = await request(simUrl).post('/payment-platforms/PAY-ALIPAY/purchases').send(flight);
        expect(refused.status, JSON.stringify(refused.body)).to.equal(200);
        expect(refused.body).to.include({ status: 'refused', prohibition: 'air_soft_sleeper_ship' });
        expect(refused.body.reported.ok).to.equal(true);
        const pushed = await court.waitFor('credit.interception', (p) => p.caseId === c.id);
        expect(pushed).to.include({ institution: 'PAY-ALIPAY', action: 'purchase', prohibition: 'air_soft_sleeper_ship', amount: '1850.00' });

        const flat = { property: '京(2026)朝阳区不动产权第0012345号', from: { name: '王五', idNumber: newIdNumber() }, to: { name: '李四', idNumber: c.debtorIdNumber }, price: '3200000.00' };
        const transfer = await request(simUrl).post('/registries/RE-310000/transfers').send(flat);
        expect(transfer.body, JSON.stringify(transfer.body)).to.include({ status: 'refused' });
        expect(transfer.body.reasons).to.deep.equal([{ role: 'buyer', idNumber: c.debtorIdNumber }]);

        // The court sees both on the case's timeline and in the case's interceptions.
        const timeline = await request(f.t.url).get(`/api/cases/${c.id}/timeline`).set(bearer(f.wang.token));
        const reported = (timeline.body as Any[]).filter((e) => e.action === 'credit.interception_reported');
        expect(reported.map((e) => e.data.institution).sort()).to.deep.equal(['PAY-ALIPAY', 'RE-310000']);
        expect(reported.find((e) => e.data.institution === 'RE-310000').data).to.include({ action: 'real_estate_transfer', prohibition: 'buy_real_estate', institutionName: '上海市不动产登记局' });
        const list = await request(f.t.url).get(`/api/cases/${c.id}/credit/interceptions`).set(bearer(f.zhao.token));
        expect(list.status).to.equal(200);
        expect(list.body).to.have.length(2);
        expect(list.body.map((i: Any) => i.prohibitionLabel)).to.include('乘坐飞机、列车软卧、轮船二等以上舱位');
        // Another court does not see the case's interceptions.
        expectErrorBody(await request(f.t.url).get(`/api/cases/${c.id}/credit/interceptions`).set(bearer(f.chen.token)), 404, 'NOT_FOUND');

        // Groceries are not high spending: no check at all.
        const groceries = await request(simUrl).post('/payment-platforms/PAY-ALIPAY/purchases').send({ ...flight, category: 'groceries', merchant: '物美超市', amount: '86.50' });
        expect(groceries.body).to.include({ status: 'completed', checked: false });

        await remove(c.listingId);
        const again = await request(simUrl).post('/payment-platforms/PAY-ALIPAY/purchases').send(flight);
        expect(again.body).to.include({ status: 'completed', checked: true });
        const transferAgain = await request(simUrl).post('/registries/RE-310000/transfers').send(flat);
        expect(transferAgain.body).to.include({ status: 'completed' });
        const after = await request(f.t.url).get(`/api/cases/${c.id}/credit/interceptions`).set(bearer(f.wang.token));
        expect(after.body).to.have.length(2);
      } finally {
        court.close();
      }
    });

    it('when the seller of a flat is a listed debtor, then the registry refuses the transfer and reports the seller', async () => {
      const c = await listedDebtor();
      const res = await request(simUrl)
        .post('/registries/RE-310000/transfers')
        .send({ property: '沪(2026)浦东新区不动产权第0099999号', from: { name: '李四', idNumber: c.debtorIdNumber }, to: { name: '赵六', idNumber: newIdNumber() } });
      expect(res.body).to.include({ status: 'refused' });
      expect(res.body.reasons).to.deep.equal([{ role: 'seller', idNumber: c.debtorIdNumber }]);
      const list = await request(f.t.url).get(`/api/cases/${c.id}/credit/interceptions`).set(bearer(f.wang.token));
      expect(list.body[0]).to.include({ role: 'seller', prohibition: null, action: 'real_estate_transfer' });
    });
  });

  describe('the check API', () => {
    it('when a signed institution checks a listed debtor, then it gets listed, restricted, the Art. 3 prohibitions and the listing facts, whole ID number, and the check is logged', async () => {
      const c = await listedDebtor();
      const res = await check(signed('PAY-TENPAY', { idNumber: c.debtorIdNumber, name: '李四' }));
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.include({ idNumber: c.debtorIdNumber, listed: true, restricted: true, nameMatches: true, checkedAt: f.clock.now().toISOString() });
      expect(res.body.prohibitions.map((p: Any) => p.code)).to.deep.equal(CONSUMPTION_PROHIBITIONS.map((p) => p.code));
      expect(res.body.prohibitions[0].zh).to.equal('乘坐飞机、列车软卧、轮船二等以上舱位');
      expect(res.body.listings).to.have.length(1);
      expect(res.body.listings[0]).to.include({ subject: 'debtor', caseNo: c.caseNo, ground: 'evades', listedName: '李四' });
      expect(res.body.listings[0].court).to.match(/法院/);
      expect(res.body.listings[0].groundLabel).to.match(/失信规定第一条（三）/);

      const log = await request(f.t.url).get('/api/credit/joint/checks').query({ idNumber: c.debtorIdNumber }).set(bearer(f.wang.token));
      expect(log.status, JSON.stringify(log.body)).to.equal(200);
      expect(log.body.items).to.have.length(1);
      expect(log.body.items[0]).to.include({ checkId: res.body.checkId, institution: 'PAY-TENPAY', via: 'signature', status: 'answered', idNumber: c.debtorIdNumber, listed: true, restricted: true });
      expect(log.body.items[0].answer.listings[0].caseNo).to.equal(c.caseNo);
      // A judge of another court does not see checks about people their court did not list; the admin sees all.
      const other = await request(f.t.url).get('/api/credit/joint/checks').query({ idNumber: c.debtorIdNumber }).set(bearer(f.chen.token));
      expect(other.body.items).to.have.length(0);
      const admin = await tokenFor(f.t.url, 'admin');
      const all = await request(f.t.url).get('/api/credit/joint/checks').query({ idNumber: c.debtorIdNumber }).set(bearer(admin));
      expect(all.body.items).to.have.length(1);
    });

    it('when the name does not match, then the answer says so; when nobody is on record, then nothing is listed or prohibited', async () => {
      const c = await listedDebtor();
      const wrong = await check(signed('PAY-TENPAY', { idNumber: c.debtorIdNumber, name: '张冠' }));
      expect(wrong.body).to.include({ listed: true, nameMatches: false });
      const clear = await check(signed('PAY-TENPAY', { idNumber: newIdNumber(), name: '路人甲' }));
      expect(clear.body).to.include({ listed: false, restricted: false, nameMatches: null });
      expect(clear.body.prohibitions).to.deep.equal([]);
      expect(clear.body.listings).to.deep.equal([]);
    });

    it('when an institution operator calls with their session, then they check for their institution', async () => {
      const c = await listedDebtor();
      const op = await tokenFor(f.t.url, 'op.bjre');
      const res = await request(f.t.url).post('/api/credit/joint/check').set(bearer(op)).send({ idNumber: c.debtorIdNumber });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.listed).to.equal(true);
      const [row] = await f.ctx.db.select().from(jointChecks).where(eq(jointChecks.id, res.body.checkId));
      expect(row).to.include({ institutionCode: 'RE-110000', via: 'session', status: 'answered' });
    });

    it('when a batch is checked, then the answers come in the order asked and each is logged', async () => {
      const a = await listedDebtor();
      const b = await listedDebtor();
      const clear = newIdNumber();
      const res = await batch(signed('PAY-JDPAY', { subjects: [{ idNumber: a.debtorIdNumber }, { idNumber: clear }, { idNumber: b.debtorIdNumber, name: '李四' }] }));
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.results.map((r: Any) => [r.idNumber, r.listed])).to.deep.equal([
        [a.debtorIdNumber, true],
        [clear, false],
        [b.debtorIdNumber, true],
      ]);
      const answers = await f.ctx.db.select().from(jointCheckAnswers).where(eq(jointCheckAnswers.checkId, res.body.checkId));
      expect(answers).to.have.length(3);
    });

    it('when a batch has 1,000 subjects it is answered; 1,001 is refused with BATCH_TOO_LARGE and nothing is logged', async () => {
      const ids = Array.from({ length: 1001 }, () => ({ idNumber: newIdNumber() }));
      const ok = await batch(signed('PAY-JDPAY', { subjects: ids.slice(0, 1000) }));
      expect(ok.status, JSON.stringify(ok.body).slice(0, 300)).to.equal(200);
      expect(ok.body.results).to.have.length(1000);
      const before = await counts();
      const res = await batch(signed('PAY-JDPAY', { subjects: ids }));
      expectErrorBody(res, 422, 'BATCH_TOO_LARGE');
      expect(await counts()).to.deep.equal(before);
    });

    it('when an ID number is malformed, then VALIDATION_FAILED and nothing is logged', async () => {
      const before = await counts();
      expectErrorBody(await check(signed('PAY-TENPAY', { idNumber: '110105198001011230' })), 400, 'VALIDATION_FAILED');
      expectErrorBody(await check(signed('PAY-TENPAY', { idNumber: 'abc' })), 400, 'VALIDATION_FAILED');
      expectErrorBody(await batch(signed('PAY-TENPAY', { subjects: [{ idNumber: newIdNumber() }, { idNumber: '123' }] })), 400, 'VALIDATION_FAILED');
      expect(await counts()).to.deep.equal(before);
    });

    it('when an unauthorised caller asks about a listed ID, then UNAUTHENTICATED or FORBIDDEN, nothing about the person leaks and only the attempt is logged', async () => {
      const c = await listedDebtor();
      const masked = `${c.debtorIdNumber.slice(0, 6)}********${c.debtorIdNumber.slice(-4)}`;
      const leaks = (res: request.Response) => {
        const text = JSON.stringify(res.body);
        for (const secretText of [c.debtorIdNumber, masked, c.caseNo, '李四']) expect(text, text).not.to.include(secretText);
      };
      const before = await counts();
      const attempts: [request.Response, number, string][] = [];
      // Neither a signature nor a session.
      attempts.push([await check({ idNumber: c.debtorIdNumber }), 401, 'UNAUTHENTICATED']);
      // Forged: signed with a key that is not the institution's.
      attempts.push([await check(signed('PAY-TENPAY', { idNumber: c.debtorIdNumber }, 'not-the-key')), 401, 'UNAUTHENTICATED']);
      // Tampered after signing.
      const tampered = { ...signed('PAY-TENPAY', { idNumber: newIdNumber() }), idNumber: c.debtorIdNumber };
      attempts.push([await check(tampered), 401, 'UNAUTHENTICATED']);
      // Unknown institution.
      attempts.push([await check(signed('PAY-NOBODY', { idNumber: c.debtorIdNumber })), 401, 'UNAUTHENTICATED']);
      // Stale: sent 10 minutes ago.
      const stale = sign<Record<string, unknown>>(institutionKey(secret, 'PAY-TENPAY'), {
        idNumber: c.debtorIdNumber,
        institution: 'PAY-TENPAY',
        requestId: randomUUID(),
        sentAt: new Date(f.clock.nowMs() - 10 * 60_000).toISOString(),
      });
      attempts.push([await check(stale), 401, 'UNAUTHENTICATED']);
      // Signed in, but not an institution: a bidder, a judge.
      const bidder = await tokenFor(f.t.url, 'bidder.sun');
      attempts.push([await request(f.t.url).post('/api/credit/joint/check').set(bearer(bidder)).send({ idNumber: c.debtorIdNumber }), 403, 'FORBIDDEN']);
      attempts.push([await request(f.t.url).post('/api/credit/joint/checks').set(bearer(f.wang.token)).send({ subjects: [{ idNumber: c.debtorIdNumber }] }), 403, 'FORBIDDEN']);
      for (const [res, status, code] of attempts) {
        expectErrorBody(res, status, code);
        leaks(res);
      }
      // No answer was logged; each attempt was, as refused, without the ID number asked about.
      const after = await counts();
      expect(after.answers).to.equal(before.answers);
      expect(after.checks).to.equal(before.checks + attempts.length);
      const admin = await tokenFor(f.t.url, 'admin');
      const log = await request(f.t.url).get('/api/credit/joint/checks').query({ status: 'refused', pageSize: 200 }).set(bearer(admin));
      const refusedRows = (log.body.items as Any[]).filter((i) => i.status === 'refused');
      expect(refusedRows.length).to.equal(log.body.items.length);
      expect(refusedRows.length).to.be.at.least(attempts.length);
      expect(refusedRows.every((r) => r.idNumber === null && r.answer === null)).to.equal(true);
      expect(refusedRows.map((r) => r.refusalCode)).to.include.members(['UNAUTHENTICATED', 'FORBIDDEN']);
      // Court staff do not see refused attempts (nothing about their debtors was answered).
      const staffLog = await request(f.t.url).get('/api/credit/joint/checks').query({ pageSize: 200 }).set(bearer(f.wang.token));
      expect((staffLog.body.items as Any[]).every((i) => i.status === 'answered')).to.equal(true);
    });

    it('when a signed request is replayed, then REPLAYED and the log keeps one answer', async () => {
      const c = await listedDebtor();
      const body = signed('PAY-TENPAY', { idNumber: c.debtorIdNumber });
      expect((await check(body)).status).to.equal(200);
      const before = await counts();
      expectErrorBody(await check(body), 409, 'REPLAYED');
      expect(await counts()).to.deep.equal(before);
    });
  });

  describe('interception reports', () => {
    it('when a report is forged, unsigned or about someone not restricted, then it is refused and nothing is recorded', async () => {
      const c = await listedDebtor();
      const report = { idNumber: c.debtorIdNumber, name: '李四', action: 'purchase', role: 'buyer', prohibition: 'star_hotels_clubs', description: '五星级酒店住宿', occurredAt: f.clock.now().toISOString() };
      const before = await counts();
      const [audit] = await f.ctx.db.select({ n: count() }).from(jointChecks);
      expectErrorBody(await request(f.t.url).post('/api/credit/interceptions').send(signed('PAY-ALIPAY', report, 'forged-key')), 401, 'UNAUTHENTICATED');
      expectErrorBody(await request(f.t.url).post('/api/credit/interceptions').send(report), 401, 'UNAUTHENTICATED');
      expectErrorBody(await request(f.t.url).post('/api/credit/interceptions').send(signed('PAY-ALIPAY', { ...report, idNumber: newIdNumber() })), 422, 'NOT_RESTRICTED');
      expect(await counts()).to.deep.equal(before);
      expect(audit).to.deep.equal((await f.ctx.db.select({ n: count() }).from(jointChecks))[0]);
      const timeline = await request(f.t.url).get(`/api/cases/${c.id}/timeline`).set(bearer(f.wang.token));
      expect((timeline.body as Any[]).some((e) => e.action === 'credit.interception_reported')).to.equal(false);
    });

    it('when the same report arrives twice, then it is recorded once (REPLAYED)', async () => {
      const c = await listedDebtor();
      const body = signed('PAY-ALIPAY', { idNumber: c.debtorIdNumber, name: '李四', action: 'purchase', prohibition: 'star_hotels_clubs', description: '五星级酒店住宿', occurredAt: f.clock.now().toISOString() });
      const first = await request(f.t.url).post('/api/credit/interceptions').send(body);
      expect(first.status, JSON.stringify(first.body)).to.equal(201);
      expectErrorBody(await request(f.t.url).post('/api/credit/interceptions').send(body), 409, 'REPLAYED');
      const list = await request(f.t.url).get(`/api/cases/${c.id}/credit/interceptions`).set(bearer(f.wang.token));
      expect(list.body).to.have.length(1);
    });
  });

  describe('webhook subscriptions', () => {
    type Mode = 'ack' | 'forged' | 'other' | 'error' | 'none';
    let receiver: http.Server;
    let receiverUrl: string;
    let mode: Mode = 'ack';
    const received: Record<string, Any>[] = [];
    const CODE = 'PAY-JDPAY';

    before(async () => {
      receiver = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, Any>;
          received.push({ ...body, header: req.headers['x-zhixing-signature'] });
          const key = institutionKey(secret, CODE);
          const ack = (k: string, deliveryId = body.deliveryId) => sign<Record<string, unknown>>(k, { deliveryId, institution: CODE, receivedAt: new Date().toISOString() });
          const reply =
            mode === 'ack' ? ack(key) : mode === 'forged' ? ack('a-forger-key') : mode === 'other' ? ack(key, randomUUID()) : mode === 'none' ? { ok: true } : null;
          res.writeHead(reply ? 200 : 500, { 'content-type': 'application/json' });
          res.end(JSON.stringify(reply ?? { error: 'busy' }));
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zhixing/events`;
    });
    after(() => new Promise<void>((r) => receiver.close(() => r())));

    const deliveries = () => f.ctx.db.select().from(jointDeliveries).where(eq(jointDeliveries.institutionCode, CODE));
    const run = () => f.t.app.jointDeliveries.runOnce();

    it('when the subscription request is forged, then UNAUTHENTICATED and no subscription', async () => {
      const res = await request(f.t.url).put('/api/credit/joint/subscription').send(signed(CODE, { url: receiverUrl }, 'forged'));
      expectErrorBody(res, 401, 'UNAUTHENTICATED');
      await listedDebtor();
      expect(await deliveries()).to.have.length(0);
    });

    it('when an institution subscribes and a debtor is listed, then it gets a signed listing.added; a forged ack is refused and the event retried with back-off until a valid ack', async () => {
      const sub = await request(f.t.url).put('/api/credit/joint/subscription').send(signed(CODE, { url: receiverUrl }));
      expect(sub.status, JSON.stringify(sub.body)).to.equal(200);
      expect(sub.body).to.deep.equal({ institution: CODE, url: receiverUrl, events: ['listing.added', 'listing.removed', 'restriction.added', 'restriction.ended'] });
      const c = await listedDebtor();
      const [queued] = await deliveries();
      expect(queued).to.include({ status: 'pending', event: 'listing.added', attempts: 0 });

      mode = 'forged';
      received.length = 0;
      expect(await run()).to.equal(0);
      expect(received).to.have.length(1);
      const delivery = received[0]!;
      expect(delivery).to.include({ event: 'listing.added', institution: CODE, idNumber: c.debtorIdNumber, name: '李四', subject: 'debtor', caseNo: c.caseNo, deliveryId: queued!.id, attempt: 1 });
      const { header, ...message } = delivery;
      expect(header).to.equal(message.signature);
      expect(verifySignature(institutionKey(secret, CODE), message)).to.equal(true);
      let [row] = await deliveries();
      expect(row).to.include({ status: 'pending', attempts: 1 });
      expect(row!.lastError).to.match(/acknowledgement refused/);
      expect(row!.nextAttemptAt.getTime()).to.equal(f.clock.nowMs() + 5_000);

      // Not due yet: nothing is sent.
      expect(await run()).to.equal(0);
      expect(received).to.have.length(1);

      // An ack for another delivery, a 500, no ack at all: each refused, each retried later, backing off.
      for (const [m, wait] of [['other', 5_000], ['error', 10_000], ['none', 20_000]] as const) {
        mode = m;
        await f.advance(wait);
        expect(await run()).to.equal(0);
        [row] = await deliveries();
        expect(row!.status).to.equal('pending');
      }
      expect(row!.attempts).to.equal(4);
      expect(row!.nextAttemptAt.getTime()).to.equal(f.clock.nowMs() + 40_000);

      mode = 'ack';
      await f.advance(40_000);
      expect(await run()).to.equal(1);
      [row] = await deliveries();
      expect(row).to.include({ status: 'delivered', attempts: 5, lastError: null });
      expect(received.at(-1)!.deliveryId).to.equal(row!.id);
      expect(received.every((r) => r.deliveryId === row!.id)).to.equal(true);

      // Removal: listing.removed and restriction.ended, each with the whole ID number.
      received.length = 0;
      const listing = (await request(f.t.url).get(`/api/cases/${c.id}/credit`).set(bearer(f.wang.token))).body.listings[0];
      await remove(listing.id);
      expect(await run()).to.equal(2);
      expect(received.map((r) => r.event).sort()).to.deep.equal(['listing.removed', 'restriction.ended']);
      expect(received.every((r) => r.idNumber === c.debtorIdNumber)).to.equal(true);
    });

    it('when the subscription ends, then no more deliveries are queued', async () => {
      const res = await request(f.t.url).put('/api/credit/joint/subscription').send(signed(CODE, { url: null }));
      expect(res.body).to.deep.equal({ institution: CODE, url: null, events: [] });
      const before = (await deliveries()).length;
      await listedDebtor();
      expect(await deliveries()).to.have.length(before);
    });
  });
});
