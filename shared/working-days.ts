/**
 * Working days (工作日) in mainland China: Monday to Friday, except the public holidays the State Council announces
 * each year, plus the make-up working days (调休) that fall on a weekend. Deadlines counted in working days (e.g. the
 * 3 working days to remove a listing, 失信 (2017 rev.) Art. 10) use a calendar of those dates; pure functions, no I/O.
 *
 * Dates are calendar dates in China's time zone (UTC+8, no daylight saving), written `YYYY-MM-DD`.
 */

export interface HolidayCalendar {
  /** Weekdays that are public holidays or bridged rest days (放假). Weekend holiday dates may be listed too. */
  holidays: readonly string[];
  /** Weekend days that are working days (调休上班). */
  workdays: readonly string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
};

/**
 * 2026: the State Council's notice on the 2026 public holidays (国务院办公厅关于2026年部分节假日安排的通知), as we
 * know it: New Year Jan 1–3 (work Sun Jan 4); Spring Festival Feb 15–23 (work Sat Feb 14, Sat Feb 28); Qingming
 * Apr 4–6; Labour Day May 1–5 (work Sat May 9); Dragon Boat Jun 19–21; Mid-Autumn Sep 25–27; National Day Oct 1–7
 * (work Sun Sep 20, Sat Oct 10). Check it against the published notice; HOLIDAY_CALENDAR overrides it.
 */
const CALENDAR_2026: HolidayCalendar = {
  holidays: [
    ...range('2026-01-01', '2026-01-03'),
    ...range('2026-02-15', '2026-02-23'),
    ...range('2026-04-04', '2026-04-06'),
    ...range('2026-05-01', '2026-05-05'),
    ...range('2026-06-19', '2026-06-21'),
    ...range('2026-09-25', '2026-09-27'),
    ...range('2026-10-01', '2026-10-07'),
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/**
 * 2027: PROVISIONAL. The State Council publishes the 2027 calendar late in 2026; until then this follows the usual
 * pattern on the statutory days (New Year Jan 1; Spring Festival's eve Feb 5 to Feb 8, bridged to 8 days; Qingming
 * Apr 5; Labour Day May 1–2; Dragon Boat Jun 9; Mid-Autumn Sep 15; National Day Oct 1–3), with the make-up Saturdays
 * the pattern implies. Replace it when the notice is out (or point HOLIDAY_CALENDAR at a file).
 */
const CALENDAR_2027: HolidayCalendar = {
  holidays: [
    ...range('2027-01-01', '2027-01-03'),
    ...range('2027-02-05', '2027-02-12'),
    ...range('2027-04-03', '2027-04-05'),
    ...range('2027-05-01', '2027-05-05'),
    ...range('2027-06-09', '2027-06-09'),
    ...range('2027-09-15', '2027-09-15'),
    ...range('2027-10-01', '2027-10-07'),
  ],
  workdays: ['2027-02-20', '2027-04-25', '2027-09-26', '2027-10-09'],
};

/** The built-in calendar: 2026 as announced, 2027 provisional. Outside these years only weekends are rest days. */
export const CHINA_HOLIDAYS: HolidayCalendar = {
  holidays: [...CALENDAR_2026.holidays, ...CALENDAR_2027.holidays],
  workdays: [...CALENDAR_2026.workdays, ...CALENDAR_2027.workdays],
};

function parseDate(date: string): Date {
  if (!DATE.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const d = new Date(`${date}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return d;
}

/** `date` moved by `days` calendar days. */
export function addCalendarDays(date: string, days: number): string {
  return new Date(parseDate(date).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The calendar date in China (UTC+8) of an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last instant of a date in China: the next day's 00:00 UTC+8, exclusive, minus 1 ms. */
export function endOfChinaDay(date: string): Date {
  return new Date(parseDate(date).getTime() + 86_400_000 - CHINA_OFFSET_MS - 1);
}

/** Whether a date is a working day: a make-up working day, or a weekday that is not a holiday. */
export function isWorkingDay(date: string, calendar: HolidayCalendar = CHINA_HOLIDAYS): boolean {
  if (calendar.workdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const weekday = parseDate(date).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The `n`-th working day after `date` (the starting day itself is not counted, as periods are counted in Chinese
 * procedure). `n` ≥ 0; 0 answers `date`.
 */
export function addWorkingDays(date: string, n: number, calendar: HolidayCalendar = CHINA_HOLIDAYS): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let d = date;
  parseDate(d);
  for (let left = n; left > 0; ) {
    d = addCalendarDays(d, 1);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}

/** The deadline `n` working days after an instant: the end (China time) of the n-th working day after its date. */
export function workingDaysDeadline(instant: Date, n: number, calendar: HolidayCalendar = CHINA_HOLIDAYS): Date {
  return endOfChinaDay(addWorkingDays(chinaDate(instant), n, calendar));
}

/**
 * A calendar read from JSON (`{ "holidays": [...], "workdays": [...] }`) laid over a base one: for every year the
 * file mentions, the file's dates replace the base's; other years keep the base's. Throws on a malformed file.
 */
export function overlayCalendar(base: HolidayCalendar, json: unknown): HolidayCalendar {
  const o = json as { holidays?: unknown; workdays?: unknown };
  const list = (v: unknown, name: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((d) => typeof d !== 'string')) throw new TypeError(`holiday calendar: "${name}" must be a list of YYYY-MM-DD dates`);
    for (const d of v as string[]) parseDate(d);
    return v as string[];
  };
  if (typeof json !== 'object' || json === null) throw new TypeError('holiday calendar: expected an object with "holidays" and "workdays"');
  const holidays = list(o.holidays, 'holidays');
  const workdays = list(o.workdays, 'workdays');
  const years = new Set([...holidays, ...workdays].map((d) => d.slice(0, 4)));
  const keep = (d: string) => !years.has(d.slice(0, 4));
  return { holidays: [...base.holidays.filter(keep), ...holidays], workdays: [...base.workdays.filter(keep), ...workdays] };
}
