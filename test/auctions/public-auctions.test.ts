import { expect } from 'chai';
import request from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import { DAY, HOUR, startAuctionFixture, type AuctionFixture } from './auction-fixture';

/** An instant in Beijing time as the announcement states it: 2026-12-26 16:00. */
const cst = (iso: string) => new Date(Date.parse(iso) + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');

describe('public auctions: list, search and page without login; only what was published', function () {
  this.timeout(120_000);
  let f: AuctionFixture;
  const ids: Record<'draft' | 'approved' | 'house' | 'car', string> = { draft: '', approved: '', house: '', car: '' };
  let houseCaseNo = '';
  const sockets: Socket[] = [];

  async function build(kind: 'real_estate' | 'vehicle', overrides: Record<string, unknown>, value = '1000000.00'): Promise<string> {
    const { measureId } = await f.seized(kind, value);
    await f.referencePrice(measureId, value);
    const res = await f.draft(measureId, f.settings(overrides));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    if (kind === 'real_estate' && overrides.title === '朝阳区住宅') houseCaseNo = res.body.caseNo;
    return res.body.id as string;
  }

  before(async () => {
    f = await startAuctionFixture();
    const now = f.clock.nowMs();
    ids.draft = await build('real_estate', { title: '草稿中的房产' });
    ids.approved = await build('real_estate', {
      title: '已批准未公告的房产',
      announcementAt: new Date(now + 2 * DAY).toISOString(),
      biddingStartsAt: new Date(now + 33 * DAY).toISOString(),
      biddingEndsAt: new Date(now + 34 * DAY).toISOString(),
    });
    await f.approve(ids.approved);
    ids.house = await build('real_estate', { title: '朝阳区住宅' });
    await f.approve(ids.house);
    const carStart = now + 20 * DAY;
    ids.car = await build(
      'vehicle',
      {
        title: '小型轿车 京A12345',
        description: '2019年登记，行驶6万公里',
        city: '天津市',
        startingPrice: '140000.00',
        deposit: '14000.00',
        increment: '1000.00',
        biddingStartsAt: new Date(carStart).toISOString(),
        biddingEndsAt: new Date(carStart + 24 * HOUR).toISOString(),
      },
      '200000.00',
    );
    await f.approve(ids.car);
    expect(await f.at(HOUR)).to.deep.include({ announced: 2 });
  });
  after(async () => {
    sockets.forEach((s) => s.close());
    await f?.close();
  });

  const list = (qs = '') => request(f.t.url).get(`/api/public/auctions${qs}`);
  const idsOf = (res: request.Response) => (res.body.items as { id: string }[]).map((i) => i.id);

  it('when anyone lists auctions, then only announced ones appear, never drafts or approved ones', async () => {
    const res = await list();
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.total).to.equal(2);
    expect(idsOf(res)).to.have.members([ids.house, ids.car]);
    const car = res.body.items.find((i: { id: string }) => i.id === ids.car);
    expect(car).to.include({ title: '小型轿车 京A12345', city: '天津市', assetKind: 'vehicle', status: 'announced', startingPrice: '140000.00', deposit: '14000.00', referencePrice: '200000.00', courtName: '北京市朝阳区人民法院', round: 1 });
    expect(car.photo).to.equal('https://img.example/auction/1.jpg');
  });

  it('when searching by state, kind, city, price range, dates and words, then the filters narrow the list; pages split it', async () => {
    expect(idsOf(await list('?status=announced'))).to.have.members([ids.house, ids.car]);
    expect(idsOf(await list('?status=live'))).to.deep.equal([]);
    expect(idsOf(await list('?assetKind=vehicle'))).to.deep.equal([ids.car]);
    expect(idsOf(await list('?city=天津'))).to.deep.equal([ids.car]);
    expect(idsOf(await list(`?city=${encodeURIComponent('北京')}`))).to.deep.equal([ids.house]);
    expect(idsOf(await list('?minPrice=500000'))).to.deep.equal([ids.house]);
    expect(idsOf(await list('?maxPrice=140000.00'))).to.deep.equal([ids.car]);
    expect(idsOf(await list('?minPrice=140000.01&maxPrice=699999.99'))).to.deep.equal([]);
    const mid = new Date(f.clock.nowMs() + 25 * DAY).toISOString();
    expect(idsOf(await list(`?from=${encodeURIComponent(mid)}`))).to.deep.equal([ids.house]);
    expect(idsOf(await list(`?to=${encodeURIComponent(mid)}`))).to.deep.equal([ids.car]);
    expect(idsOf(await list(`?q=${encodeURIComponent('轿车')}`))).to.deep.equal([ids.car]);
    expect(idsOf(await list(`?q=${encodeURIComponent(houseCaseNo)}`))).to.deep.equal([ids.house]);
    expect(idsOf(await list(`?q=${encodeURIComponent('%')}`))).to.deep.equal([]);
    const page1 = await list('?pageSize=1');
    const page2 = await list('?pageSize=1&page=2');
    expect(page1.body).to.include({ total: 2, page: 1, pageSize: 1 });
    expect([...idsOf(page1), ...idsOf(page2)]).to.have.members([ids.house, ids.car]);
    // The house's bidding starts later: newest start first.
    expect(idsOf(page1)).to.deep.equal([ids.house]);
  });

  it('when a filter names a state the public never sees, or is malformed, then 400', async () => {
    for (const qs of ['?status=draft', '?status=approved', '?minPrice=abc', '?from=yesterday', '?assetKind=deposit', '?pageSize=1000']) {
      const res = await list(qs);
      expect(res.status, qs).to.equal(400);
      expect(res.body.error.code).to.equal('VALIDATION_FAILED');
    }
  });

  it('when anyone opens a published auction, then the page shows the announcement, disclosures, prices, schedule and state', async () => {
    const res = await request(f.t.url).get(`/api/public/auctions/${ids.house}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const p = res.body;
    expect(p).to.include({ id: ids.house, title: '朝阳区住宅', status: 'announced', assetKind: 'real_estate', startingPrice: '700000.00', deposit: '70000.00', increment: '5000.00', caseNo: houseCaseNo });
    expect(p.court).to.deep.equal({ name: '北京市朝阳区人民法院', code: '京0105' });
    expect(p.referencePrice).to.include({ amount: '1000000.00', method: 'negotiated' });
    expect(p.disclosures).to.include({ basis: '（2026）京0105民初100号民事判决书', taxBearer: 'by_law' });
    expect(p.disclosures.photos).to.have.length(2);
    expect(p.schedule).to.include({ balanceDueDays: 15, endedAt: null });
    expect(p.announcement.text).to.contain('起拍价¥700,000.00').and.contain('网拍第14条').and.contain('15日内');
    // The bidding times as Beijing time, never raw UTC timestamps.
    expect(p.announcement.text).to.contain(`将于${cst(p.schedule.biddingStartsAt)}至${cst(p.schedule.biddingEndsAt)}（北京时间`).and.to.not.match(/\d{4}-\d{2}-\d{2}T/);
    expect(p.serverNow).to.equal(f.clock.now().toISOString());
    for (const hidden of ['panel', 'measureId', 'createdBy', 'version', 'assetId']) expect(p).to.not.have.property(hidden);
  });

  it('when anyone opens a draft, an approved but unannounced auction, or an unknown id, then 404', async () => {
    for (const id of [ids.draft, ids.approved, '00000000-0000-4000-8000-000000000000']) {
      const res = await request(f.t.url).get(`/api/public/auctions/${id}`);
      expect(res.status).to.equal(404);
      expect(res.body.error.code).to.equal('NOT_FOUND');
    }
  });

  it('when a visitor without login watches an auction\'s room, then it receives the public changes as they happen', async () => {
    const socket = connect(`${f.t.url}/auctions`, { transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    const events: { event: string; payload: Record<string, unknown> }[] = [];
    socket.onAny((event: string, payload: Record<string, unknown>) => events.push({ event, payload }));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const watch = (room: string) => new Promise<{ ok: boolean }>((resolve) => socket.emit('watch', room, resolve));
    expect(await watch(`auction:${ids.approved}`)).to.deep.equal({ ok: true });
    expect((await watch('court:0b6b6d8a-0001-4c1e-9a52-000000000001')).ok).to.equal(false);
    expect((await watch('user:x')).ok).to.equal(false);

    // The approved auction is published two days on: the watcher gets its public page.
    expect(await f.at(2 * DAY)).to.deep.include({ announced: 1 });
    const deadline = Date.now() + 5000;
    while (!events.some((e) => e.event === 'auction.updated') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const update = events.find((e) => e.event === 'auction.updated');
    expect(update, JSON.stringify(events)).to.not.equal(undefined);
    expect(update!.payload).to.include({ id: ids.approved, status: 'announced' });
    expect(update!.payload).to.not.have.property('panel');
  });

  it('the public routes are in the OpenAPI document, without security', async () => {
    const doc = (await request(f.t.url).get('/api/openapi.json')).body;
    for (const path of ['/api/public/auctions', '/api/public/auctions/{id}']) {
      expect(doc.paths[path]?.get, path).to.not.equal(undefined);
      expect(doc.paths[path].get.security).to.deep.equal([]);
    }
    for (const path of ['/api/measures/{id}/auctions', '/api/auctions/{id}/approve', '/api/auctions/{id}/relist', '/api/auctions/{id}/fixed-price-sale', '/api/auctions/{id}/suspend', '/api/auctions/{id}/resume', '/api/auctions/{id}/withdraw']) {
      expect(doc.paths[path]?.post, path).to.not.equal(undefined);
    }
    expect(doc.paths['/api/measures/{id}/auctions'].post.responses['422'].description).to.contain('AUCTION_RULE_VIOLATION');
  });
});
