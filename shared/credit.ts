/**
 * The dishonest-debtor list (失信被执行人名单) and consumption restriction (限制消费): the grounds, terms, deadlines
 * and the public masking of ID numbers. Pure functions with `now` passed in; the server enforces them, the client
 * shows them.
 *
 * Article numbers: 失信 means the SPC provisions on publishing the list; the grounds, terms, removal and correction
 * follow the 2017 revision (法释〔2017〕7号), whose Art. 1 lists "able but refuses" first. The 2013 text kept in
 * laws/dishonest-debtor-list-2013.md has the same six grounds (its Art. 1 (一)–(五) are our 2–6, and the catch-all
 * (六) is our 1), correction in Art. 3 and removal in Art. 7.
 */
import { ageOn } from './identity';
import { addWorkingDays, chinaDate, endOfChinaDay, type HolidayCalendar, CHINA_HOLIDAYS } from './working-days';

/** 失信 Art. 1: the six grounds, with stable codes. */
export const LISTING_GROUNDS = [
  'able_but_refuses', // (一) 有履行能力而拒不履行生效法律文书确定义务
  'obstructs', // (二) 以伪造证据、暴力、威胁等方法妨碍、抗拒执行
  'evades', // (三) 以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行
  'breaks_asset_report', // (四) 违反财产报告制度
  'breaks_consumption_order', // (五) 违反限制消费令
  'reneges_settlement', // (六) 无正当理由拒不履行执行和解协议
] as const;
export type ListingGround = (typeof LISTING_GROUNDS)[number];

export const GROUND_LABELS: Record<ListingGround, { zh: string; en: string; item: string }> = {
  able_but_refuses: { item: '（一）', zh: '有履行能力而拒不履行生效法律文书确定义务', en: 'Able to perform but refuses to perform the effective judgment' },
  obstructs: { item: '（二）', zh: '以伪造证据、暴力、威胁等方法妨碍、抗拒执行', en: 'Obstructs or resists enforcement by forged evidence, violence or threats' },
  evades: { item: '（三）', zh: '以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行', en: 'Evades enforcement by sham litigation or arbitration, or by hiding or moving assets' },
  breaks_asset_report: { item: '（四）', zh: '违反财产报告制度', en: 'Breaks the duty to report assets' },
  breaks_consumption_order: { item: '（五）', zh: '违反限制消费令', en: 'Breaks a consumption restriction order' },
  reneges_settlement: { item: '（六）', zh: '无正当理由拒不履行执行和解协议', en: 'Refuses without good reason to perform an enforcement settlement' },
};

export function isListingGround(value: unknown): value is ListingGround {
  return typeof value === 'string' && (LISTING_GROUNDS as readonly string[]).includes(value);
}

/** 失信 Art. 2 para 1: 2 years for grounds (二)–(六). */
export const LISTING_TERM_YEARS = 2;
/** 失信 Art. 2 para 2: an extension is of 1 to 3 years. */
export const EXTENSION_YEARS = { min: 1, max: 3 } as const;
/** 失信 Art. 10: removal within 3 working days. */
export const REMOVAL_WORKING_DAYS = 3;
/** 失信 Art. 11: a correction request is examined within 15 days of receipt. */
export const CORRECTION_DAYS = 15;
/** 失信 Art. 4: minors are never listed. */
export const ADULT_AGE = 18;

