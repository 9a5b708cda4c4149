import { expect } from 'chai';
import fc from 'fast-check';
import { Money } from '../../shared/money';
import {
  addMonths,
  appraisalDue,
  checkExtension,
  DAY_MS,
  drawFirms,
  evaluateOnlineInquiry,
  inForce,
  mayProceedOnReferencePrice,
  meanAfterObjections,
  meanOf,
  methodAvailable,
  nextMethod,
  objectionDeadline,
  objectionsAllowed,
  receivedAtFor,
  validityFor,
} from '../../server/modules/valuation/valuation.rules';

const T0 = new Date('2026-11-25T08:00:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const moneyArb = fc.bigInt({ min: 1n, max: 99_999_999_999n }).map((fen) => new Money(fen.toString()).dividedBy(100).toFixed(2));

describe('valuation rules (参考价)', () => {
  describe('the order of methods (参考价 4–7, 14)', () => {
    it('goes negotiated → directed → online → appraisal for real estate and vehicles, skipping what the asset does not allow', () => {
      expect(nextMethod(null, 'real_estate')).to.equal('negotiated');
      expect(nextMethod('negotiated', 'real_estate')).to.equal('directedInquiry');
      expect(nextMethod('directedInquiry', 'vehicle')).to.equal('onlineInquiry');
      expect(nextMethod('onlineInquiry', 'real_estate')).to.equal('appraisal');
      expect(nextMethod('appraisal', 'real_estate')).to.equal(null);
      expect(nextMethod('negotiated', 'securities')).to.equal('onlineInquiry');
      expect(nextMethod('negotiated', 'equity')).to.equal('appraisal');
      expect(methodAvailable('negotiated', 'deposit')).to.equal(false);
    });
    it('allows objections only to online inquiry and appraisal reports (参考价 24)', () => {
      expect(['negotiated', 'directedInquiry', 'onlineInquiry', 'appraisal'].map((m) => objectionsAllowed(m as never))).to.deep.equal([false, false, true, true]);
    });
  });

  describe('the mean (参考价 13)', () => {
    it('is the exact mean rounded half-up to the fen, between the smallest and largest result', () => {
      expect(meanOf(['1.00', '2.00'])).to.equal('1.50');
      expect(meanOf(['1.00', '1.00', '2.00'])).to.equal('1.33');
      expect(meanOf(['0.01', '0.02'])).to.equal('0.02');
      fc.assert(
        fc.property(fc.array(moneyArb, { minLength: 1, maxLength: 8 }), (amounts) => {
          const m = new Money(meanOf(amounts));
          const sorted = amounts.map((a) => new Money(a)).sort((a, b) => a.comparedTo(b));
          expect(m.greaterThanOrEqualTo(sorted[0]!) && m.lessThanOrEqualTo(sorted.at(-1)!)).to.equal(true);
          const exact = amounts.reduce((s, a) => s.plus(a), new Money(0)).dividedBy(amounts.length);
          expect(m.minus(exact).abs().lessThanOrEqualTo('0.005')).to.equal(true);
          expect(meanOf([...amounts].reverse())).to.equal(meanOf(amounts));
        }),
      );
    });
    it('after objections, is the mean of the results not dropped, or null when none is left', () => {
      expect(meanAfterObjections([{ amount: '100.00', dropped: true }, { amount: '300.00', dropped: false }])).to.equal('300.00');
      expect(meanAfterObjections([{ amount: '100.00', dropped: true }])).to.equal(null);
    });
  });

  describe('the online inquiry deadlines (参考价 11, 13)', () => {
    const answers = (hours: (number | null)[]) => hours.map((h, i) => ({ code: `P${i}`, issuedAt: h === null ? null : at(h), amount: `${100 * (i + 1)}.00` }));

    it('reports at once when all answered within 3 days; waits otherwise; counts only those in time', () => {
      expect(evaluateOnlineInquiry({ requestedAt: T0, answers: answers([5, 20, 40]), now: at(41) })).to.deep.include({ kind: 'reported', amount: '200.00', extended: false });
      expect(evaluateOnlineInquiry({ requestedAt: T0, answers: answers([5, 20, null]), now: at(41) })).to.deep.include({ kind: 'waiting', extended: false });
      expect(evaluateOnlineInquiry({ requestedAt: T0, answers: answers([5, 20, 100]), now: at(100) })).to.deep.include({ kind: 'reported', amount: '150.00', late: ['P2'], unanswered: [] });
      expect(evaluateOnlineInquiry({ requestedAt: T0, answers: answers([5, 20, null]), now: at(72) })).to.deep.include({ kind: 'reported', amount: '150.00', unanswered: ['P2'] });
    });
    it('extends all by 3 days once when none answered in time, then fails when none answered by then', () => {
      expect(evaluateOnlineInquiry({ requestedAt: T0, answers: answers([80, null, null]), now: at(73) })).to.deep.include({ kind: 'waiting', extended: true, deadline: at(144) });
      expect(evaluateOnlineInquiry({ requestedAt: T0, answers: answers([80, 90, null]), now: at(144) })).to.deep.include({ kind: 'reported', amount: '150.00', extended: true });
      expect(evaluateOnlineInquiry({ requestedAt: T0, answers: answers([150, null, null]), now: at(144) })).to.deep.include({ kind: 'failed', extended: true, late: ['P0'] });
    });
    it('never counts a result issued after the deadline that applied, and reports the mean of exactly those in time (property)', () => {
      fc.assert(
        fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 300 }), (hours, nowH) => {
          const list = answers(hours);
          const out = evaluateOnlineInquiry({ requestedAt: T0, answers: list.filter((a) => a.issuedAt === null || a.issuedAt <= at(nowH)).concat(list.filter((a) => a.issuedAt !== null && a.issuedAt > at(nowH)).map((a) => ({ ...a, issuedAt: null }))), now: at(nowH) });
          if (out.kind !== 'reported') return;
          const limit = out.extended ? 144 : 72;
          const counted = list.filter((a) => a.issuedAt !== null && a.issuedAt <= at(Math.min(limit, nowH)));
          expect(out.inTime).to.deep.equal(counted.map((a) => a.code));
          expect(out.amount).to.equal(meanOf(counted.map((a) => a.amount)));
          expect(out.extended, 'extended only when none answered in 3 days').to.equal(!list.some((a) => a.issuedAt !== null && a.issuedAt <= at(72) && a.issuedAt <= at(nowH)));
        }),
      );
    });
  });

  describe('validity (参考价 27)', () => {
    it('is at most 1 year from the fixing; a shorter one is kept; one past a year or before the fixing is refused', () => {
      expect(validityFor(T0)).to.deep.equal({ ok: true, validUntil: new Date('2027-11-25T08:00:00.000Z') });
      expect(validityFor(T0, at(24))).to.deep.equal({ ok: true, validUntil: at(24) });
      expect(validityFor(T0, new Date('2027-11-25T08:00:00.001Z')).ok).to.equal(false);
      expect(validityFor(T0, T0).ok).to.equal(false);
      expect(validityFor(new Date('2028-02-29T00:00:00Z'))).to.deep.include({ validUntil: new Date('2029-02-28T00:00:00Z') });
    });
    it('lets an auction first announced within validity go ahead up to 6 months after it, and no later (property)', () => {
      const price = { fixedAt: T0, validUntil: new Date('2027-11-25T08:00:00.000Z') };
      expect(mayProceedOnReferencePrice(price, new Date('2027-11-24T08:00:00Z'), new Date('2028-05-25T08:00:00Z'))).to.equal(true);
      expect(mayProceedOnReferencePrice(price, new Date('2027-11-24T08:00:00Z'), new Date('2028-05-25T08:00:01Z'))).to.equal(false);
      expect(mayProceedOnReferencePrice(price, new Date('2027-11-25T08:00:00Z'), new Date('2027-11-26T08:00:00Z'))).to.equal(false);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 400 }), (announceDay, saleAfter) => {
          const announced = new Date(T0.getTime() + announceDay * DAY_MS);
          const sale = new Date(announced.getTime() + saleAfter * DAY_MS);
          const ok = mayProceedOnReferencePrice(price, announced, sale);
          if (ok) {
            expect(inForce(price, announced)).to.equal(true);
            expect(sale.getTime()).to.be.at.most(addMonths(price.validUntil, 6).getTime());
          }
          if (!inForce(price, announced)) expect(ok).to.equal(false);
        }),
      );
    });
  });

  describe('delivery, objections and appraisal deadlines (参考价 19, 21, 22)', () => {
    it('gives 5 days from receipt; a public notice counts as received after 15 days', () => {
      expect(objectionDeadline(receivedAtFor(T0, 'direct'))).to.deep.equal(at(5 * 24));
      expect(objectionDeadline(receivedAtFor(T0, 'public_notice'))).to.deep.equal(at(20 * 24));
    });
    it('allows at most 2 extensions of at most 15 days, applied for 5 days before the deadline (property)', () => {
      expect(appraisalDue(T0, [])).to.deep.equal(at(30 * 24));
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 15 }), { maxLength: 2 }), fc.integer({ min: -5, max: 25 }), fc.integer({ min: 0, max: 70 }), (granted, days, nowDay) => {
          const extensions = granted.map((d) => ({ days: d, at: T0.toISOString() }));
          const result = checkExtension({ commissionedAt: T0, extensions, days, now: at(nowDay * 24) });
          const due = appraisalDue(T0, extensions);
          if (result.ok) {
            expect(extensions.length).to.be.below(2);
            expect(days).to.be.within(1, 15);
            expect(at(nowDay * 24).getTime()).to.be.at.most(due.getTime() - 5 * DAY_MS);
            expect(result.due.getTime()).to.equal(due.getTime() + days * DAY_MS);
          } else if (extensions.length >= 2) expect(result.code).to.equal('TOO_MANY');
        }),
      );
      expect(checkExtension({ commissionedAt: T0, extensions: [{ days: 15, at: '' }, { days: 15, at: '' }], days: 1, now: T0 })).to.deep.include({ ok: false, code: 'TOO_MANY' });
      expect(checkExtension({ commissionedAt: T0, extensions: [], days: 16, now: T0 })).to.deep.include({ ok: false, code: 'TOO_LONG' });
    });
  });

  describe('the lottery (参考价 16)', () => {
    it('is reproducible from the seed, independent of the pool\'s order, and draws 3 distinct firms of the pool (property)', () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 3, maxLength: 12 }), (seed, pool) => {
          const a = drawFirms(seed, pool);
          const b = drawFirms(seed, [...pool].reverse());
          expect(b).to.deep.equal(a);
          expect(new Set(a.draw).size).to.equal(3);
          for (const c of a.draw) expect(pool).to.include(c);
          expect(a.pool).to.deep.equal([...pool].sort());
        }),
      );
    });
    it('spreads the first place over the whole pool across seeds', () => {
      const pool = ['A', 'B', 'C', 'D', 'E', 'F'];
      const firsts = new Map<string, number>();
      for (let i = 0; i < 600; i++) {
        const first = drawFirms(`seed-${i}`, pool).draw[0]!;
        firsts.set(first, (firsts.get(first) ?? 0) + 1);
      }
      expect(firsts.size).to.equal(6);
      for (const n of firsts.values()) expect(n).to.be.within(60, 140);
    });
    it('refuses a pool smaller than 3', () => {
      expect(() => drawFirms('s', ['A', 'B'])).to.throw(RangeError);
    });
  });
});
