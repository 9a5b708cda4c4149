import { expect } from 'chai';
import fc from 'fast-check';
import { chinaDay } from '../../shared/auction-rules';
import { add, compareMoney, formatMoney } from '../../shared/money';
import { allocateForfeiture, balanceDueAt, newBidderCode, publishedIdNumber, refundDueBy, registrationOpen, resaleShortfall } from '../../server/modules/auctions/bidding.rules';

const fen = (n: bigint) => formatMoney((Number(n) / 100).toFixed(2));
const moneyArb = (max = 99_999_999_99n) => fc.bigInt({ min: 0n, max }).map(fen);
const dateArb = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true });

describe('bidding rules (pure)', () => {
  describe('allocateForfeiture (网拍 Art. 24)', () => {
    it('the parts add up to the deposit, none is negative, and each is paid in full before the next gets anything', () => {
      fc.assert(
        fc.property(moneyArb(), moneyArb(), moneyArb(), (deposit, costs, shortfall) => {
          const parts = allocateForfeiture(deposit, { costs, shortfall });
          expect(formatMoney(add(parts.costs, parts.shortfall, parts.debts))).to.equal(deposit);
          for (const v of Object.values(parts)) expect(compareMoney(v, '0')).to.be.at.least(0);
          expect(compareMoney(parts.costs, costs)).to.be.at.most(0);
          expect(compareMoney(parts.shortfall, shortfall)).to.be.at.most(0);
          if (compareMoney(parts.shortfall, '0') > 0) expect(parts.costs).to.equal(costs);
          if (compareMoney(parts.debts, '0') > 0) {
            expect(parts.costs).to.equal(costs);
            expect(parts.shortfall).to.equal(shortfall);
          }
        }),
      );
    });

    it('examples: costs first, then the shortfall, then the debts', () => {
      expect(allocateForfeiture('70000.00', { costs: '3000.00', shortfall: '50000.00' })).to.deep.equal({ costs: '3000.00', shortfall: '50000.00', debts: '17000.00' });
      expect(allocateForfeiture('70000.00', { costs: '3000.00', shortfall: '90000.00' })).to.deep.equal({ costs: '3000.00', shortfall: '67000.00', debts: '0.00' });
      expect(allocateForfeiture('70000.00', { costs: '80000.00', shortfall: '1.00' })).to.deep.equal({ costs: '70000.00', shortfall: '0.00', debts: '0.00' });
      expect(() => allocateForfeiture('1.00', { costs: '-1', shortfall: '0' })).to.throw(RangeError);
    });
  });

  it('resaleShortfall (拍变 Art. 22) is the first price less the resale price, never below zero', () => {
    fc.assert(
      fc.property(moneyArb(), moneyArb(), (a, b) => {
        const s = resaleShortfall(a, b);
        expect(s.isNegative()).to.equal(false);
        if (compareMoney(a, b) >= 0) expect(formatMoney(add(s, b))).to.equal(a);
        else expect(s.isZero()).to.equal(true);
      }),
    );
  });

  it('newBidderCode (网拍 Art. 18, 19): six unambiguous characters, or P<rank>- and four for a priority holder', () => {
    fc.assert(
      fc.property(fc.infiniteStream(fc.nat()), fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }), (stream, rank) => {
        const it = stream[Symbol.iterator]();
        const code = newBidderCode((n) => it.next().value % n, rank);
        if (rank === null) expect(code).to.match(/^[A-HJ-NP-Z2-9]{6}$/);
        else expect(code).to.match(new RegExp(`^P${rank}-[A-HJ-NP-Z2-9]{4}$`));
      }),
    );
  });

  it('balanceDueAt (网拍 Art. 25) is the end of the last day of the period, on the China calendar', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 10, max: 30 }), (ended, days) => {
        const due = balanceDueAt(ended, days);
        expect(chinaDay(new Date(due.getTime() - 1)) - chinaDay(ended)).to.equal(days);
        expect(chinaDay(due) - chinaDay(ended)).to.equal(days + 1);
      }),
    );
  });

  it('refundDueBy (网拍 Art. 23) is 24 hours after the end', () => {
    expect(refundDueBy(new Date('2026-12-27T08:00:00Z')).toISOString()).to.equal('2026-12-28T08:00:00.000Z');
  });

  it('registrationOpen (网拍 Art. 18): from the announcement until bidding ends, not while suspended', () => {
    const end = new Date('2026-12-27T08:00:00Z');
    expect(registrationOpen('announced', end, new Date('2027-01-01T00:00:00Z'))).to.equal(true);
    expect(registrationOpen('live', end, new Date(end.getTime() - 1))).to.equal(true);
    expect(registrationOpen('live', end, end)).to.equal(false);
    for (const s of ['draft', 'approved', 'suspended', 'sold', 'unsold', 'withdrawn', 'fixed_price_sale', 'reneged']) expect(registrationOpen(s, end, new Date(0))).to.equal(false);
  });

  it('publishedIdNumber: a resident ID with its middle hidden; a credit code in full', () => {
    expect(publishedIdNumber('person', '11010519491231002X')).to.equal('110105********002X');
    expect(publishedIdNumber('organisation', '91350100M000100Y43')).to.equal('91350100M000100Y43');
  });
});
