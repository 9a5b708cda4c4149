import { expect } from 'chai';
import { asc, count } from 'drizzle-orm';
import request from 'supertest';
import { recordsOfEntity } from '../../server/modules/audit';
import { auditLog } from '../../server/modules/audit/audit.tables';
import { auctionApprovals, auctionPanelMembers, auctions } from '../../server/modules/auctions/auction.tables';
import { bearer } from '../helpers/http';
import { DAY, HOUR, startAuctionFixture, violationsOf, type AuctionFixture } from './auction-fixture';

describe('auctions: from a seized asset through two rounds to a fixed-price sale', function () {
  this.timeout(120_000);
  let f: AuctionFixture;
  let measureId: string;
  let first: string;
  let second: string;

  const snapshot = async () => {
    const db = f.ctx.db;
    const [audit] = await db.select({ n: count() }).from(auditLog);
    return {
      auctions: await db.select().from(auctions).orderBy(asc(auctions.id)),
      panel: await db.select().from(auctionPanelMembers).orderBy(asc(auctionPanelMembers.auctionId), asc(auctionPanelMembers.userId)),
      approvals: await db.select().from(auctionApprovals).orderBy(asc(auctionApprovals.auctionId), asc(auctionApprovals.userId)),
      audit: audit?.n,
    };
  };
  const actions = async (id: string) => (await recordsOfEntity(f.ctx.db, 'auction', id)).map((r) => r.action);

  before(async () => {
    f = await startAuctionFixture();
    ({ measureId } = await f.seized('real_estate', '1000000.00'));
  });
  after(async () => {
    await f?.close();
  });

  it('when the asset has no reference price yet, then no auction can be drafted (参考价)', async () => {
    const res = await f.draft(measureId, f.settings());
    expect(res.status, JSON.stringify(res.body)).to.equal(409);
    expect(res.body.error.code).to.equal('REFERENCE_PRICE_REQUIRED');
  });

  it('when the asset is money, then it is not auctioned (funds are deducted)', async () => {
    const funds = await f.seized('deposit');
    const res = await f.draft(funds.measureId, f.settings());
    expect(res.status, JSON.stringify(res.body)).to.equal(400);
    expect(res.body.error.code).to.equal('ASSET_NOT_AUCTIONABLE');
  });

  it('when the judge sets unlawful figures, then each is refused with its article and figure, and nothing is saved', async () => {
    await f.referencePrice(measureId, '1000000.00');
    const before = await snapshot();
    const now = f.clock.nowMs();

    const low = await f.draft(measureId, f.settings({ startingPrice: '699999.99' }));
    expect(violationsOf(low)).to.deep.equal(['STARTING_PRICE_TOO_LOW@网拍 Art. 10']);
    expect(low.body.error.details.violations[0]).to.include({ field: 'startingPrice' });
    expect(low.body.error.details.violations[0].figures).to.include({ referencePrice: '1000000.00', minimum: '700000.00' });
    expect(low.body.error.message).to.contain('网拍第10条');

    expect(violationsOf(await f.draft(measureId, f.settings({ deposit: '34999.99' })))).to.deep.equal(['DEPOSIT_OUT_OF_RANGE@网拍 Art. 17']);
    expect(violationsOf(await f.draft(measureId, f.settings({ deposit: '140000.01' })))).to.deep.equal(['DEPOSIT_OUT_OF_RANGE@网拍 Art. 17']);
    expect(violationsOf(await f.draft(measureId, f.settings({ increment: '70000.01' })))).to.deep.equal(['INCREMENT_OUT_OF_RANGE@网拍 Art. 20']);
    expect(violationsOf(await f.draft(measureId, f.settings({ increment: '0' })))).to.deep.equal(['INCREMENT_OUT_OF_RANGE@网拍 Art. 20']);

    // Real estate: 30 days' notice (网拍 Art. 12); 29 days is refused with the earliest lawful start.
    const start29 = now + 29 * DAY;
    const short = await f.draft(measureId, f.settings({ biddingStartsAt: new Date(start29).toISOString(), biddingEndsAt: new Date(start29 + 24 * HOUR).toISOString() }));
    expect(violationsOf(short)).to.deep.equal(['NOTICE_TOO_SHORT@网拍 Art. 12']);
    expect(short.body.error.details.violations[0].figures).to.include({ requiredDays: '30', givenDays: '29' });

    const start = now + 31 * DAY;
    expect(violationsOf(await f.draft(measureId, f.settings({ biddingEndsAt: new Date(start + 24 * HOUR - 60_000).toISOString() })))).to.deep.equal(['BIDDING_TOO_SHORT@网拍 Art. 20']);
    expect(violationsOf(await f.draft(measureId, f.settings({ balanceDueDays: 45 })))).to.deep.equal(['BALANCE_DEADLINE_OUT_OF_RANGE@网拍 Art. 25']);
    expect(violationsOf(await f.draft(measureId, f.settings({ announcementAt: new Date(now - DAY).toISOString() })))).to.deep.equal(['ANNOUNCEMENT_IN_PAST@网拍 Art. 12']);

    const { photos: _photos, taxes: _taxes, ...partial } = (f.settings().disclosures as Record<string, unknown>);
    expect(violationsOf(await f.draft(measureId, f.settings({ disclosures: { ...partial, courtAccount: ' ' } })))).to.deep.equal([
      'DISCLOSURE_MISSING@网拍 Art. 13(5)',
      'DISCLOSURE_MISSING@网拍 Art. 13(9)',
      'DISCLOSURE_MISSING@网拍 Art. 13(8)',
    ]);
    expect(violationsOf(await f.draft(measureId, f.settings({ priorityHolders: [{ name: '王五', right: '共有人', rank: 0 }] })))).to.deep.equal(['PRIORITY_RANK_INVALID@网拍 Art. 19']);
    expect(violationsOf(await f.draft(measureId, f.settings({ panel: [f.wang.id, f.li.id] })))).to.deep.equal(['PANEL_INVALID@网拍 Art. 27']);
    expect(violationsOf(await f.draft(measureId, f.settings({ panel: [f.wang.id, f.li.id, f.zhao.id] })))).to.deep.equal(['PANEL_MEMBER_NOT_JUDGE@网拍 Art. 27']);
    expect(violationsOf(await f.draft(measureId, f.settings({ panel: [f.wang.id, f.li.id, f.chen.id] })))).to.deep.equal(['PANEL_MEMBER_NOT_JUDGE@网拍 Art. 27']);

    // Everything wrong at once: every violation listed.
    const all = await f.draft(measureId, f.settings({ startingPrice: '500000.00', deposit: '500.00', balanceDueDays: 3, disclosures: {} }));
    expect(violationsOf(all)).to.have.length(2 + 1 + 9);
    expect(await snapshot()).to.deep.equal(before);
  });

  it('when another court\'s judge tries, then the measure answers 404', async () => {
    const res = await f.draft(measureId, f.settings({ panel: [f.chen.id, f.chen.id, f.chen.id] }), f.chen);
    expect(res.status).to.equal(404);
  });

  it('when the settings are lawful, then a draft is saved with its reference price and panel, and the court is told', async () => {
    const court = await f.listen(f.zhao);
    const res = await f.draft(measureId, f.settings());
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    first = res.body.id;
    expect(res.body).to.include({ status: 'draft', round: 1, version: 1, startingPrice: '700000.00', deposit: '70000.00', increment: '5000.00', city: '北京市', assetKind: 'real_estate' });
    expect(res.body.referencePrice).to.include({ amount: '1000000.00', method: 'negotiated' });
    expect(res.body.panel.members.map((m: { id: string }) => m.id)).to.deep.equal([f.wang.id, f.li.id, f.zhang.id]);
    expect(res.body.panel).to.include({ approvals: 0, needed: 2 });
    await court.waitFor('auction.updated', (p) => p.id === first);
    court.close();

    const again = await f.draft(measureId, f.settings());
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('AUCTION_EXISTS');
  });

  it('when others look or act on it, then another court gets 404, a clerk cannot approve, the drafter alone does not suffice', async () => {
    for (const res of [
      await request(f.t.url).get(`/api/auctions/${first}`).set(bearer(f.chen.token)),
      await request(f.t.url).put(`/api/auctions/${first}`).set(bearer(f.chen.token)).send(f.settings()),
      await f.act(first, 'approve', {}, f.chen),
      await f.act(first, 'suspend', { reason: '案外人异议' }, f.chen),
      await f.act(first, 'withdraw', { reason: '被执行人已履行' }, f.chen),
    ]) {
      expect(res.status, JSON.stringify(res.body)).to.equal(404);
    }
    const listed = await request(f.t.url).get('/api/auctions').set(bearer(f.chen.token));
    expect(listed.body.items.map((a: { id: string }) => a.id)).to.not.include(first);

    const clerk = await f.act(first, 'approve', {}, f.zhao);
    expect(clerk.status).to.equal(403);
    expect(clerk.body.error.code).to.equal('PANEL_MEMBER_REQUIRED');

    const own = await f.act(first, 'approve', {}, f.wang);
    expect(own.status, JSON.stringify(own.body)).to.equal(200);
    expect(own.body).to.include({ status: 'draft' });
    expect(own.body.panel).to.include({ approvals: 1, needed: 2 });
    const twice = await f.act(first, 'approve', {}, f.wang);
    expect(twice.status).to.equal(409);
    expect(twice.body.error.code).to.equal('AUCTION_ALREADY_APPROVED');
  });

  it('when the draft is edited, then earlier approvals lapse; a majority of the panel approves the new version', async () => {
    const edited = await request(f.t.url).put(`/api/auctions/${first}`).set(bearer(f.wang.token)).send(f.settings({ increment: '6000.00' }));
    expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
    expect(edited.body).to.include({ status: 'draft', version: 2, increment: '6000.00' });
    expect(edited.body.panel).to.include({ approvals: 0 });

    const approved = await f.approve(first);
    expect(approved.panel).to.include({ approvals: 2, needed: 2 });
    expect(approved.approvedAt).to.be.a('string');
  });

  it('when an approved auction is edited, then it goes back to draft and needs the panel again', async () => {
    const edited = await request(f.t.url).put(`/api/auctions/${first}`).set(bearer(f.zhao.token)).send(f.settings());
    expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
    expect(edited.body).to.include({ status: 'draft', version: 3, approvedAt: null });
    await f.approve(first);
    expect(await actions(first)).to.deep.equal([
      'auction.drafted',
      'auction.panel_vote',
      'auction.updated',
      'auction.panel_vote',
      'auction.panel_vote',
      'auction.approved',
      'auction.updated',
      'auction.panel_vote',
      'auction.panel_vote',
      'auction.approved',
    ]);
  });

  it('when the announcement time comes, then the job publishes it once; a second run changes nothing', async () => {
    expect(await f.jobs()).to.deep.equal({ announced: 0, live: 0, closed: 0, fixedPriceEnded: 0 });
    expect(await f.at(HOUR)).to.deep.equal({ announced: 1, live: 0, closed: 0, fixedPriceEnded: 0 });
    const before = await snapshot();
    expect(await f.jobs()).to.deep.equal({ announced: 0, live: 0, closed: 0, fixedPriceEnded: 0 });
    expect(await snapshot()).to.deep.equal(before);
    const view = await f.view(first);
    expect(view.status).to.equal('announced');
    expect(view.announcedAt).to.equal(view.firstAnnouncedAt);

    const edit = await request(f.t.url).put(`/api/auctions/${first}`).set(bearer(f.wang.token)).send(f.settings());
    expect(edit.status).to.equal(409);
    expect(edit.body.error.code).to.equal('AUCTION_NOT_EDITABLE');
  });

  it('when bidding starts and ends with no bid, then it goes live and ends unsold on the clock, each step audited once', async () => {
    const view = await f.view(first);
    const toStart = new Date(view.biddingStartsAt).getTime() - f.clock.nowMs();
    expect(await f.at(toStart - 1)).to.deep.include({ live: 0 });
    expect(await f.at(1)).to.deep.include({ live: 1 });
    expect(await f.jobs()).to.deep.include({ live: 0 });
    expect((await f.view(first)).status).to.equal('live');

    expect(await f.at(24 * HOUR + 5 * 60_000)).to.deep.include({ closed: 1 });
    const before = await snapshot();
    expect(await f.jobs()).to.deep.equal({ announced: 0, live: 0, closed: 0, fixedPriceEnded: 0 });
    expect(await snapshot()).to.deep.equal(before);
    const unsold = await f.view(first);
    expect(unsold.status).to.equal('unsold');
    expect(unsold.endedAt).to.equal(view.biddingEndsAt);
    expect(unsold.relistDeadline).to.be.a('string');
    const steps = await actions(first);
    expect(steps.slice(-3)).to.deep.equal(['auction.announced', 'auction.live', 'auction.unsold']);
    expect(steps.filter((a) => a === 'auction.unsold')).to.have.length(1);
  });

  it('when relisted with a cut over 20 %, too little notice or bidding beyond 30 days, then refused with 网拍 Art. 26', async () => {
    const before = await snapshot();
    const now = f.clock.nowMs();
    const start = now + 16 * DAY;
    const relist = (o: Record<string, unknown>) =>
      f.act(first, 'relist', {
        startingPrice: '560000.00',
        deposit: '56000.00',
        increment: '5000.00',
        announcementAt: new Date(now + HOUR).toISOString(),
        biddingStartsAt: new Date(start).toISOString(),
        biddingEndsAt: new Date(start + 24 * HOUR).toISOString(),
        ...o,
      });
    const deep = await relist({ startingPrice: '559999.99', deposit: '56000.00' });
    expect(violationsOf(deep)).to.deep.equal(['RELIST_CUT_TOO_DEEP@网拍 Art. 26']);
    expect(deep.body.error.details.violations[0].figures).to.include({ previousStartingPrice: '700000.00', minimum: '560000.00' });
    const soon = now + 10 * DAY;
    expect(violationsOf(await relist({ biddingStartsAt: new Date(soon).toISOString(), biddingEndsAt: new Date(soon + 24 * HOUR).toISOString() }))).to.deep.equal([
      'NOTICE_TOO_SHORT@网拍 Art. 26',
    ]);
    const late = new Date(new Date((await f.view(first)).relistDeadline!).getTime() + HOUR).getTime();
    expect(violationsOf(await relist({ biddingStartsAt: new Date(late).toISOString(), biddingEndsAt: new Date(late + 24 * HOUR).toISOString() }))).to.deep.equal([
      'RELIST_TOO_LATE@网拍 Art. 26',
    ]);
    expect(await snapshot()).to.deep.equal(before);

    const ok = await relist({});
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
    second = ok.body.id;
    expect(ok.body).to.include({ status: 'draft', round: 2, previousAuctionId: first, startingPrice: '560000.00', title: '北京市朝阳区某小区1号楼101室' });
    expect(ok.body.referencePrice.amount).to.equal('1000000.00');
    expect(ok.body.panel.members).to.have.length(3);
    expect((await f.view(first)).relistedAs).to.equal(second);

    const twice = await relist({});
    expect(twice.status).to.equal(409);
    expect(twice.body.error.code).to.equal('AUCTION_EXISTS');
  });

  it('when the relisting fails too, then no third auction: the judge orders a fixed-price sale at its starting price for 60 days', async () => {
    await f.approve(second);
    const view = await f.view(second);
    expect(await f.at(HOUR)).to.deep.include({ announced: 1 });
    await f.at(new Date(view.biddingStartsAt).getTime() - f.clock.nowMs());
    expect((await f.view(second)).status).to.equal('live');
    expect(await f.at(24 * HOUR)).to.deep.include({ closed: 1 });
    expect((await f.view(second)).status).to.equal('unsold');

    const third = await f.act(second, 'relist', { startingPrice: '500000.00', deposit: '50000.00', increment: '5000.00', announcementAt: new Date(f.clock.nowMs() + HOUR).toISOString(), biddingStartsAt: new Date(f.clock.nowMs() + 20 * DAY).toISOString(), biddingEndsAt: new Date(f.clock.nowMs() + 21 * DAY).toISOString() });
    expect(third.status).to.equal(409);
    expect(third.body.error.code).to.equal('RELIST_NOT_ALLOWED');
    const onFirst = await f.act(first, 'fixed-price-sale', {});
    expect(violationsOf(onFirst)).to.deep.equal(['FIXED_PRICE_SALE_NOT_ALLOWED@网拍 Art. 26']);
    const byClerk = await f.act(second, 'fixed-price-sale', {}, f.zhao);
    expect(byClerk.status).to.equal(403);

    const sale = await f.act(second, 'fixed-price-sale', {});
    expect(sale.status, JSON.stringify(sale.body)).to.equal(200);
    expect(sale.body.status).to.equal('fixed_price_sale');
    expect(sale.body.fixedPriceSale.price).to.equal('560000.00');
    expect(new Date(sale.body.fixedPriceSale.endsAt).getTime() - new Date(sale.body.fixedPriceSale.startsAt).getTime()).to.equal(60 * DAY);
    const again = await f.act(second, 'fixed-price-sale', {});
    expect(violationsOf(again)).to.deep.equal(['FIXED_PRICE_SALE_NOT_ALLOWED@网拍 Art. 26']);

    const page = await request(f.t.url).get(`/api/public/auctions/${second}`);
    expect(page.status).to.equal(200);
    expect(page.body.status).to.equal('fixed_price_sale');
    expect(page.body.fixedPriceSale.price).to.equal('560000.00');
  });

  it('when the 60 days pass with nobody paying, then the fixed-price sale ends, once', async () => {
    expect(await f.at(60 * DAY - 60_000)).to.deep.include({ fixedPriceEnded: 0 });
    expect(await f.at(60_000)).to.deep.include({ fixedPriceEnded: 1 });
    const before = await snapshot();
    expect(await f.jobs()).to.deep.equal({ announced: 0, live: 0, closed: 0, fixedPriceEnded: 0 });
    expect(await snapshot()).to.deep.equal(before);
    expect((await f.view(second)).status).to.equal('fixed_price_unsold');
    expect((await actions(second)).filter((a) => a.startsWith('auction.fixed_price'))).to.deep.equal(['auction.fixed_price_sale_started', 'auction.fixed_price_unsold']);
  });

  it('the court\'s list shows both rounds, and filters by state and case', async () => {
    const all = await request(f.t.url).get('/api/auctions').set(bearer(f.zhao.token));
    expect(all.status).to.equal(200);
    expect(all.body.items.map((a: { id: string }) => a.id)).to.include.members([first, second]);
    const unsold = await request(f.t.url).get('/api/auctions?status=unsold').set(bearer(f.zhao.token));
    expect(unsold.body.items.map((a: { id: string }) => a.id)).to.deep.equal([first]);
  });
});
