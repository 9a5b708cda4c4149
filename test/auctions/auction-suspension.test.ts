import { expect } from 'chai';
import request from 'supertest';
import type { AuctionView } from '../../shared/schemas/auctions';
import { recordsOfEntity } from '../../server/modules/audit';
import { DAY, HOUR, startAuctionFixture, violationsOf, type AuctionFixture } from './auction-fixture';

describe('auctions: suspension, resumption, withdrawal, and a relisting too late', function () {
  this.timeout(120_000);
  let f: AuctionFixture;

  /** A real-estate auction of a new seized asset, approved and announced; movables when `vehicle`. */
  async function announced(kind: 'real_estate' | 'vehicle' = 'real_estate'): Promise<AuctionView> {
    const { measureId } = await f.seized(kind, '1000000.00');
    await f.referencePrice(measureId, '1000000.00');
    const now = f.clock.nowMs();
    const days = kind === 'vehicle' ? 16 : 31;
    const start = now + days * DAY;
    const res = await f.draft(measureId, f.settings({ biddingStartsAt: new Date(start).toISOString(), biddingEndsAt: new Date(start + 24 * HOUR).toISOString() }));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await f.approve(res.body.id);
    expect(await f.at(HOUR)).to.deep.include({ announced: 1 });
    return f.view(res.body.id);
  }

  before(async () => {
    f = await startAuctionFixture();
  });
  after(async () => {
    await f?.close();
  });

  it('when a movable is auctioned, then 15 days\' notice suffices (网拍 Art. 12) and 14 do not', async () => {
    const { measureId } = await f.seized('vehicle', '200000.00');
    await f.referencePrice(measureId, '200000.00');
    const now = f.clock.nowMs();
    const body = (days: number) =>
      f.settings({
        title: '小型轿车 京A12345',
        startingPrice: '140000.00',
        deposit: '14000.00',
        increment: '1000.00',
        biddingStartsAt: new Date(now + days * DAY).toISOString(),
        biddingEndsAt: new Date(now + days * DAY + 24 * HOUR).toISOString(),
      });
    const short = await f.draft(measureId, body(14));
    expect(violationsOf(short)).to.deep.equal(['NOTICE_TOO_SHORT@网拍 Art. 12']);
    expect(short.body.error.details.violations[0].figures.requiredDays).to.equal('15');
    const ok = await f.draft(measureId, body(16));
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
    const withdrawn = await f.act(ok.body.id, 'withdraw', { reason: '被执行人已履行' });
    expect(withdrawn.status).to.equal(200);
  });

  it('when the court suspends an announced auction and resumes within 5 days of the cause ending, then the schedule moves by the time suspended', async () => {
    const a = await announced();
    const byClerk = await f.act(a.id, 'suspend', { reason: '案外人提出执行异议' }, f.zhao);
    expect(byClerk.status).to.equal(403);
    const suspended = await f.act(a.id, 'suspend', { reason: '案外人提出执行异议' });
    expect(suspended.status, JSON.stringify(suspended.body)).to.equal(200);
    expect(suspended.body.status).to.equal('suspended');
    expect(suspended.body.suspension).to.include({ from: 'announced', reason: '案外人提出执行异议' });
    const page = await request(f.t.url).get(`/api/public/auctions/${a.id}`);
    expect(page.body.suspension).to.include({ reason: '案外人提出执行异议' });
    const twice = await f.act(a.id, 'suspend', { reason: '再次暂缓' });
    expect(twice.status).to.equal(409);

    // Nothing moves while suspended, even past the bidding start.
    const suspendedAt = f.clock.nowMs();
    expect(await f.at(3 * DAY)).to.deep.equal({ announced: 0, live: 0, closed: 0, fixedPriceEnded: 0 });
    const future = await f.act(a.id, 'resume', { causeEndedAt: new Date(f.clock.nowMs() + HOUR).toISOString() });
    expect(violationsOf(future)).to.deep.equal(['CAUSE_END_INVALID@网拍 Art. 28']);

    const resumed = await f.act(a.id, 'resume', { causeEndedAt: new Date(f.clock.nowMs() - DAY).toISOString() });
    expect(resumed.status, JSON.stringify(resumed.body)).to.equal(200);
    const shift = f.clock.nowMs() - suspendedAt;
    expect(resumed.body.status).to.equal('announced');
    expect(new Date(resumed.body.biddingStartsAt).getTime() - new Date(a.biddingStartsAt).getTime()).to.equal(shift);
    expect(new Date(resumed.body.biddingEndsAt).getTime() - new Date(a.biddingEndsAt).getTime()).to.equal(shift);
    expect(resumed.body.suspension).to.equal(null);
    const steps = (await recordsOfEntity(f.ctx.db, 'auction', a.id)).map((r) => r.action);
    expect(steps.slice(-2)).to.deep.equal(['auction.suspended', 'auction.resumed']);
  });

  it('when a live auction is suspended and the court resumes later than 5 days after the cause ended, then refused; it can only be withdrawn', async () => {
    const a = await announced('vehicle');
    await f.at(new Date(a.biddingStartsAt).getTime() - f.clock.nowMs());
    expect((await f.view(a.id)).status).to.equal('live');
    const suspended = await f.act(a.id, 'suspend', { reason: '被执行人申请暂缓执行' });
    expect(suspended.body.suspension.from).to.equal('live');

    await f.at(10 * DAY);
    expect((await f.view(a.id)).status).to.equal('suspended');
    const late = await f.act(a.id, 'resume', { causeEndedAt: new Date(f.clock.nowMs() - 6 * DAY).toISOString() });
    expect(violationsOf(late)).to.deep.equal(['RESUME_TOO_LATE@网拍 Art. 28']);
    expect((await f.view(a.id)).status).to.equal('suspended');

    const withdrawn = await f.act(a.id, 'withdraw', { reason: '暂缓事由消失后未能及时恢复，重新拍卖' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    expect(withdrawn.body.status).to.equal('withdrawn');
    expect(withdrawn.body.withdrawal.reason).to.contain('重新拍卖');
    const page = await request(f.t.url).get(`/api/public/auctions/${a.id}`);
    expect(page.body.status).to.equal('withdrawn');
    expect(page.body.withdrawal.reason).to.contain('重新拍卖');
    const again = await f.act(a.id, 'withdraw', { reason: '再次撤回' });
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('AUCTION_WRONG_STATE');
    const resume = await f.act(a.id, 'resume', { causeEndedAt: new Date(f.clock.nowMs()).toISOString() });
    expect(resume.status).to.equal(409);
    expect(await f.jobs()).to.deep.equal({ announced: 0, live: 0, closed: 0, fixedPriceEnded: 0 });
  });

  it('when a live auction is suspended and resumed in time, then its remaining bidding time is kept', async () => {
    const a = await announced('vehicle');
    await f.at(new Date(a.biddingStartsAt).getTime() - f.clock.nowMs() + 6 * HOUR);
    const suspended = await f.act(a.id, 'suspend', { reason: '系统维护' });
    expect(suspended.status).to.equal(200);
    await f.at(2 * DAY);
    const resumed = await f.act(a.id, 'resume', { causeEndedAt: new Date(f.clock.nowMs() - HOUR).toISOString() });
    expect(resumed.status, JSON.stringify(resumed.body)).to.equal(200);
    expect(resumed.body.status).to.equal('live');
    expect(resumed.body.biddingStartsAt).to.equal(a.biddingStartsAt);
    expect(new Date(resumed.body.biddingEndsAt).getTime() - f.clock.nowMs()).to.equal(18 * HOUR);
    expect(await f.at(18 * HOUR - 1)).to.deep.include({ closed: 0 });
    expect(await f.at(1)).to.deep.include({ closed: 1 });
  });

  it('when more than 30 days have passed since the auction went unsold, then no relisting is possible (网拍 Art. 26)', async () => {
    const a = await announced('vehicle');
    await f.at(new Date(a.biddingEndsAt).getTime() - f.clock.nowMs());
    expect((await f.view(a.id)).status).to.equal('unsold');
    await f.at(31 * DAY);
    const now = f.clock.nowMs();
    const res = await f.act(a.id, 'relist', {
      startingPrice: '600000.00',
      deposit: '60000.00',
      increment: '5000.00',
      announcementAt: new Date(now + HOUR).toISOString(),
      biddingStartsAt: new Date(now + 8 * DAY).toISOString(),
      biddingEndsAt: new Date(now + 9 * DAY).toISOString(),
    });
    expect(violationsOf(res)).to.deep.equal(['RELIST_TOO_LATE@网拍 Art. 26']);
    expect(res.body.error.details.violations[0].field).to.equal('relist');
  });

  it('when a draft or approved auction is withdrawn, then it frees the asset and never becomes public', async () => {
    const { measureId } = await f.seized('real_estate', '800000.00');
    await f.referencePrice(measureId, '800000.00');
    const first = await f.draft(measureId, f.settings({ startingPrice: '560000.00', deposit: '56000.00' }));
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    await f.approve(first.body.id);
    const withdrawn = await f.act(first.body.id, 'withdraw', { reason: '评估对象有误' });
    expect(withdrawn.body.status).to.equal('withdrawn');
    expect(await f.at(HOUR)).to.deep.include({ announced: 0 });
    expect((await request(f.t.url).get(`/api/public/auctions/${first.body.id}`)).status).to.equal(404);
    const second = await f.draft(measureId, f.settings({ startingPrice: '560000.00', deposit: '56000.00' }));
    expect(second.status, JSON.stringify(second.body)).to.equal(201);
  });
});
