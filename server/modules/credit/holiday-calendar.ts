import { readFileSync } from 'node:fs';
import { CHINA_HOLIDAYS, overlayCalendar, type HolidayCalendar } from '../../../shared/working-days';
import type { AppContext } from '../../platform/context';

const loaded = new Map<string, HolidayCalendar>();

/**
 * The working-day calendar (失信 Art. 10 counts removal in working days): the built-in one, with the file named by
 * HOLIDAY_CALENDAR laid over it when set (read once per process; a malformed file fails loudly, not silently).
 */
export function holidayCalendar(ctx: AppContext): HolidayCalendar {
  const file = ctx.config.holidayCalendar;
  if (!file) return CHINA_HOLIDAYS;
  let calendar = loaded.get(file);
  if (!calendar) {
    calendar = overlayCalendar(CHINA_HOLIDAYS, JSON.parse(readFileSync(file, 'utf8')) as unknown);
    loaded.set(file, calendar);
  }
  return calendar;
}
