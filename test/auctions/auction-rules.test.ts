import { expect } from 'chai';
import fc from 'fast-check';
import {
  assetClassOf,
  calendarDaysBetween,
  checkAuctionSettings,
  checkBalanceDeadline,
  checkBiddingWindow,
  checkDeposit,
  checkDisclosures,
  checkFixedPriceSale,
  checkIncrement,
  checkPanelComposition,
  checkNotice,
  checkPriorityHolders,
  checkReferenceValidity,
  checkRelistPrice,
  checkRelistTiming,
  checkResume,
  checkStartingPrice,
  compareBids,
  DAY_MS,
  extendEnd,
  firstFullPayment,
  fixedPriceSaleTerms,
  HOUR_MS,
  leadingBid,
  nextMinimumBid,
  relistDeadline,
  resumeDeadline,
  saleDeadline,
  shiftSchedule,
  startingPriceFloor,
  type AuctionSettings,
  type Bid,
  type Disclosures,
  type SettingsContext,
} from '../../shared/auction-rules';
import { compareMoney, formatMoney, Money } from '../../shared/money';

const MINUTE = 60_000;
const NOW = new Date('2026-11-25T08:00:00.000Z');

/** Money as whole fen (so the exact figure of the law can be compared in integers), and its string. */
const fenArb = (max = 9_999_999_999n) => fc.bigInt({ min: 1n, max });
const yuan = (fen: bigint) => formatMoney(new Money(fen.toString()).dividedBy(100));
const dateArb = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true });

const DISCLOSURES: Disclosures = {
  basis: '（2026）京0105民初100号民事判决书',
  reportRef: '当事人议价结果',
  rules: '增价拍卖，最后5分钟内有出价的顺延5分钟',
  photos: ['https://img.example/1.jpg'],
  encumbrances: '无',
  priorityRights: '无已知优先购买权人',
  taxes: '契税、增值税等',
  taxBearer: 'by_law',
  courtAccount: '北京市朝阳区人民法院 0200 0000 0000 0000',
};

function validSettings(): { settings: AuctionSettings; context: SettingsContext } {
  const announcementAt = new Date('2026-11-26T01:00:00.000Z');
  const biddingStartsAt = new Date('2026-12-27T02:00:00.000Z');
  return {
    settings: {
      startingPrice: '700000.00',
      deposit: '70000.00',
      increment: '5000.00',
      announcementAt,
      biddingStartsAt,
      biddingEndsAt: new Date(biddingStartsAt.getTime() + 24 * HOUR_MS),
      balanceDueDays: 15,
      disclosures: { ...DISCLOSURES },
      priorityHolders: [],
    },
    context: { assetKind: 'real_estate', now: NOW, round: 1, reference: { amount: '1000000.00', validUntil: new Date('2027-11-25T08:00:00.000Z') } },
  };
}

