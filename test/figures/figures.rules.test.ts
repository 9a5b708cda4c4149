import { expect } from 'chai';
import {
  caseFigures,
  CSV_HEADER,
  figuresCsv,
  measureFigures,
  monthlySeries,
  monthsOf,
  periodOf,
  rate,
  saleFigures,
  sumIn,
  type AuctionOutcome,
  type StatusEvent,
} from '../../server/modules/figures/figures.rules';
import type { FiguresView } from '../../shared/schemas/figures';

/** An instant on a China calendar day (noon in Beijing). */
const on = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

describe('quality figures rules (执行质效)', () => {
  const year = periodOf(on('2026-06-15'), '2026-01-01', '2026-06-30');

  describe('the period', () => {
    it('when no dates are given, then it runs from 1 January of this year (China) to today, in whole China days', () => {
      // 31 Dec 2025 20:00 UTC is already 1 Jan 2026 in Beijing.
      const p = periodOf(new Date('2025-12-31T20:00:00Z'));
      expect(p).to.deep.include({ from: '2026-01-01', to: '2026-01-01' });
      expect(p.start.toISOString()).to.equal('2025-12-31T16:00:00.000Z');
      expect(p.end.toISOString()).to.equal('2026-01-01T16:00:00.000Z');
    });

    it('when only one end is given, then the other is taken in the same year', () => {
      expect(periodOf(on('2026-06-15'), undefined, '2025-03-31')).to.deep.include({ from: '2025-01-01', to: '2025-03-31' });
      expect(periodOf(on('2026-06-15'), '2025-10-01')).to.deep.include({ from: '2025-10-01', to: '2025-12-31' });
      expect(periodOf(on('2026-06-15'), '2026-02-01')).to.deep.include({ from: '2026-02-01', to: '2026-06-15' });
    });

    it('when a period spans a year end, then its months are listed in order', () => {
      expect(monthsOf(periodOf(on('2026-06-15'), '2025-11-20', '2026-02-03'))).to.deep.equal(['2025-11', '2025-12', '2026-01', '2026-02']);
    });
  });

  describe('rates', () => {
    it('when the denominator is 0, then the rate is null (shown as —), not 0 or NaN', () => {
      expect(rate(0, 0)).to.equal(null);
      expect(rate(3, 0)).to.equal(null);
    });

    it('when a rate does not divide evenly, then it is a percentage rounded half-up to 2 decimals', () => {
      expect(rate(2, 3)).to.equal('66.67');
      expect(rate(1, 3)).to.equal('33.33');
      expect(rate(1, 8)).to.equal('12.50');
      expect(rate(5, 5)).to.equal('100.00');
    });
  });

  describe('cases', () => {
    const cases = [
      { id: 'old-open', filedAt: on('2025-10-01') },
      { id: 'old-closed', filedAt: on('2025-09-01') },
      { id: 'old-restored', filedAt: on('2025-08-01') },
      { id: 'new-satisfied', filedAt: on('2026-01-10') },
      { id: 'new-terminated', filedAt: on('2026-02-01') },
      { id: 'new-open', filedAt: on('2026-03-05') },
      { id: 'after', filedAt: on('2026-07-02') },
    ];
    const events: StatusEvent[] = [
      { caseId: 'old-closed', at: on('2025-12-01'), kind: 'satisfied' },
      { caseId: 'old-restored', at: on('2025-11-01'), kind: 'terminated' },
      { caseId: 'old-restored', at: on('2025-12-15'), kind: 'restored' },
      { caseId: 'old-open', at: on('2026-03-11'), kind: 'satisfied' },
      { caseId: 'new-satisfied', at: on('2026-01-30'), kind: 'satisfied' },
      { caseId: 'new-terminated', at: on('2026-05-11'), kind: 'terminated' },
      // Closed after the period: still pending in it.
      { caseId: 'new-open', at: on('2026-07-01'), kind: 'satisfied' },
    ];

    it('when cases were filed before and in the period, then pending at start, received, closed and the rates follow', () => {
      const f = caseFigures(cases, events, year);
      // Pending at start: old-open and old-restored (restored before the start); old-closed was closed before it.
      expect(f).to.deep.include({ pendingAtStart: 2, received: 3, restored: 0, closed: 3, satisfied: 2, terminated: 1 });
      expect(f.closureRate).to.equal('60.00'); // 3 ÷ (2 + 3)
      expect(f.actualEnforcementRate).to.equal('66.67'); // 2 ÷ 3
      // Days to close: old-open 161, new-satisfied 20, new-terminated 99 → 280 ÷ 3 = 93.33…
      expect(f.averageDaysToClose).to.equal('93.3');
      expect(f.byMonth.get('2026-01')).to.deep.equal({ received: 1, closed: 1 });
      expect(f.byMonth.get('2026-03')).to.deep.equal({ received: 1, closed: 1 });
      expect(f.byMonth.get('2026-05')).to.deep.equal({ received: 0, closed: 1 });
      expect(f.byMonth.has('2026-07')).to.equal(false);
    });

    it('when a case is terminated, restored and terminated again in the period, then it counts once as closed and the restoration joins the denominator', () => {
      const f = caseFigures(
        [{ id: 'x', filedAt: on('2025-05-01') }],
        [
          { caseId: 'x', at: on('2025-12-01'), kind: 'terminated' },
          { caseId: 'x', at: on('2026-02-01'), kind: 'restored' },
          { caseId: 'x', at: on('2026-04-01'), kind: 'terminated' },
        ],
        year,
      );
      expect(f).to.deep.include({ pendingAtStart: 0, received: 0, restored: 1, closed: 1, terminated: 1, satisfied: 0 });
      expect(f.closureRate).to.equal('100.00');
      expect(f.actualEnforcementRate).to.equal('0.00');
    });

    it('when nothing was filed or closed, then the counts are 0 and every rate and the average are null', () => {
      const f = caseFigures([], [], year);
      expect(f).to.deep.include({ pendingAtStart: 0, received: 0, closed: 0, closureRate: null, actualEnforcementRate: null, averageDaysToClose: null });
    });

    it('when a case is filed at 00:30 in Beijing on 1 January (the previous day in UTC), then it is received in the period', () => {
      const f = caseFigures([{ id: 'y', filedAt: new Date('2025-12-31T16:30:00Z') }], [], year);
      expect(f.received).to.equal(1);
      expect(f.pendingAtStart).to.equal(0);
    });
  });

  describe('sales', () => {
    const sold = (startingPrice: string, price: string, at = on('2026-03-01'), status: 'paid' | 'reneged' | 'awaiting_balance' = 'paid'): AuctionOutcome => ({
      startingPrice,
      biddingEndedAt: at,
      sale: { kind: 'auction', price, status, at },
    });

    it('when auctions ended sold, unsold and reneged, and one fixed-price sale was made, then the sale rate, online share and premium follow, in Decimal', () => {
      const outcomes: AuctionOutcome[] = [
        sold('700000.00', '805000.00'), // +15 %
        sold('100000.00', '100000.00'), // +0 %
        sold('300000.00', '300100.00'), // +0.0333… %
        sold('200000.00', '260000.00', on('2026-03-01'), 'reneged'),
        { startingPrice: '500000.00', biddingEndedAt: on('2026-02-01'), sale: null },
        // Round 2 that went unsold in 2025, then sold at the fixed price in the period.
        { startingPrice: '400000.00', biddingEndedAt: on('2025-12-01'), sale: { kind: 'fixed_price', price: '400000.00', status: 'paid', at: on('2026-01-20') } },
        // Still live: not ended.
        { startingPrice: '100000.00', biddingEndedAt: null, sale: null },
      ];
      const s = saleFigures(outcomes, year);
      expect(s).to.deep.include({ auctionsEnded: 5, auctionsSold: 3, fixedPriceSold: 1 });
      expect(s.saleRate).to.equal('60.00');
      expect(s.onlineShare).to.equal('75.00');
      // (15 + 0 + 0.0333…) ÷ 3 = 5.0111… %: binary floating point would drift, Decimal does not.
      expect(s.premiumRate).to.equal('5.01');
      expect(s.salesAmount).to.equal('1605100.00');
    });

    it('when a premium is a repeating fraction, then it is computed exactly and rounded half-up', () => {
      expect(saleFigures([sold('0.03', '0.04')], year).premiumRate).to.equal('33.33');
      expect(saleFigures([sold('3.00', '3.10'), sold('3.00', '3.00')], year).premiumRate).to.equal('1.67');
    });

    it('when no auction ended and nothing sold, then the rates and premium are null and the amount 0.00', () => {
      const s = saleFigures([], year);
      expect(s).to.deep.equal({ auctionsEnded: 0, auctionsSold: 0, fixedPriceSold: 0, saleRate: null, onlineShare: null, premiumRate: null, salesAmount: '0.00' });
    });
  });

  describe('money and measures', () => {
    it('when amounts fall inside and outside the period, then only those inside are summed, exactly', () => {
      const rows = [
        { at: on('2026-01-01', 0), amount: '0.10' },
        { at: on('2026-06-30', 23), amount: '0.20' },
        { at: on('2026-07-01', 0), amount: '1000.00' },
        { at: on('2025-12-31', 23), amount: '1000.00' },
      ];
      expect(sumIn(rows, year)).to.equal('0.30');
      expect(sumIn([], year)).to.equal('0.00');
    });

    it('when measures were renewed before expiry, after it, or lapsed, then the renewal rate counts only the timely ones', () => {
      const m = measureFigures(
        [
          { at: on('2026-02-01'), previousExpiry: on('2026-02-10') },
          { at: on('2026-03-01'), previousExpiry: on('2026-03-20') },
          { at: on('2026-04-02'), previousExpiry: on('2026-04-01') },
          { at: on('2025-12-01'), previousExpiry: on('2025-12-20') },
        ],
        [{ at: on('2026-05-01') }, { at: on('2026-07-05') }],
        year,
      );
      expect(m).to.deep.equal({ renewedOnTime: 2, renewedLate: 1, lapsed: 1, renewalRate: '50.00' });
      expect(measureFigures([], [], year).renewalRate).to.equal(null);
    });

    it('when money is recovered in several months, then the monthly series sums it per China month', () => {
      const byMonth = new Map([['2026-01', { received: 2, closed: 1 }]]);
      const series = monthlySeries(
        byMonth,
        [
          { at: new Date('2026-01-31T17:00:00Z'), amount: '50.00' }, // 1 Feb in Beijing
          { at: on('2026-01-15'), amount: '10.50' },
          { at: on('2026-01-16'), amount: '0.25' },
        ],
        year,
      );
      expect(series).to.have.length(6);
      expect(series[0]).to.deep.equal({ month: '2026-01', received: 2, closed: 1, recovered: '10.75' });
      expect(series[1]).to.deep.equal({ month: '2026-02', received: 0, closed: 0, recovered: '50.00' });
    });
  });

  describe('CSV', () => {
    const view: FiguresView = {
      courtId: null,
      courtName: '北京市朝阳区人民法院',
      from: '2026-01-01',
      to: '2026-06-30',
      cases: { pendingAtStart: 2, received: 3, restored: 0, closed: 0, satisfied: 0, terminated: 0, closureRate: '0.00', actualEnforcementRate: null, averageDaysToClose: null },
      sales: { auctionsEnded: 1, auctionsSold: 1, fixedPriceSold: 0, saleRate: '100.00', onlineShare: '100.00', premiumRate: '-2.50', salesAmount: '1,0' as string },
      money: { frozen: '0.00', deducted: '0.00', recovered: '0.00' },
      measures: { renewedOnTime: 0, renewedLate: 0, lapsed: 0, renewalRate: null },
      months: [{ month: '2026-01', received: 3, closed: 0, recovered: '0.00' }],
    };

    it('when exported, then it starts with a BOM and a header in Chinese and English, uses CRLF, leaves null rates empty and quotes what needs it', () => {
      const csv = figuresCsv(view);
      expect(csv.charCodeAt(0)).to.equal(0xfeff);
      const lines = csv.slice(1).split('\r\n');
      expect(lines.at(-1)).to.equal('');
      expect(lines[0]).to.equal(CSV_HEADER.join(','));
      expect(lines[0]).to.match(/指标/).and.match(/Figure/);
      const row = (code: string) => lines.find((l) => l.split(',')[2] === code)!;
      expect(row('cases.received')).to.equal('北京市朝阳区人民法院,2026-01-01~2026-06-30,cases.received,新收案件,Received,3');
      expect(row('cases.actualEnforcementRate').endsWith(',')).to.equal(true);
      // A negative number stays a number; a comma is quoted.
      expect(row('sales.premiumRate').endsWith(',-2.50')).to.equal(true);
      expect(lines.some((l) => l.endsWith(',"1,0"'))).to.equal(true);
      expect(lines.filter((l) => l.startsWith('北京市朝阳区人民法院,2026-01,'))).to.have.length(3);
    });

    it('when a text field looks like a formula, then it is defused for the spreadsheet', () => {
      const csv = figuresCsv({ ...view, courtName: '=HYPERLINK("x")' });
      expect(csv).to.include(`"'=HYPERLINK(""x"")"`);
    });
  });
});
