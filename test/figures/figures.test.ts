/**
 * The quality figures through the API, from data made through the real use cases: cases filed, a freeze and a
 * deduction completed that enforce one case in full (closed 执行完毕), and an auction sold above its starting price
 * with the balance paid. Then the access scoping, the validation and the CSV.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { CHAOYANG, PUDONG } from '../../server/modules/demo/demo-data';
import { bearer, tokenFor } from '../helpers/http';
import { expectErrorBody } from '../helpers/error-shape';
import { rate } from '../../server/modules/figures/figures.rules';
import type { FiguresView } from '../../shared/schemas/figures';
import { startBiddingFixture, type BiddingFixture } from '../auctions/bidding-fixture';
import { runMeasureJobs } from '../../server/modules/measures';
import { caseRecordsByAction } from '../../server/modules/audit';
import { recoveredCredits } from '../../server/modules/ledger';
import { DAY, startFixture, type Fixture } from '../measures/measure-fixture';

describe('quality figures (执行质效) through the API', function () {
  this.timeout(120_000);
  let f: BiddingFixture;
  let admin: string;
  /** The figures before the test's own actions (the fixture files cases of its own). */
  let base: FiguresView;
  let baseChen: FiguresView;

  const get = (path: string, token: string) => request(f.t.url).get(path).set(bearer(token));

  before(async () => {
    f = await startBiddingFixture();
    base = (await get('/api/figures', f.wang.token)).body;
    baseChen = (await get('/api/figures', f.chen.token)).body;
    expect(base.sales.auctionsEnded).to.equal(0);
    // 1. A case filed, frozen, deducted in full and closed as enforced in full.
    const c = await f.newCase({ claim: '30000.00' });
    const deposit = await f.asset(c.debtorIdNumber, 'deposit', { balance: '50000.00' });
    const ordered = await f.order(c.id, { assetId: deposit.id, amount: '30000.00' });
    expect(ordered.status, JSON.stringify(ordered.body)).to.equal(201);
    await f.deliver();
    const asked = await request(f.t.url).post(`/api/measures/${ordered.body.id}/deductions`).set(bearer(f.zhao.token)).send({ amount: '30000.00' });
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    expect((await request(f.t.url).post(`/api/deductions/${asked.body.id}/approve`).set(bearer(f.li.token)).send({})).status).to.equal(200);
    await f.deliver();
    const closed = await request(f.t.url).post(`/api/cases/${c.id}/close-satisfied`).set(bearer(f.wang.token)).send({});
    expect(closed.status, JSON.stringify(closed.body)).to.equal(200);

    // 2. A case still open.
    await f.newCase();

    // 3. A real-estate auction (its own case) sold at 770,000 against a starting price of 700,000; the balance paid.
    const { auctionId, startsAt, endsAt } = await f.announced();
    const buyer = await f.bidder();
    await f.qualify(buyer, auctionId);
    await f.at(startsAt - f.clock.nowMs());
    const bid = await f.bid(buyer, auctionId, '770000.00');
    expect(bid.status, JSON.stringify(bid.body)).to.equal(201);
    await f.at(endsAt - f.clock.nowMs() + 1);
    expect((await f.view(auctionId)).status).to.equal('sold');
    const balance = await request(f.t.url).post(`/api/auctions/${auctionId}/sale/balance`).set(bearer(buyer.token)).send({});
    expect(balance.status, JSON.stringify(balance.body)).to.equal(200);
    expect((await f.payAtBank(balance.body.id)).body.notified).to.equal(true);
    admin = await tokenFor(f.t.url, 'admin');
  });
  after(() => f?.close());

  it('when a judge asks for this year, then the cases, sales, money and monthly series of their court are computed from what happened', async () => {
    const res = await get('/api/figures', f.wang.token);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const v = res.body;
    expect(v).to.include({ courtId: CHAOYANG, courtName: '北京市朝阳区人民法院', from: '2026-01-01' });
    expect(v.to).to.match(/^2026-12-2\d$/);
    const received = base.cases.received + 3;
    const closed = base.cases.closed + 1;
    expect(v.cases).to.deep.include({ pendingAtStart: 0, received, restored: 0, closed, satisfied: base.cases.satisfied + 1, terminated: base.cases.terminated });
    expect(v.cases.closureRate).to.equal(rate(closed, received)).and.to.not.equal(null);
    expect(v.cases.actualEnforcementRate).to.equal(rate(base.cases.satisfied + 1, closed));
    expect(v.cases.averageDaysToClose).to.equal('0.0');
    expect(v.sales).to.deep.equal({ auctionsEnded: 1, auctionsSold: 1, fixedPriceSold: 0, saleRate: '100.00', onlineShare: '100.00', premiumRate: '10.00', salesAmount: '770000.00' });
    expect(base.money).to.deep.equal({ frozen: '0.00', deducted: '0.00', recovered: '0.00' });
    expect(v.money).to.deep.equal({ frozen: '30000.00', deducted: '30000.00', recovered: '800000.00' });
    expect(v.measures).to.deep.equal({ renewedOnTime: 0, renewedLate: 0, lapsed: 0, renewalRate: null });
    expect(v.months).to.have.length(12);
    expect(v.months[10]).to.deep.equal({ month: '2026-11', received: base.months[10]!.received + 3, closed: base.months[10]!.closed + 1, recovered: '30000.00' });
    expect(v.months[11]).to.deep.equal({ month: '2026-12', received: 0, closed: 0, recovered: '770000.00' });
  });

  it('when the period ends before anything happened, then the counts are 0 and the rates null', async () => {
    const res = await get('/api/figures?from=2026-01-01&to=2026-06-30', f.zhao.token);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.cases).to.deep.include({ received: 0, closed: 0, closureRate: null, actualEnforcementRate: null, averageDaysToClose: null });
    expect(res.body.sales.premiumRate).to.equal(null);
    expect(res.body.months.map((m: { month: string }) => m.month)).to.deep.equal(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
  });

  it('when a period starts after the closing, then the satisfied case is no longer pending and the others are', async () => {
    const res = await get('/api/figures?from=2027-01-01&to=2027-01-31', f.wang.token);
    // Every case filed in 2026 but the one enforced in full is still pending.
    expect(res.body.cases).to.deep.include({ pendingAtStart: base.cases.received + 2 - base.cases.closed, received: 0, closed: 0, closureRate: '0.00' });
    expect(res.body.money.recovered).to.equal('0.00');
  });

  it('when a judge asks for another court, then 403; their own court is the default; an admin sees any court or all', async () => {
    expectErrorBody(await get(`/api/figures?courtId=${CHAOYANG}`, f.chen.token), 403, 'FORBIDDEN');
    expectErrorBody(await get(`/api/figures.csv?courtId=${CHAOYANG}`, f.chen.token), 403, 'FORBIDDEN');
    const own = await get('/api/figures', f.chen.token);
    expect(own.body).to.include({ courtId: PUDONG });
    // Nothing the test did in 朝阳 shows in 浦东.
    expect(own.body.cases).to.deep.equal(baseChen.cases);
    expect(own.body.money.recovered).to.equal('0.00');

    const chaoyang = await get(`/api/figures?courtId=${CHAOYANG}`, admin);
    expect(chaoyang.body.cases.received).to.equal(base.cases.received + 3);
    const all = await get('/api/figures', admin);
    expect(all.body).to.include({ courtId: null });
    expect(all.body.money.recovered).to.equal('800000.00');
    expectErrorBody(await get('/api/figures?courtId=00000000-0000-4000-8000-000000000000', admin), 404, 'NOT_FOUND');

    const bidder = await f.bidder();
    expectErrorBody(await get('/api/figures', bidder.token), 403, 'FORBIDDEN');
    expectErrorBody(await request(f.t.url).get('/api/figures'), 401, 'UNAUTHENTICATED');
  });

  it('when a court has more cases than an IN list could name (65,535 parameters), then its rows are still read, by one parameter', async () => {
    const ids: string[] = Array.from({ length: 70_000 }, () => randomUUID());
    const closedCase = (await caseRecordsByAction(f.t.app.ctx.db, ['case.satisfied'], new Date(f.clock.nowMs() + 1)))[0]!.caseId!;
    ids.splice(40_000, 0, closedCase);
    const found = await caseRecordsByAction(f.t.app.ctx.db, ['case.satisfied'], new Date(f.clock.nowMs() + 1), ids);
    expect(found.map((r) => r.caseId)).to.deep.equal([closedCase]);
    expect(await caseRecordsByAction(f.t.app.ctx.db, ['case.satisfied'], new Date(f.clock.nowMs() + 1), [])).to.deep.equal([]);
    const recovered = await recoveredCredits(f.t.app.ctx.db, new Date(0), new Date(f.clock.nowMs() + 1), ids);
    expect(recovered.map((r) => [r.caseId, r.amount])).to.deep.equal([[closedCase, '30000.00']]);
  });

  it('when the period is reversed, malformed or too long, then 400 with the field', async () => {
    for (const q of ['from=2026-05-01&to=2026-04-30', 'from=2026-13-01', 'to=yesterday', 'from=2020-01-01&to=2026-12-31', 'format=xlsx', 'extra=1']) {
      expectErrorBody(await get(`/api/figures?${q}`, f.wang.token), 400, 'VALIDATION_FAILED');
    }
  });

  it('when the CSV is downloaded, then it is UTF-8 with a BOM, a header in Chinese and English, and the same figures', async () => {
    const res = await get('/api/figures.csv?from=2026-01-01&to=2026-12-31', f.wang.token).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).to.match(/^attachment; filename="figures-2026-01-01-2026-12-31.csv"/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).to.equal('法院 / Court,期间 / Period,代码 / Code,指标,Figure,数值 / Value');
    expect(lines).to.include(`北京市朝阳区人民法院,2026-01-01~2026-12-31,cases.received,新收案件,Received,${base.cases.received + 3}`);
    expect(lines).to.include('北京市朝阳区人民法院,2026-01-01~2026-12-31,sales.premiumRate,平均溢价率(%),Average premium (%),10.00');
    expect(lines).to.include('北京市朝阳区人民法院,2026-12,months.recovered,执行到位金额(元),Recovered (CNY),770000.00');
    expect(lines).to.have.length(1 + 23 + 12 * 3 + 1);

    const viaFormat = await get('/api/figures?from=2026-01-01&to=2026-12-31&format=csv', f.wang.token);
    expect(viaFormat.headers['content-type']).to.equal('text/csv; charset=utf-8');
    expect(viaFormat.text.replace(/^\uFEFF/, '')).to.equal(bytes.toString('utf8').slice(1));
  });

  it('when the OpenAPI document is read, then both routes are in it with the definitions of the rates', async () => {
    const doc = (await request(f.t.url).get('/api/openapi.json')).body;
    expect(doc.paths['/api/figures'].get.description).to.contain('实际执结率');
    expect(doc.paths['/api/figures.csv'].get.responses['200'].content).to.have.property('text/csv');
  });
});