function addYears(at: Date, years: number): Date {
  const d = new Date(at.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

/**
 * When a listing ends on its own (失信 Art. 2 para 1): 2 years after listing for grounds (二)–(六); ground (一) has
 * no fixed term (the debtor stays listed until the duty is performed), answered as null.
 */
export function listingExpiry(ground: ListingGround, listedAt: Date): Date | null {
  return ground === 'able_but_refuses' ? null : addYears(listedAt, LISTING_TERM_YEARS);
}

export type RuleCheck = { ok: true } | { ok: false; code: string; message: string };

/** 失信 Art. 2 para 2: an extension of a listing with a term, by whole years from 1 to 3, before it ends. */
export function canExtend(listing: { ground: ListingGround; expiresAt: Date | null }, years: number, now: Date): RuleCheck {
  if (listing.expiresAt === null) {
    return { ok: false, code: 'TERM_NOT_EXTENDABLE', message: '依失信规定第二条，第一条第一项情形的纳入没有固定期限，无需延长 / 失信 Art. 2: a listing on ground (1) has no fixed term to extend' };
  }
  if (!Number.isInteger(years) || years < EXTENSION_YEARS.min || years > EXTENSION_YEARS.max) {
    return { ok: false, code: 'EXTENSION_OUT_OF_RANGE', message: '依失信规定第二条第二款，可以延长一至三年 / 失信 Art. 2 para 2: an extension is of 1 to 3 whole years' };
  }
  if (listing.expiresAt.getTime() <= now.getTime()) {
    return { ok: false, code: 'LISTING_NOT_CURRENT', message: '纳入期限已届满，应予删除，不能延长 / The term has ended (失信 Art. 10 para 2: remove it); it cannot be extended' };
  }
  return { ok: true };
}

export function extendedExpiry(expiresAt: Date, years: number): Date {
  return addYears(expiresAt, years);
}

/** 失信 Art. 4: whether a resident ID number's holder is a minor on `today`. */
export function isMinor(residentIdNumber: string, today: Date): boolean {
  return ageOn(residentIdNumber, today) < ADULT_AGE;
}

/** 失信 Art. 10: the deadline to remove a listing once its cause arises (payment, term ended, correction upheld…). */
export function removalDeadline(causeAt: Date, calendar: HolidayCalendar = CHINA_HOLIDAYS): Date {
  return endOfChinaDay(addWorkingDays(chinaDate(causeAt), REMOVAL_WORKING_DAYS, calendar));
}

/** 失信 Art. 11: the date by which the court decides a correction request: the end of the 15th day after receipt. */
export function correctionDueBy(filedAt: Date): Date {
  const date = chinaDate(new Date(filedAt.getTime() + CORRECTION_DAYS * 86_400_000));
  return endOfChinaDay(date);
}


/** 限高 Art. 3 (as amended in 2015, which added the high-speed rail seats): what a restricted debtor (and, for a company, its legal representative) may not pay for. */
export const CONSUMPTION_PROHIBITIONS = [
  { code: 'air_soft_sleeper_ship', zh: '乘坐飞机、列车软卧、轮船二等以上舱位', en: 'Flights, soft-sleeper berths, second class or better on ships' },
  { code: 'high_speed_rail_first', zh: '乘坐G字头动车组列车全部座位、其他动车组列车一等以上座位', en: 'Any seat on G trains, first class or better on other bullet trains' },
  { code: 'star_hotels_clubs', zh: '在星级以上宾馆、酒店、夜总会、高尔夫球场等场所进行高消费', en: 'High spending at star hotels, night clubs, golf courses' },
  { code: 'buy_real_estate', zh: '购买不动产或者新建、扩建、高档装修房屋', en: 'Buying real estate, building or luxury refurbishing' },
  { code: 'rent_premium_office', zh: '租赁高档写字楼、宾馆、公寓等场所办公', en: 'Renting premium offices, hotels or apartments as an office' },
  { code: 'buy_vehicles', zh: '购买非经营必需车辆', en: 'Buying vehicles not needed for business' },
  { code: 'travel_holidays', zh: '旅游、度假', en: 'Travel and holidays' },
  { code: 'private_schools', zh: '子女就读高收费私立学校', en: 'Children at high-fee private schools' },
  { code: 'costly_insurance', zh: '支付高额保费购买保险理财产品', en: 'High-premium insurance and wealth products' },
  { code: 'other_luxury', zh: '其他非生活和工作必需的高消费行为', en: 'Other high spending not needed for life or work' },
] as const;
