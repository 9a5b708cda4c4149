import { expect } from 'chai';
import fc from 'fast-check';
import { ASSET_KINDS, type AssetKind } from '../../shared/institution-protocol';
import { add, compareMoney, formatMoney, Money } from '../../shared/money';
import {
  addYears,
  available,
  canRenew,
  committedOf,
  daysLeft,
  defaultFreezeAmount,
  enforcementCosts,
  expiryFor,
  isPositiveMoney,
  maxExpiry,
  maxTermFor,
  measureKindFor,
  overSeizure,
  remindAt,
  seizureRoom,
  type CommittedMeasure,
} from '../../server/modules/measures/measure.rules';

const NOW = new Date('2026-11-25T08:00:00.000Z');
const DAY = 86_400_000;

/** A money string of 0.01 … 99,999,999.99. */
const moneyArb = fc.bigInt({ min: 1n, max: 9_999_999_999n }).map((fen) => formatMoney(new Money(fen.toString()).dividedBy(100)));
const kindArb = fc.constantFrom(...ASSET_KINDS);
const dateArb = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });

describe('measure rules', () => {
  describe('which measure and what term (民诉解释 485)', () => {
    it('freezes funds, securities and equity; seizes real estate and vehicles', () => {
      const kinds = Object.fromEntries(ASSET_KINDS.map((k) => [k, measureKindFor(k)]));
      expect(kinds).to.deep.equal({
        deposit: 'freeze',
        payment_balance: 'freeze',
        housing_fund: 'freeze',
        securities: 'freeze',
        equity: 'freeze',
        real_estate: 'seizure',
        vehicle: 'seizure',
      });
    });

    it('gives deposits (and payment and housing-fund balances) 1 year, vehicles 2, real estate, securities and equity 3', () => {
      const terms = Object.fromEntries(ASSET_KINDS.map((k) => [k, maxTermFor(k)]));
      expect(terms).to.deep.equal({ deposit: 1, payment_balance: 1, housing_fund: 1, vehicle: 2, real_estate: 3, securities: 3, equity: 3 });
      expect(maxExpiry('deposit', NOW).toISOString()).to.equal('2027-11-25T08:00:00.000Z');
      expect(maxExpiry('vehicle', NOW).toISOString()).to.equal('2028-11-25T08:00:00.000Z');
      expect(maxExpiry('real_estate', NOW).toISOString()).to.equal('2029-11-25T08:00:00.000Z');
    });

    it('when a term starts on 29 February, then it ends on 28 February, never a day beyond', () => {
      expect(addYears(new Date('2028-02-29T10:00:00Z'), 1).toISOString()).to.equal('2029-02-28T10:00:00.000Z');
      expect(addYears(new Date('2028-02-29T10:00:00Z'), 4).toISOString()).to.equal('2032-02-29T10:00:00.000Z');
    });

    it('when no expiry is requested, then the maximum; a shorter one is kept; a longer or past one is refused', () => {
      expect(expiryFor('deposit', NOW)).to.deep.equal({ ok: true, expiresAt: new Date('2027-11-25T08:00:00.000Z') });
      const shorter = new Date('2027-05-01T00:00:00Z');
      expect(expiryFor('deposit', NOW, shorter)).to.deep.equal({ ok: true, expiresAt: shorter });
      const longer = expiryFor('deposit', NOW, new Date('2027-11-25T08:00:00.001Z'));
      expect(longer.ok).to.equal(false);
      expect(!longer.ok && longer.code).to.equal('TERM_TOO_LONG');
      expect(!longer.ok && longer.maxUntil.toISOString()).to.equal('2027-11-25T08:00:00.000Z');
      const past = expiryFor('real_estate', NOW, new Date(NOW.getTime() - 1));
      expect(!past.ok && past.code).to.equal('TERM_NOT_FUTURE');
    });

    it('property: an accepted term never exceeds 485\'s maximum for its kind and always ends after it starts', () => {
      fc.assert(
        fc.property(kindArb, dateArb, fc.option(fc.integer({ min: -400 * DAY, max: 4 * 366 * DAY }), { nil: undefined }), (kind, from, offset) => {
          const requested = offset === undefined ? undefined : new Date(from.getTime() + offset);
          const term = expiryFor(kind, from, requested);
          if (!term.ok) return true;
          const years = term.expiresAt.getTime() - from.getTime();
          return term.expiresAt.getTime() > from.getTime() && term.expiresAt.getTime() <= maxExpiry(kind, from).getTime() && years <= maxTermFor(kind) * 366 * DAY;
        }),
      );
    });
  });

  describe('renewal (续行)', () => {
    const inForce = { status: 'in_force' as const, assetKind: 'deposit' as AssetKind, expiresAt: new Date(NOW.getTime() + 10 * DAY), pendingOrder: null };

    it('renews a measure in force or queued before expiry, up to the maximum term from now', () => {
      expect(canRenew(inForce, NOW, maxExpiry('deposit', NOW))).to.deep.equal({ ok: true });
      expect(canRenew({ ...inForce, status: 'queued' }, NOW, new Date(NOW.getTime() + 100 * DAY))).to.deep.equal({ ok: true });
    });

    it('refuses an ended, pending, busy or expired measure, a renewal beyond the maximum and one that does not extend', () => {
      const until = new Date(NOW.getTime() + 100 * DAY);
      expect(canRenew({ ...inForce, status: 'lapsed' }, NOW, until)).to.include({ ok: false, code: 'MEASURE_ENDED' });
      expect(canRenew({ ...inForce, status: 'released' }, NOW, until)).to.include({ ok: false, code: 'MEASURE_ENDED' });
      expect(canRenew({ ...inForce, status: 'pending' }, NOW, until)).to.include({ ok: false, code: 'MEASURE_BUSY' });
      expect(canRenew({ ...inForce, pendingOrder: 'release' }, NOW, until)).to.include({ ok: false, code: 'MEASURE_BUSY' });
      expect(canRenew({ ...inForce, expiresAt: NOW }, NOW, until)).to.include({ ok: false, code: 'MEASURE_EXPIRED' });
      expect(canRenew(inForce, NOW, new Date(maxExpiry('deposit', NOW).getTime() + 1))).to.include({ ok: false, code: 'TERM_TOO_LONG' });
      expect(canRenew(inForce, NOW, inForce.expiresAt)).to.include({ ok: false, code: 'TERM_NOT_FUTURE' });
    });

    it('property: an accepted renewal never ends later than the maximum term from the day it is ordered', () => {
      fc.assert(
        fc.property(kindArb, dateArb, fc.integer({ min: 1, max: 3 * 366 * DAY }), fc.integer({ min: 1, max: 5 * 366 * DAY }), (kind, now, left, ext) => {
          const measure = { status: 'in_force' as const, assetKind: kind, expiresAt: new Date(now.getTime() + left), pendingOrder: null };
          const until = new Date(measure.expiresAt.getTime() + ext);
          const check = canRenew(measure, now, until);
          return !check.ok || until.getTime() <= maxExpiry(kind, now).getTime();
        }),
      );
    });
  });

  describe('enforcement costs (诉讼费用交纳办法 14)', () => {
    it('charges 50 yuan up to 10,000, then the cumulative brackets', () => {
      const cases: [string, string][] = [
        ['0.01', '50.00'],
        ['10000.00', '50.00'],
        ['10000.01', '50.00'], // 0.01 × 1.5 % rounds to 0
        ['20000.00', '200.00'],
        ['386500.00', '5697.50'],
        ['500000.00', '7400.00'],
        ['1250000.00', '14900.00'],
        ['5000000.00', '52400.00'],
        ['10000000.00', '77400.00'],
        ['12000000.00', '79400.00'],
      ];
      for (const [claim, fee] of cases) expect(formatMoney(enforcementCosts(claim)), claim).to.equal(fee);
    });

    it('property: the fee never falls as the claim grows', () => {
      fc.assert(fc.property(moneyArb, moneyArb, (a, b) => {
        const [lo, hi] = compareMoney(a, b) <= 0 ? [a, b] : [b, a];
        return compareMoney(enforcementCosts(lo), enforcementCosts(hi)) <= 0;
      }));
    });
  });

  describe('no over-seizure (查扣冻 19)', () => {
    it('admits up to outstanding + costs and refuses beyond, with the figures', () => {
      expect(overSeizure({ outstanding: '1000.00', costs: '50.00', committed: '500.00', requested: '550.00' })).to.equal(null);
      expect(overSeizure({ outstanding: '1000.00', costs: '50.00', committed: '500.00', requested: '550.01' })).to.deep.equal({
        outstanding: '1000.00',
        costs: '50.00',
        limit: '1050.00',
        committed: '500.00',
        requested: '550.01',
        excess: '0.01',
      });
    });

    it('counts in-force freezes at what was frozen less deducted, pending and queued ones at what was asked, seizures at their value, ended ones not at all', () => {
      const m = (over: Partial<CommittedMeasure>): CommittedMeasure => ({ kind: 'freeze', status: 'in_force', requestedAmount: null, frozenAmount: null, deductedAmount: '0.00', ...over });
      const committed = committedOf([
        m({ requestedAmount: '1000.00', frozenAmount: '800.00', deductedAmount: '300.00' }), // 500
        m({ status: 'pending', requestedAmount: '200.00' }), // 200
        m({ status: 'queued', requestedAmount: '50.00' }), // 50
        m({ kind: 'seizure', status: 'in_force', requestedAmount: '3000.00' }), // 3000
        m({ kind: 'seizure', status: 'pending', requestedAmount: null }), // value unknown: 0
        m({ status: 'released', requestedAmount: '9999.00', frozenAmount: '9999.00' }),
        m({ status: 'lapsed', requestedAmount: '9999.00', frozenAmount: '9999.00' }),
        m({ status: 'rejected', requestedAmount: '9999.00' }),
        m({ status: 'exhausted', requestedAmount: '9999.00', frozenAmount: '9999.00', deductedAmount: '9999.00' }),
      ]);
      expect(formatMoney(committed)).to.equal('3750.00');
    });

    it('defaults a freeze to the balance capped by the room left; nothing when there is no balance or no room', () => {
      expect(formatMoney(defaultFreezeAmount('5000.00', new Money('1200.50'))!)).to.equal('1200.50');
      expect(formatMoney(defaultFreezeAmount('800.00', new Money('1200.50'))!)).to.equal('800.00');
      expect(defaultFreezeAmount('0.00', new Money('1200.50'))).to.equal(null);
      expect(defaultFreezeAmount(null, new Money('1200.50'))).to.equal(null);
      expect(defaultFreezeAmount('800.00', new Money(0))).to.equal(null);
      expect(formatMoney(seizureRoom({ outstanding: '100', costs: '50', committed: '500' }))).to.equal('0.00');
    });

    it('property: whatever orders arrive, the total bound never exceeds the limit when only admitted ones are kept', () => {
      fc.assert(
        fc.property(moneyArb, fc.array(fc.tuple(moneyArb, fc.boolean()), { maxLength: 25 }), (outstanding, orders) => {
          const costs = enforcementCosts(outstanding);
          const limit = add(outstanding, costs);
          let committed = new Money(0);
          for (const [asked, byDefault] of orders) {
            // Either the judge's amount, or the default the use case would take (balance capped by the room).
            const requested = byDefault ? defaultFreezeAmount(asked, seizureRoom({ outstanding, costs, committed })) : new Money(asked);
            if (requested === null) continue;
            if (overSeizure({ outstanding, costs, committed, requested }) === null) committed = committed.plus(requested);
          }
          return compareMoney(committed, limit) <= 0;
        }),
      );
    });

    it('property: a refusal reports excess = committed + requested − limit > 0', () => {
      fc.assert(
        fc.property(moneyArb, moneyArb, moneyArb, (outstanding, committed, requested) => {
          const costs = enforcementCosts(outstanding);
          const over = overSeizure({ outstanding, costs, committed, requested });
          const total = add(committed, requested);
          if (over === null) return compareMoney(total, add(outstanding, costs)) <= 0;
          return compareMoney(over.excess, '0') > 0 && formatMoney(add(over.limit, over.excess)) === formatMoney(total);
        }),
      );
    });
  });

  describe('small helpers', () => {
    it('reminds N days ahead, counts days left, knows positive money and what a freeze still holds', () => {
      expect(remindAt(new Date('2027-11-25T08:00:00Z'), 7).toISOString()).to.equal('2027-11-18T08:00:00.000Z');
      expect(daysLeft(new Date(NOW.getTime() + 6.5 * DAY), NOW)).to.equal(7);
      expect(daysLeft(new Date(NOW.getTime() - DAY), NOW)).to.equal(0);
      for (const bad of ['0', '0.00', '-1.00', '1.234', '1e5', 'abc', '', ' ']) expect(isPositiveMoney(bad), bad).to.equal(false);
      for (const good of ['0.01', '1', '1234.5', '1234.50']) expect(isPositiveMoney(good), good).to.equal(true);
      expect(isPositiveMoney(12)).to.equal(false);
      expect(formatMoney(available('800.00', '300.00'))).to.equal('500.00');
      expect(formatMoney(available(null, '0'))).to.equal('0.00');
    });
  });
});