describe('quality figures: measures renewed on time, renewed late and lapsed (续行及时率) through the API', function () {
  this.timeout(120_000);
  let f: Fixture;
  before(async () => {
    f = await startFixture();
  });
  after(() => f?.close());

  const inDays = (days: number) => new Date(f.clock.nowMs() + days * DAY).toISOString();
  const renew = (id: string, until: string) => request(f.t.url).post(`/api/measures/${id}/renew`).set(bearer(f.wang.token)).send({ until });
  const figures = async () => {
    const res = await request(f.t.url).get('/api/figures').set(bearer(f.wang.token));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as FiguresView;
  };
  async function inForce(until: string) {
    const c = await f.newCase({ claim: '1000000.00' });
    const asset = await f.asset(c.debtorIdNumber, 'deposit', { balance: '20000.00' });
    const res = await f.order(c.id, { assetId: asset.id, until });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await f.deliver();
    expect(await f.measure(c.id, res.body.id)).to.include({ status: 'in_force' });
    return { caseId: c.id, id: res.body.id as string };
  }

  it('when one measure is renewed before expiry, one renewal is confirmed after expiry and one measure lapses, then the figures count one of each', async () => {
    const base = await figures();
    expect(base.measures).to.deep.equal({ renewedOnTime: 0, renewedLate: 0, lapsed: 0, renewalRate: null });
    const onTime = await inForce(inDays(30));
    const late = await inForce(inDays(3));
    const lapsing = await inForce(inDays(2));

    // On time: renewed and confirmed by the bank at once, 30 days before the term ran out.
    expect((await renew(onTime.id, inDays(200))).status).to.equal(202);
    await f.deliver();
    expect(await f.measure(onTime.caseId, onTime.id)).to.include({ pendingOrder: null, expiresAt: inDays(200) });
    expect((await figures()).measures).to.deep.equal({ renewedOnTime: 1, renewedLate: 0, lapsed: 0, renewalRate: '100.00' });

    // Late: ordered before expiry but lost in transit; the bank's confirmation arrives after the term ran out.
    f.fake.failNext = 1;
    expect((await renew(late.id, inDays(300))).status).to.equal(202);
    await f.deliver();
    await f.advance(3 * DAY + 1000);
    // Lapsed: the job ends the measure nobody renewed (and leaves the one whose renewal is in flight).
    const jobs = await runMeasureJobs(f.ctx, f.clock.now(), { reminderDays: 7, callbackUrl: f.callbackUrl });
    expect(jobs.lapsed).to.equal(1);
    expect(await f.measure(lapsing.caseId, lapsing.id)).to.include({ status: 'lapsed' });
    expect(await f.measure(late.caseId, late.id)).to.include({ status: 'in_force', pendingOrder: 'renew' });
    await f.advance(60 * 60_000);
    await f.deliver();
    expect(await f.measure(late.caseId, late.id)).to.include({ status: 'in_force', pendingOrder: null });

    const after = await figures();
    expect(after.measures).to.deep.equal({ renewedOnTime: 1, renewedLate: 1, lapsed: 1, renewalRate: rate(1, 3) });
    expect(after.measures.renewalRate).to.equal('33.33');
    // Another court sees none of it.
    const chen = await request(f.t.url).get('/api/figures').set(bearer(f.chen.token));
    expect(chen.body.measures).to.deep.equal({ renewedOnTime: 0, renewedLate: 0, lapsed: 0, renewalRate: null });
    // A period that ended before any of it counts nothing.
    const earlier = await request(f.t.url).get('/api/figures?from=2026-01-01&to=2026-11-24').set(bearer(f.wang.token));
    expect(earlier.body.measures).to.deep.equal({ renewedOnTime: 0, renewedLate: 0, lapsed: 0, renewalRate: null });
  });
});
