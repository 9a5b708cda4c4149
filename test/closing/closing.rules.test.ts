import { expect } from 'chai';
import { addCalendarMonths, filedLongEnough, missingConditions, recheckDueDates, terminationConditions, type TerminationFacts } from '../../server/modules/closing/closing.rules';

describe('closing rules (终本)', () => {
  const filedAt = new Date('2026-11-25T08:00:00.000Z');
  const all: TerminationFacts = { filedAt, now: new Date('2027-03-01T00:00:00.000Z'), debtors: 1, debtorsInquired: 1, restrictionInForce: true, interviews: 1 };

  it('when months are added, then they are calendar months on the China calendar, a missing day clamped to the month end', () => {
    expect(addCalendarMonths(filedAt, 3).toISOString()).to.equal('2027-02-25T08:00:00.000Z');
    // 30 Nov (China) + 3 months = 28 Feb 2027; + 15 months = 29 Feb 2028 (a leap year).
    const nov30 = new Date('2026-11-30T02:00:00.000Z');
    expect(addCalendarMonths(nov30, 3).toISOString()).to.equal('2027-02-28T02:00:00.000Z');
    expect(addCalendarMonths(nov30, 15).toISOString()).to.equal('2028-02-29T02:00:00.000Z');
    // 31 Jan 00:30 in Beijing is 30 Jan 16:30 UTC: the China day counts, so the month end is 28 Feb in Beijing.
    const jan31 = new Date('2027-01-30T16:30:00.000Z');
    expect(addCalendarMonths(jan31, 1).toISOString()).to.equal('2027-02-27T16:30:00.000Z');
  });

  it('when exactly 3 months have passed since filing, then it is not yet "more than 3 months"; a millisecond later it is (终本规定 1 (四))', () => {
    const boundary = addCalendarMonths(filedAt, 3);
    expect(filedLongEnough(filedAt, boundary)).to.equal(false);
    expect(filedLongEnough(filedAt, new Date(boundary.getTime() - 1))).to.equal(false);
    expect(filedLongEnough(filedAt, new Date(boundary.getTime() + 1))).to.equal(true);
  });

  it('when every condition holds, then nothing is missing; when none does, every one is listed with its rule', () => {
    expect(missingConditions(all)).to.deep.equal([]);
    const none = missingConditions({ filedAt, now: filedAt, debtors: 2, debtorsInquired: 1, restrictionInForce: false, interviews: 0 });
    expect(none.map((c) => c.code)).to.deep.equal(['FILED_OVER_3_MONTHS', 'ONLINE_INQUIRY_COMPLETED', 'CONSUMPTION_RESTRICTED', 'CREDITOR_INTERVIEWED']);
    for (const c of none) expect(c.rule).to.match(/终本规定/);
  });

  it('when one condition fails, then only that one is listed', () => {
    expect(missingConditions({ ...all, debtorsInquired: 0 }).map((c) => c.code)).to.deep.equal(['ONLINE_INQUIRY_COMPLETED']);
    expect(missingConditions({ ...all, restrictionInForce: false }).map((c) => c.code)).to.deep.equal(['CONSUMPTION_RESTRICTED']);
    expect(missingConditions({ ...all, interviews: 0 }).map((c) => c.code)).to.deep.equal(['CREDITOR_INTERVIEWED']);
    expect(missingConditions({ ...all, now: addCalendarMonths(filedAt, 3) }).map((c) => c.code)).to.deep.equal(['FILED_OVER_3_MONTHS']);
    expect(terminationConditions(all).every((c) => c.met)).to.equal(true);
  });

  it('when a case is terminated, then it is re-checked every 6 months for 5 years: 10 times (终本规定 9)', () => {
    const at = new Date('2027-03-01T02:00:00.000Z');
    const dates = recheckDueDates(at).map((d) => d.toISOString());
    expect(dates).to.have.length(10);
    expect(dates[0]).to.equal('2027-09-01T02:00:00.000Z');
    expect(dates[1]).to.equal('2028-03-01T02:00:00.000Z');
    expect(dates[9]).to.equal('2032-03-01T02:00:00.000Z');
  });
});