describe('auction rules (网拍, 拍变, 参考价)', () => {
  describe('starting price ≥ 70 % of the reference price (网拍 Art. 10)', () => {
    it('when the starting price is at least 70 % of the reference, then it passes; below, it fails naming the minimum', () => {
      fc.assert(
        fc.property(fenArb(), fenArb(), (refFen, startFen) => {
          const result = checkStartingPrice(yuan(startFen), yuan(refFen));
          const lawful = startFen * 100n >= refFen * 70n;
          expect(result.ok).to.equal(lawful);
          if (!result.ok) {
            expect(result.violation.code).to.equal('STARTING_PRICE_TOO_LOW');
            expect(result.violation.article).to.equal('网拍 Art. 10');
            expect(result.violation.figures.minimum).to.equal(formatMoney(startingPriceFloor(yuan(refFen))));
            // The minimum named passes itself.
            expect(checkStartingPrice(result.violation.figures.minimum!, yuan(refFen)).ok).to.equal(true);
          }
        }),
      );
    });

    it('examples: 700,000.00 on 1,000,000.00 passes; 699,999.99 fails; 70 % of 0.01 rounds up to 0.01', () => {
      expect(checkStartingPrice('700000.00', '1000000.00').ok).to.equal(true);
      const low = checkStartingPrice('699999.99', '1000000.00');
      expect(low.ok).to.equal(false);
      if (!low.ok) expect(low.violation.message).to.contain('网拍第10条').and.contain('Art. 10');
      expect(formatMoney(startingPriceFloor('0.01'))).to.equal('0.01');
      expect(checkStartingPrice('0.00', '0.01').ok).to.equal(false);
    });
  });

  describe('deposit 5 %–20 % of the starting price (网拍 Art. 17)', () => {
    it('when the deposit lies within 5 %–20 % of the starting price, then it passes; outside, it fails', () => {
      fc.assert(
        fc.property(fenArb(), fenArb(), (startFen, depositFen) => {
          const result = checkDeposit(yuan(depositFen), yuan(startFen));
          const lawful = depositFen * 100n >= startFen * 5n && depositFen * 100n <= startFen * 20n;
          expect(result.ok).to.equal(lawful);
          if (!result.ok) expect(result.violation).to.include({ code: 'DEPOSIT_OUT_OF_RANGE', field: 'deposit', article: '网拍 Art. 17' });
        }),
      );
    });

    it('examples: on 100,000.00, 5,000.00 and 20,000.00 pass; 4,999.99 and 20,000.01 fail', () => {
      expect(checkDeposit('5000.00', '100000.00').ok).to.equal(true);
      expect(checkDeposit('20000.00', '100000.00').ok).to.equal(true);
      expect(checkDeposit('4999.99', '100000.00').ok).to.equal(false);
      const high = checkDeposit('20000.01', '100000.00');
      expect(high.ok).to.equal(false);
      if (!high.ok) expect(high.violation.figures).to.include({ minimum: '5000.00', maximum: '20000.00' });
    });
  });

  describe('increment set by the court (网拍 Art. 20): positive, at most 10 % of the starting price', () => {
    it('when the increment is positive and at most 10 % of the starting price, then it passes; otherwise it fails', () => {
      fc.assert(
        fc.property(fenArb(), fc.bigInt({ min: -1000n, max: 9_999_999_999n }), (startFen, incFen) => {
          const inc = incFen < 0n ? `-${yuan(-incFen)}` : incFen === 0n ? '0.00' : yuan(incFen);
          const result = checkIncrement(inc, yuan(startFen));
          expect(result.ok).to.equal(incFen > 0n && incFen * 100n <= startFen * 10n);
        }),
      );
    });

    it('a malformed amount is a violation with the field, never an exception', () => {
      const result = checkIncrement('12.345', '1000.00');
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.violation).to.include({ code: 'NOT_MONEY', field: 'increment' });
    });
  });

  describe('announcement ahead of bidding (网拍 Art. 12) and the bidding window (网拍 Art. 20)', () => {
    it('when bidding starts at least N whole days after the announcement, then it passes; with fewer than N − 1 days, it fails', () => {
      fc.assert(
        fc.property(dateArb, fc.integer({ min: 0, max: 60 * 24 * 60 }), fc.constantFrom('movable', 'immovable') as fc.Arbitrary<'movable' | 'immovable'>, fc.constantFrom(1, 2), (announce, gapMinutes, cls, round) => {
          const required = round > 1 ? (cls === 'movable' ? 7 : 15) : cls === 'movable' ? 15 : 30;
          const start = new Date(announce.getTime() + gapMinutes * MINUTE);
          const result = checkNotice(cls, round, announce, start);
          expect(result.ok).to.equal(calendarDaysBetween(announce, start) >= required);
          if (gapMinutes * MINUTE >= required * DAY_MS) expect(result.ok).to.equal(true);
          if (gapMinutes * MINUTE < (required - 1) * DAY_MS) {
            expect(result.ok).to.equal(false);
            if (!result.ok) expect(result.violation.article).to.equal(round > 1 ? '网拍 Art. 26' : '网拍 Art. 12');
          }
        }),
      );
    });

    it('examples: real estate announced on 1 December (CST) may be bid from 31 December, not 30 December; movables from 16 December', () => {
      const announce = new Date('2026-12-01T01:00:00.000Z'); // 09:00 CST, 1 December
      expect(checkNotice('immovable', 1, announce, new Date('2026-12-30T16:00:00.000Z')).ok).to.equal(true); // 00:00 CST 31 Dec
      expect(checkNotice('immovable', 1, announce, new Date('2026-12-30T15:59:59.000Z')).ok).to.equal(false);
      expect(checkNotice('movable', 1, announce, new Date('2026-12-15T16:00:00.000Z')).ok).to.equal(true);
      expect(checkNotice('movable', 1, announce, new Date('2026-12-15T15:00:00.000Z')).ok).to.equal(false);
      expect(assetClassOf('vehicle')).to.equal('movable');
      expect(assetClassOf('equity')).to.equal('immovable');
      expect(assetClassOf('deposit')).to.equal(null);
    });

    it('when bidding lasts at least 24 hours, then it passes; a millisecond less fails', () => {
      fc.assert(
        fc.property(dateArb, fc.integer({ min: 1, max: 72 * 60 * 60 }), (start, seconds) => {
          const end = new Date(start.getTime() + seconds * 1000);
          expect(checkBiddingWindow(start, end).ok).to.equal(seconds >= 24 * 3600);
        }),
      );
      const start = new Date('2026-12-31T02:00:00.000Z');
      expect(checkBiddingWindow(start, new Date(start.getTime() + 24 * HOUR_MS - 1)).ok).to.equal(false);
    });

    it('the balance deadline is 10–30 days after the sale (网拍 Art. 25)', () => {
      fc.assert(
        fc.property(fc.integer({ min: -100, max: 100 }), (days) => {
          expect(checkBalanceDeadline(days).ok).to.equal(days >= 10 && days <= 30);
        }),
      );
    });
  });

  describe('disclosures (网拍 Art. 13) and priority holders (网拍 Art. 19)', () => {
    it('when every item is present, then none is missing; each missing item is named with its clause', () => {
      expect(checkDisclosures(DISCLOSURES)).to.deep.equal([]);
      const missing = checkDisclosures({ ...DISCLOSURES, photos: [], taxes: '  ', courtAccount: undefined as never });
      expect(missing.map((v) => [v.field, v.article])).to.deep.equal([
        ['disclosures.photos', '网拍 Art. 13(5)'],
        ['disclosures.taxes', '网拍 Art. 13(9)'],
        ['disclosures.courtAccount', '网拍 Art. 13(8)'],
      ]);
      expect(checkDisclosures(undefined)).to.have.length(9);
    });

    it('ranks are whole numbers from 1, a holder is listed once', () => {
      expect(checkPriorityHolders([{ name: '王五', right: '共有人', rank: 1 }, { name: '赵六', right: '承租人', rank: 2 }])).to.deep.equal([]);
      const bad = checkPriorityHolders([{ name: '王五', right: '共有人', rank: 0 }, { name: '王五', right: '承租人', rank: 2 }]);
      expect(bad.map((v) => v.code)).to.deep.equal(['PRIORITY_RANK_INVALID', 'PRIORITY_HOLDER_DUPLICATE']);
    });
  });

  describe('the collegial panel (网拍 Art. 27, 法院组织法 Art. 30)', () => {
    it('is an odd number of at least three judges, each named once', () => {
      expect(checkPanelComposition(['a', 'b', 'c'])).to.deep.equal([]);
      expect(checkPanelComposition(['a', 'b', 'c', 'd', 'e'])).to.deep.equal([]);
      for (const panel of [[], ['a'], ['a', 'b'], ['a', 'b', 'c', 'd']]) {
        expect(checkPanelComposition(panel).map((v) => [v.code, v.figures.members]), panel.join()).to.deep.equal([['PANEL_INVALID', String(panel.length)]]);
      }
      // Three names, two judges: named twice, and too few.
      expect(checkPanelComposition(['a', 'b', 'a']).map((v) => v.message.split(' / ')[1])).to.deep.equal([
        'A panel member is named twice',
        'The collegial panel is an odd number of judges, at least three; 2 given (网拍 Art. 27; 法院组织法 Art. 30)',
      ]);
    });
  });

  describe('the reference price (参考价 Art. 27)', () => {
    it('when first announced within validity, the sale may go ahead up to 6 months after; announced after, refused', () => {
      fc.assert(
        fc.property(dateArb, fc.integer({ min: -400, max: 400 }), fc.integer({ min: -400, max: 400 }), (validUntil, announceDays, saleDays) => {
          const firstAnnouncementAt = new Date(validUntil.getTime() + announceDays * DAY_MS);
          const saleStartsAt = new Date(validUntil.getTime() + saleDays * DAY_MS);
          const codes = checkReferenceValidity({ validUntil, firstAnnouncementAt, saleStartsAt }).map((v) => v.code);
          expect(codes.includes('REFERENCE_PRICE_EXPIRED')).to.equal(announceDays > 0);
          expect(codes.includes('SALE_BEYOND_VALIDITY')).to.equal(saleStartsAt.getTime() > saleDeadline(validUntil).getTime());
          if (saleDays <= 180) expect(codes.includes('SALE_BEYOND_VALIDITY')).to.equal(false);
          if (saleDays > 184) expect(codes.includes('SALE_BEYOND_VALIDITY')).to.equal(true);
        }),
      );
      expect(saleDeadline(new Date('2027-08-31T08:00:00.000Z')).toISOString()).to.equal('2028-02-29T08:00:00.000Z');
    });
  });

  describe('the whole set of settings', () => {
    it('when the settings are lawful, then no violation; otherwise every violation is listed with its article and figure', () => {
      const { settings, context } = validSettings();
      expect(checkAuctionSettings(settings, context)).to.deep.equal([]);
      const bad = checkAuctionSettings(
        {
          ...settings,
          startingPrice: '600000.00',
          deposit: '1000.00',
          biddingStartsAt: new Date('2026-12-10T02:00:00.000Z'),
          biddingEndsAt: new Date('2026-12-10T20:00:00.000Z'),
          balanceDueDays: 60,
          disclosures: { ...DISCLOSURES, photos: [] },
        },
        context,
      );
      expect(bad.map((v) => `${v.code}@${v.article}`)).to.deep.equal([
        'STARTING_PRICE_TOO_LOW@网拍 Art. 10',
        'DEPOSIT_OUT_OF_RANGE@网拍 Art. 17',
        'NOTICE_TOO_SHORT@网拍 Art. 12',
        'BIDDING_TOO_SHORT@网拍 Art. 20',
        'BALANCE_DEADLINE_OUT_OF_RANGE@网拍 Art. 25',
        'DISCLOSURE_MISSING@网拍 Art. 13(5)',
      ]);
      expect(bad[0]!.figures).to.include({ startingPrice: '600000.00', referencePrice: '1000000.00', minimum: '700000.00' });
    });

    it('an announcement date in a past day is refused; earlier today is not (the job publishes at once)', () => {
      const { settings, context } = validSettings();
      expect(checkAuctionSettings({ ...settings, announcementAt: new Date('2026-11-25T01:00:00.000Z') }, context)).to.deep.equal([]);
      const past = checkAuctionSettings({ ...settings, announcementAt: new Date('2026-11-24T15:59:00.000Z') }, context);
      expect(past.map((v) => v.code)).to.deep.equal(['ANNOUNCEMENT_IN_PAST']);
    });

    it('funds are not auctioned', () => {
      const { settings, context } = validSettings();
      expect(checkAuctionSettings(settings, { ...context, assetKind: 'deposit' }).map((v) => v.code)).to.deep.equal(['ASSET_NOT_AUCTIONABLE']);
    });
  });

  describe('relisting after an unsold auction (网拍 Art. 26)', () => {
    it('when the new starting price is cut by at most 20 %, then it passes; by more, it fails', () => {
      fc.assert(
        fc.property(fenArb(), fenArb(), (prevFen, newFen) => {
          const result = checkRelistPrice(yuan(prevFen), yuan(newFen));
          expect(result.ok).to.equal(newFen * 100n >= prevFen * 80n);
          if (!result.ok) expect(result.violation).to.include({ code: 'RELIST_CUT_TOO_DEEP', article: '网拍 Art. 26' });
        }),
      );
      expect(checkRelistPrice('700000.00', '560000.00').ok).to.equal(true);
      expect(checkRelistPrice('700000.00', '559999.99').ok).to.equal(false);
    });

    it('when bidding of the relisting starts by the 30th day after the failure, then it passes; later, it fails', () => {
      fc.assert(
        fc.property(dateArb, fc.integer({ min: 0, max: 45 * 24 * 60 }), (unsoldAt, afterMinutes) => {
          const start = new Date(unsoldAt.getTime() + afterMinutes * MINUTE);
          const result = checkRelistTiming(unsoldAt, start, unsoldAt);
          expect(result.ok).to.equal(calendarDaysBetween(unsoldAt, start) <= 30);
          if (afterMinutes * MINUTE <= 29 * DAY_MS) expect(result.ok).to.equal(true);
          if (afterMinutes * MINUTE >= 31 * DAY_MS) expect(result.ok).to.equal(false);
        }),
      );
    });

    it('when the 30 days are over, then any relisting is refused, whatever dates are given', () => {
      const unsoldAt = new Date('2026-12-28T02:00:00.000Z');
      const late = new Date(relistDeadline(unsoldAt).getTime() + 1);
      const result = checkRelistTiming(unsoldAt, new Date('2027-01-01T00:00:00.000Z'), late);
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.violation).to.include({ code: 'RELIST_TOO_LATE', field: 'relist' });
    });

    it('round 2 is checked against the previous starting price, not 70 % of the reference, with 15 days\' notice for real estate', () => {
      const { settings, context } = validSettings();
      const previous = { startingPrice: '700000.00', endedAt: new Date('2026-12-28T02:00:00.000Z'), firstAnnouncedAt: new Date('2026-11-26T01:00:00.000Z') };
      const relist = {
        ...settings,
        startingPrice: '560000.00',
        deposit: '56000.00',
        increment: '5000.00',
        announcementAt: new Date('2026-12-29T01:00:00.000Z'),
        biddingStartsAt: new Date('2027-01-13T02:00:00.000Z'),
        biddingEndsAt: new Date('2027-01-14T02:00:00.000Z'),
      };
      const ctx2 = { ...context, now: new Date('2026-12-29T00:00:00.000Z'), round: 2, previous };
      expect(checkAuctionSettings(relist, ctx2)).to.deep.equal([]);
      expect(checkAuctionSettings({ ...relist, biddingStartsAt: new Date('2027-01-12T02:00:00.000Z') }, ctx2).map((v) => v.code)).to.deep.equal(['NOTICE_TOO_SHORT']);
    });
  });

  describe('the fixed-price sale after the second failure (网拍 Art. 26 para 2, 拍变)', () => {
    it('is at the second starting price for exactly 60 days, and only after an unsold second round', () => {
      fc.assert(
        fc.property(fenArb(), dateArb, (fen, start) => {
          const terms = fixedPriceSaleTerms(yuan(fen), start);
          expect(terms.price).to.equal(yuan(fen));
          expect(terms.endsAt.getTime() - terms.startsAt.getTime()).to.equal(60 * DAY_MS);
        }),
      );
      expect(checkFixedPriceSale({ round: 2, status: 'unsold' }).ok).to.equal(true);
      expect(checkFixedPriceSale({ round: 1, status: 'unsold' }).ok).to.equal(false);
      expect(checkFixedPriceSale({ round: 2, status: 'live' }).ok).to.equal(false);
    });

    it('the first buyer to pay the full price takes it', () => {
      const t = (m: number) => new Date(NOW.getTime() + m * MINUTE);
      const winner = firstFullPayment(
        [
          { buyerId: 'a', amount: '99.99', paidAt: t(1) },
          { buyerId: 'b', amount: '100.00', paidAt: t(3) },
          { buyerId: 'c', amount: '100.00', paidAt: t(2) },
        ],
        '100.00',
      );
      expect(winner?.buyerId).to.equal('c');
      expect(firstFullPayment([{ buyerId: 'a', amount: '1.00', paidAt: t(1) }], '100.00')).to.equal(null);
    });
  });

  describe('suspension and resumption (网拍 Art. 28)', () => {
    it('when resumed by the 5th day after the cause ended, then it passes; later, it fails', () => {
      fc.assert(
        fc.property(dateArb, fc.integer({ min: 0, max: 30 * 24 * 60 }), fc.integer({ min: 0, max: 10 * 24 * 60 }), (suspendedAt, causeMinutes, resumeMinutes) => {
          const causeEndedAt = new Date(suspendedAt.getTime() + causeMinutes * MINUTE);
          const now = new Date(causeEndedAt.getTime() + resumeMinutes * MINUTE);
          const result = checkResume({ suspendedAt, causeEndedAt, now });
          expect(result.ok).to.equal(now.getTime() < resumeDeadline(causeEndedAt).getTime());
          if (resumeMinutes * MINUTE <= 5 * DAY_MS) expect(result.ok).to.equal(true);
          if (resumeMinutes * MINUTE >= 6 * DAY_MS) expect(result.ok).to.equal(false);
        }),
      );
    });

    it('a cause that ended before the suspension or in the future is refused', () => {
      expect(checkResume({ suspendedAt: NOW, causeEndedAt: new Date(NOW.getTime() - 1), now: new Date(NOW.getTime() + DAY_MS) }).ok).to.equal(false);
      expect(checkResume({ suspendedAt: NOW, causeEndedAt: new Date(NOW.getTime() + 2 * DAY_MS), now: new Date(NOW.getTime() + DAY_MS) }).ok).to.equal(false);
    });

    it('the schedule still ahead moves by exactly the time suspended; what had passed stays; nothing moves earlier', () => {
      fc.assert(
        fc.property(dateArb, fc.integer({ min: -10 * 24 * 60, max: 10 * 24 * 60 }), fc.integer({ min: 1, max: 3 * 24 * 60 }), fc.integer({ min: 0, max: 20 * 24 * 60 }), (suspendedAt, startOffset, windowMinutes, pausedMinutes) => {
          const biddingStartsAt = new Date(suspendedAt.getTime() + startOffset * MINUTE);
          const biddingEndsAt = new Date(biddingStartsAt.getTime() + windowMinutes * MINUTE);
          const resumedAt = new Date(suspendedAt.getTime() + pausedMinutes * MINUTE);
          const s = shiftSchedule({ biddingStartsAt, biddingEndsAt, fixedPriceEndsAt: null }, suspendedAt, resumedAt);
          for (const [before, after] of [
            [biddingStartsAt, s.biddingStartsAt],
            [biddingEndsAt, s.biddingEndsAt],
          ] as const) {
            expect(after.getTime() >= before.getTime()).to.equal(true);
            expect(after.getTime() - before.getTime()).to.equal(before.getTime() >= suspendedAt.getTime() ? pausedMinutes * MINUTE : 0);
          }
        }),
      );
    });
  });

  describe('live bidding helpers (网拍 Art. 19–21)', () => {
    const bidArb: fc.Arbitrary<Bid> = fc.record({
      amount: fc.bigInt({ min: 1n, max: 2000n }).map((f) => yuan(f * 100n)),
      at: fc.integer({ min: 0, max: 10_000 }).map((s) => new Date(NOW.getTime() + s * 1000)),
      priorityRank: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    });

    it('a bid in the last 5 minutes moves the end to its time + 5 minutes; the end never moves earlier, over any run of bids', () => {
      fc.assert(
        fc.property(dateArb, fc.array(fc.integer({ min: -20 * 60, max: 10 * 60 }), { maxLength: 30 }), (endsAt, offsets) => {
          let end = endsAt;
          for (const offset of offsets) {
            const bidAt = new Date(end.getTime() + offset * 1000);
            const next = extendEnd(end, bidAt);
            expect(next.getTime()).to.be.at.least(end.getTime());
            if (offset <= 0 && offset >= -5 * 60) expect(next.getTime()).to.equal(Math.max(end.getTime(), bidAt.getTime() + 5 * MINUTE));
            else expect(next.getTime()).to.equal(end.getTime());
            end = next;
          }
        }),
      );
      const end = new Date('2026-12-31T02:00:00.000Z');
      expect(extendEnd(end, new Date(end.getTime() - 60_000)).toISOString()).to.equal('2026-12-31T02:04:00.000Z');
      expect(extendEnd(end, new Date(end.getTime() - 6 * MINUTE)).toISOString()).to.equal(end.toISOString());
    });

    it('the leading bid is the highest; at the same price a priority holder beats others, an earlier rank a later one, then the earlier bid', () => {
      fc.assert(
        fc.property(fc.array(bidArb, { minLength: 1, maxLength: 20 }), (bids) => {
          const lead = leadingBid(bids)!;
          for (const b of bids) {
            expect(compareMoney(lead.amount, b.amount)).to.be.at.least(0);
            expect(compareBids(lead, b)).to.be.at.most(0);
          }
        }),
      );
      const at = (s: number) => new Date(NOW.getTime() + s * 1000);
      const ordinary: Bid = { amount: '100.00', at: at(1), priorityRank: null };
      const rank2: Bid = { amount: '100.00', at: at(2), priorityRank: 2 };
      const rank1late: Bid = { amount: '100.00', at: at(4), priorityRank: 1 };
      const rank1early: Bid = { amount: '100.00', at: at(3), priorityRank: 1 };
      expect(leadingBid([ordinary, rank2])).to.equal(rank2);
      expect(leadingBid([ordinary, rank2, rank1late, rank1early])).to.equal(rank1early);
      expect(leadingBid([rank1early, { amount: '100.01', at: at(9), priorityRank: null }])?.amount).to.equal('100.01');
      expect(leadingBid([])).to.equal(null);
    });

    it('the next minimum bid: the starting price first, then the lead plus the increment; a holder who wins a tie may match', () => {
      const terms = { startingPrice: '1000.00', increment: '50.00' };
      expect(formatMoney(nextMinimumBid(terms, null))).to.equal('1000.00');
      expect(formatMoney(nextMinimumBid(terms, { amount: '1200.00', priorityRank: null }))).to.equal('1250.00');
      expect(formatMoney(nextMinimumBid(terms, { amount: '1200.00', priorityRank: null }, 1))).to.equal('1200.00');
      expect(formatMoney(nextMinimumBid(terms, { amount: '1200.00', priorityRank: 1 }, 2))).to.equal('1250.00');
      expect(formatMoney(nextMinimumBid(terms, { amount: '1200.00', priorityRank: 1 }, 1))).to.equal('1250.00');
      fc.assert(
        fc.property(bidArb, fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), (lead, rank) => {
          const min = nextMinimumBid(terms, lead, rank);
          // Whoever bids the minimum leads afterwards (a tie won by a holder, or a higher amount).
          const bid: Bid = { amount: formatMoney(min), at: new Date(lead.at.getTime() + 1000), priorityRank: rank };
          expect(leadingBid([lead, bid])).to.equal(bid);
        }),
      );
    });
  });
});
