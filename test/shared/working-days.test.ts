import { expect } from 'chai';
import { addWorkingDays, chinaDate, CHINA_HOLIDAYS, endOfChinaDay, isWorkingDay, overlayCalendar, workingDaysDeadline } from '../../shared/working-days';
import { correctionDueBy, removalDeadline } from '../../shared/credit';
import { maskId } from '../../shared/identity';

describe('working days (工作日) and the holiday calendar', () => {
  it('when a date is a plain weekend, then it is not a working day, and counting skips it', () => {
    expect(isWorkingDay('2026-11-28')).to.equal(false); // Saturday
    expect(isWorkingDay('2026-11-29')).to.equal(false); // Sunday
    expect(isWorkingDay('2026-11-27')).to.equal(true); // Friday
    expect(addWorkingDays('2026-11-27', 1)).to.equal('2026-11-30');
    expect(addWorkingDays('2026-11-27', 3)).to.equal('2026-12-02');
    expect(addWorkingDays('2026-11-25', 0)).to.equal('2026-11-25');
  });

  it('when a weekday is a public holiday, then it is not a working day (National Day 2026)', () => {
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) expect(isWorkingDay(d), d).to.equal(false);
    expect(isWorkingDay('2026-10-08')).to.equal(true);
  });

  it('when a Saturday or Sunday is a make-up working day (调休), then it counts', () => {
    expect(isWorkingDay('2026-02-14')).to.equal(true); // Saturday before the Spring Festival
    expect(isWorkingDay('2026-02-28')).to.equal(true);
    expect(isWorkingDay('2026-10-10')).to.equal(true); // Saturday after National Day
    expect(isWorkingDay('2026-09-20')).to.equal(true); // Sunday
    expect(addWorkingDays('2026-02-13', 1)).to.equal('2026-02-14');
  });

  it('when 3 working days are counted from the eve of National Day, then the holiday is skipped and the make-up Saturday counts', () => {
    // Wed 30 Sep; 1–7 Oct holiday; Thu 8 (1), Fri 9 (2), Sat 10 make-up (3).
    expect(addWorkingDays('2026-09-30', 3)).to.equal('2026-10-10');
    // Spring Festival: Fri 13 Feb; Sat 14 make-up (1), 15–23 holiday, Tue 24 (2), Wed 25 (3).
    expect(addWorkingDays('2026-02-13', 3)).to.equal('2026-02-25');
  });

  it('when an instant is late evening UTC, then its date is the next day in China, and deadlines end at midnight China time', () => {
    expect(chinaDate(new Date('2026-09-30T17:00:00Z'))).to.equal('2026-10-01');
    expect(endOfChinaDay('2026-10-10').toISOString()).to.equal('2026-10-10T15:59:59.999Z');
    expect(workingDaysDeadline(new Date('2026-09-30T02:00:00Z'), 3).toISOString()).to.equal('2026-10-10T15:59:59.999Z');
    expect(removalDeadline(new Date('2026-09-30T02:00:00Z')).toISOString()).to.equal('2026-10-10T15:59:59.999Z');
  });

  it('when a calendar file covers a year, then its dates replace the built-in ones for that year only', () => {
    const custom = overlayCalendar(CHINA_HOLIDAYS, { holidays: ['2026-11-27'], workdays: ['2026-11-28'] });
    expect(isWorkingDay('2026-11-27', custom)).to.equal(false);
    expect(isWorkingDay('2026-11-28', custom)).to.equal(true);
    expect(isWorkingDay('2026-10-01', custom)).to.equal(true); // 2026 replaced: National Day is not in the file
    expect(isWorkingDay('2027-01-01', custom)).to.equal(false); // 2027 kept
    expect(() => overlayCalendar(CHINA_HOLIDAYS, { holidays: ['2026-13-01'] })).to.throw(RangeError);
    expect(() => overlayCalendar(CHINA_HOLIDAYS, { holidays: 'x' })).to.throw(TypeError);
  });

  it('when a correction request is received, then it is due by the end of the 15th day (失信 Art. 11)', () => {
    expect(correctionDueBy(new Date('2026-11-25T08:00:00Z')).toISOString()).to.equal('2026-12-10T15:59:59.999Z');
  });

  it('when an ID number is shown in public, then only the first 6 and last 4 characters show', () => {
    expect(maskId('110105198209031534')).to.equal('110105********1534');
    expect(maskId('91110105MA01QWER5X')).to.equal('911101********ER5X');
  });
});
