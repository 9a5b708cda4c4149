/**
 * Pure rules of online judicial auctions (网络司法拍卖), shared by the server (which enforces them) and the client (which
 * explains a refusal next to the field that breaks it). Values in, values out: no I/O, money is Decimal (shared/money),
 * the time is passed in.
 *
 * Sources: 网拍 = 最高人民法院关于人民法院网络司法拍卖若干问题的规定 (2016); 拍变 = 关于人民法院民事执行中拍卖、变卖财产
 * 的规定 (2020); 参考价 = 关于人民法院确定财产处置参考价若干问题的规定 (2018).
 *
 * Periods in days are counted on the calendar in China Standard Time (UTC+8, no daylight saving), the day of the
 * starting event not counted (民法典 Art. 201): an announcement on 1 December gives 15 days' notice to bidding that
 * starts on 16 December at any hour. A job that publishes a minute after midnight therefore still gives the notice the
 * court set. Periods in hours and minutes (the 24-hour bidding window, the 5-minute extension) are exact.
 */
import type { AssetKind } from './institution-protocol';
import { compareMoney, formatMoney, isMoney, Money, parseMoney } from './money';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** China Standard Time is UTC+8 all year. */
const CST_OFFSET_MS = 8 * HOUR_MS;

/** 网拍 Art. 10: the starting price is at least 70 % of the reference (appraised or market) price. */
export const STARTING_PRICE_MIN_PERCENT = 70;
/** 网拍 Art. 17: the deposit is 5 %–20 % of the starting price. */
export const DEPOSIT_MIN_PERCENT = 5;
export const DEPOSIT_MAX_PERCENT = 20;
/**
 * 网拍 Art. 20 leaves the increment to the court. This platform's bounds: positive, and at most 10 % of the starting
 * price (a larger step would price bidders out of a contest the law wants open; a court wanting more sets a higher
 * starting price instead).
 */
export const INCREMENT_MAX_PERCENT = 10;
/** 网拍 Art. 12: announce ≥ 15 days ahead for movables, ≥ 30 days for real estate and other property rights. */
export const ANNOUNCEMENT_DAYS = { movable: 15, immovable: 30 } as const;
/** 网拍 Art. 26: a relisting is announced ≥ 7 days (movables) / ≥ 15 days (real estate, property rights) ahead. */
export const RELIST_ANNOUNCEMENT_DAYS = { movable: 7, immovable: 15 } as const;
/** 网拍 Art. 20: bidding lasts at least 24 hours. */
export const BIDDING_MIN_HOURS = 24;
/** 网拍 Art. 20: a bid in the last 5 minutes moves the end to that bid's time + 5 minutes. */
export const EXTENSION_MINUTES = 5;
/**
 * 网拍 Art. 25: the balance is due within the period the announcement states. The law sets no figure; this platform
 * asks for 10–30 days after the auction ends, the range courts use (DOMAIN.md).
 */
export const BALANCE_DUE_DAYS = { min: 10, max: 30 } as const;
/** 网拍 Art. 26: relist within 30 days after an unsold auction, cutting the starting price by at most 20 %. */
export const RELIST_WITHIN_DAYS = 30;
export const RELIST_MAX_CUT_PERCENT = 20;
/** 网拍 Art. 26 para 2, 拍变 Art. 25: after the second failure, a fixed-price sale (变卖), in practice 60 days. */
export const FIXED_PRICE_SALE_DAYS = 60;
/** 网拍 Art. 28: resume within 5 days after the cause of a suspension ends. */
export const RESUME_WITHIN_DAYS = 5;
/** 参考价 Art. 27: a reference price announced within its validity may still carry a sale up to 6 months after it. */
export const VALIDITY_GRACE_MONTHS = 6;

/** Online judicial auctions have two rounds; after the second failure comes the fixed-price sale (网拍 Art. 26). */
export const MAX_ROUNDS = 2;

export const AUCTION_STATUSES = [
  'draft',
  'approved',
  'announced',
  'live',
  'sold',
  'unsold',
  'suspended',
  'withdrawn',
  'fixed_price_sale',
  'fixed_price_unsold',
  /** Sold, but the buyer did not pay the balance in time (悔拍, 网拍 Art. 24): the asset is free for a resale. */
  'reneged',
] as const;
export type AuctionStatus = (typeof AUCTION_STATUSES)[number];

/** States the public sees: once announced, an auction stays public whatever happens to it (网拍 Art. 3: 全程公开). */
export const PUBLIC_STATUSES = ['announced', 'live', 'sold', 'unsold', 'suspended', 'withdrawn', 'fixed_price_sale', 'fixed_price_unsold', 'reneged'] as const satisfies readonly AuctionStatus[];
/** States in which the auction occupies its asset: no second auction of the same asset meanwhile. */
export const ACTIVE_STATUSES = ['draft', 'approved', 'announced', 'live', 'suspended', 'fixed_price_sale'] as const satisfies readonly AuctionStatus[];
/** States that may be suspended by the court (网拍 Art. 28): the auction is public and not over. */
export const SUSPENDABLE_STATUSES = ['announced', 'live', 'fixed_price_sale'] as const satisfies readonly AuctionStatus[];
/** States the court may withdraw (撤回) from. */
export const WITHDRAWABLE_STATUSES = ['draft', 'approved', 'announced', 'live', 'suspended', 'unsold', 'fixed_price_sale'] as const satisfies readonly AuctionStatus[];
/** The settings can be edited only before publication; editing an approved auction sends it back to draft. */
export const EDITABLE_STATUSES = ['draft', 'approved'] as const satisfies readonly AuctionStatus[];

export const AUCTIONABLE_KINDS = ['real_estate', 'vehicle', 'equity', 'securities'] as const satisfies readonly AssetKind[];
export type AuctionableKind = (typeof AUCTIONABLE_KINDS)[number];
/** Movables, or real estate and other property rights (网拍 Art. 12, 26). */
export type AssetClass = 'movable' | 'immovable';

/** Funds are not auctioned (they are deducted); vehicles are movables; real estate, equity and securities are real estate or other property rights. */
export function assetClassOf(kind: AssetKind): AssetClass | null {
  if (kind === 'vehicle') return 'movable';
  if (kind === 'real_estate' || kind === 'equity' || kind === 'securities') return 'immovable';
  return null;
}

export interface Violation {
  /** Stable code, e.g. STARTING_PRICE_TOO_LOW. */
  code: string;
  /** The setting that breaks the rule, as a path in the settings (e.g. `deposit`, `disclosures.photos`). */
  field: string;
  /** The article, e.g. `网拍 Art. 10`. */
  article: string;
  /** "中文 / English", naming the rule and the figures. */
  message: string;
  /** The figures of the rule: the given value and the limit it breaks, as strings (money "1234.50", ISO instants, day counts). */
  figures: Record<string, string>;
}

export type RuleCheck = { ok: true } | { ok: false; violation: Violation };

const OK: RuleCheck = { ok: true };
const fail = (violation: Violation): RuleCheck => ({ ok: false, violation });

/** The violations among the checks given, in order. */
export function violationsOf(...checks: (RuleCheck | Violation[])[]): Violation[] {
  return checks.flatMap((c) => (Array.isArray(c) ? c : c.ok ? [] : [c.violation]));
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

/** The day number of an instant on the China Standard Time calendar. */
export function chinaDay(at: Date): number {
  return Math.floor((at.getTime() + CST_OFFSET_MS) / DAY_MS);
}

/** Calendar days from `from` to `to` in China Standard Time, the first day not counted (民法典 Art. 201). */
export function calendarDaysBetween(from: Date, to: Date): number {
  return chinaDay(to) - chinaDay(from);
}

/** The first instant (00:00 CST) of the day `days` calendar days after `from`'s day. */
export function startOfChinaDayAfter(from: Date, days: number): Date {
  return new Date((chinaDay(from) + days) * DAY_MS - CST_OFFSET_MS);
}

/** The last instant (24:00 CST, exclusive bound) of the day `days` calendar days after `from`'s day. */
export function endOfChinaDayAfter(from: Date, days: number): Date {
  return startOfChinaDayAfter(from, days + 1);
}

/** `months` calendar months after `from` (UTC); the 31st into a shorter month ends on its last day, never beyond. */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

const iso = (d: Date) => d.toISOString();

// ---------------------------------------------------------------------------------------------------------------
// Money helpers

/** `percent` % of `value`, rounded up to the fen: the least amount that is not below the share. */
export function percentCeil(value: Money | string, percent: number): Money {
  return parseMoney(value).times(percent).dividedBy(100).toDecimalPlaces(2, Money.ROUND_CEIL);
}

/** `percent` % of `value`, rounded down to the fen: the greatest amount that does not exceed the share. */
export function percentFloor(value: Money | string, percent: number): Money {
  return parseMoney(value).times(percent).dividedBy(100).toDecimalPlaces(2, Money.ROUND_FLOOR);
}

function notMoney(field: string, article: string, value: string): RuleCheck {
  return fail({
    code: 'NOT_MONEY',
    field,
    article,
    message: `金额格式应为 1234.50 / An amount looks like 1234.50`,
    figures: { given: String(value) },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Prices

/** The least starting price the law allows against a reference price: 70 % of it, rounded up to the fen (网拍 Art. 10). */
export function startingPriceFloor(referencePrice: Money | string): Money {
  return percentCeil(referencePrice, STARTING_PRICE_MIN_PERCENT);
}

/** 网拍 Art. 10: the starting price (= reserve price) is at least 70 % of the reference price, and more than zero. */
export function checkStartingPrice(startingPrice: string, referencePrice: string): RuleCheck {
  const article = '网拍 Art. 10';
  if (!isMoney(startingPrice)) return notMoney('startingPrice', article, startingPrice);
  const floor = startingPriceFloor(referencePrice);
  const floorOk = compareMoney(startingPrice, floor) >= 0 && compareMoney(startingPrice, '0') > 0;
  if (floorOk) return OK;
  const min = formatMoney(Money.max(floor, new Money('0.01')));
  return fail({
    code: 'STARTING_PRICE_TOO_LOW',
    field: 'startingPrice',
    article,
    message: `起拍价${formatMoney(startingPrice)}元低于参考价${formatMoney(referencePrice)}元的70%（${min}元）（网拍第10条） / The starting price ${formatMoney(startingPrice)} is below 70 % of the reference price ${formatMoney(referencePrice)} (${min}) (网拍 Art. 10)`,
    figures: { startingPrice: formatMoney(startingPrice), referencePrice: formatMoney(referencePrice), minimum: min, percent: String(STARTING_PRICE_MIN_PERCENT) },
  });
}

/** The deposit range for a starting price: [5 % rounded up, 20 % rounded down] to the fen (网拍 Art. 17). */
export function depositRange(startingPrice: Money | string): { min: Money; max: Money } {
  return { min: percentCeil(startingPrice, DEPOSIT_MIN_PERCENT), max: percentFloor(startingPrice, DEPOSIT_MAX_PERCENT) };
}

/** 网拍 Art. 17: the deposit is set by the court within 5 %–20 % of the starting price. */
export function checkDeposit(deposit: string, startingPrice: string): RuleCheck {
  const article = '网拍 Art. 17';
  if (!isMoney(deposit)) return notMoney('deposit', article, deposit);
  if (!isMoney(startingPrice)) return OK; // the starting price's own check reports it
  const { min, max } = depositRange(startingPrice);
  if (compareMoney(deposit, min) >= 0 && compareMoney(deposit, max) <= 0 && compareMoney(deposit, '0') > 0) return OK;
  return fail({
    code: 'DEPOSIT_OUT_OF_RANGE',
    field: 'deposit',
    article,
    message: `保证金${formatMoney(deposit)}元应在起拍价${formatMoney(startingPrice)}元的5%至20%之间（${formatMoney(min)}至${formatMoney(max)}元）（网拍第17条） / The deposit ${formatMoney(deposit)} must be 5 %–20 % of the starting price ${formatMoney(startingPrice)} (${formatMoney(min)}–${formatMoney(max)}) (网拍 Art. 17)`,
    figures: { deposit: formatMoney(deposit), startingPrice: formatMoney(startingPrice), minimum: formatMoney(min), maximum: formatMoney(max) },
  });
}

/** The greatest increment this platform accepts for a starting price (see INCREMENT_MAX_PERCENT). */
export function incrementMax(startingPrice: Money | string): Money {
  return percentFloor(startingPrice, INCREMENT_MAX_PERCENT);
}

/** 网拍 Art. 20: the court sets the increment; this platform takes it positive and at most 10 % of the starting price. */
export function checkIncrement(increment: string, startingPrice: string): RuleCheck {
  const article = '网拍 Art. 20';
  if (!isMoney(increment)) return notMoney('increment', article, increment);
  if (!isMoney(startingPrice)) return OK;
  const max = incrementMax(startingPrice);
  if (compareMoney(increment, '0') > 0 && compareMoney(increment, max) <= 0) return OK;
  return fail({
    code: 'INCREMENT_OUT_OF_RANGE',
    field: 'increment',
    article,
    message: `加价幅度${formatMoney(increment)}元应大于0且不超过起拍价的10%（${formatMoney(max)}元）（网拍第20条，本平台标准） / The increment ${formatMoney(increment)} must be positive and at most 10 % of the starting price (${formatMoney(max)}) (网拍 Art. 20; this platform's bound)`,
    figures: { increment: formatMoney(increment), startingPrice: formatMoney(startingPrice), minimum: '0.01', maximum: formatMoney(max) },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Schedule

/** Days of notice the announcement must give for this asset class and round (网拍 Art. 12 for the first, 26 for a relisting). */
export function noticeDaysFor(assetClass: AssetClass, round: number): number {
  return round > 1 ? RELIST_ANNOUNCEMENT_DAYS[assetClass] : ANNOUNCEMENT_DAYS[assetClass];
}

/** 网拍 Art. 12 (first auction) and Art. 26 (relisting): the announcement comes enough calendar days before bidding starts. */
export function checkNotice(assetClass: AssetClass, round: number, announcementAt: Date, biddingStartsAt: Date): RuleCheck {
  const required = noticeDaysFor(assetClass, round);
  const given = calendarDaysBetween(announcementAt, biddingStartsAt);
  if (given >= required) return OK;
  const article = round > 1 ? '网拍 Art. 26' : '网拍 Art. 12';
  const what = assetClass === 'movable' ? { zh: '动产', en: 'movables' } : { zh: '不动产或其他财产权', en: 'real estate and other property rights' };
  const earliest = startOfChinaDayAfter(announcementAt, required);
  return fail({
    code: 'NOTICE_TOO_SHORT',
    field: 'biddingStartsAt',
    article,
    message: `${round > 1 ? '再次拍卖' : '拍卖'}${what.zh}应当在竞价开始${required}日前公告，现仅${given}日；竞价最早于${iso(earliest)}开始（${round > 1 ? '网拍第26条' : '网拍第12条'}） / ${round > 1 ? 'A relisting' : 'An auction'} of ${what.en} must be announced ${required} days before bidding starts; ${given} given; bidding may start at ${iso(earliest)} at the earliest (${article})`,
    figures: { requiredDays: String(required), givenDays: String(given), announcementAt: iso(announcementAt), biddingStartsAt: iso(biddingStartsAt), earliestStart: iso(earliest) },
  });
}

/** The announcement date may not lie in a past day: publication would come late and shorten the notice the court set. */
export function checkAnnouncementNotPast(announcementAt: Date, now: Date): RuleCheck {
  if (chinaDay(announcementAt) >= chinaDay(now)) return OK;
  return fail({
    code: 'ANNOUNCEMENT_IN_PAST',
    field: 'announcementAt',
    article: '网拍 Art. 12',
    message: `公告日期${iso(announcementAt)}已过，请重新确定公告日期（网拍第12条） / The announcement date ${iso(announcementAt)} has passed; set a new one (网拍 Art. 12)`,
    figures: { announcementAt: iso(announcementAt), now: iso(now) },
  });
}

/** 网拍 Art. 20: bidding lasts at least 24 hours (exactly: end − start ≥ 24 h). */
export function checkBiddingWindow(biddingStartsAt: Date, biddingEndsAt: Date): RuleCheck {
  const hours = (biddingEndsAt.getTime() - biddingStartsAt.getTime()) / HOUR_MS;
  if (hours >= BIDDING_MIN_HOURS) return OK;
  const earliest = new Date(biddingStartsAt.getTime() + BIDDING_MIN_HOURS * HOUR_MS);
  return fail({
    code: 'BIDDING_TOO_SHORT',
    field: 'biddingEndsAt',
    article: '网拍 Art. 20',
    message: `竞价时间不得少于24小时，现为${hours.toFixed(2)}小时；最早于${iso(earliest)}结束（网拍第20条） / Bidding must last at least 24 hours; ${hours.toFixed(2)} given; the earliest end is ${iso(earliest)} (网拍 Art. 20)`,
    figures: { requiredHours: String(BIDDING_MIN_HOURS), givenHours: hours.toFixed(2), biddingStartsAt: iso(biddingStartsAt), biddingEndsAt: iso(biddingEndsAt), earliestEnd: iso(earliest) },
  });
}

/** 网拍 Art. 25: the announcement states the period for the balance; this platform takes 10–30 days after the end. */
export function checkBalanceDeadline(balanceDueDays: number): RuleCheck {
  if (Number.isInteger(balanceDueDays) && balanceDueDays >= BALANCE_DUE_DAYS.min && balanceDueDays <= BALANCE_DUE_DAYS.max) return OK;
  return fail({
    code: 'BALANCE_DEADLINE_OUT_OF_RANGE',
    field: 'balanceDueDays',
    article: '网拍 Art. 25',
    message: `尾款期限应为拍卖成交后${BALANCE_DUE_DAYS.min}至${BALANCE_DUE_DAYS.max}日，现为${String(balanceDueDays)}日（网拍第25条，本平台标准） / The balance must be due ${BALANCE_DUE_DAYS.min}–${BALANCE_DUE_DAYS.max} days after the sale; ${String(balanceDueDays)} given (网拍 Art. 25; this platform's range)`,
    figures: { givenDays: String(balanceDueDays), minimumDays: String(BALANCE_DUE_DAYS.min), maximumDays: String(BALANCE_DUE_DAYS.max) },
  });
}

/** The balance due date of a sale that ended at `endedAt`: the end of the `balanceDueDays`-th day after it (CST). */
export function balanceDueAt(endedAt: Date, balanceDueDays: number): Date {
  return endOfChinaDayAfter(endedAt, balanceDueDays);
}

// ---------------------------------------------------------------------------------------------------------------
// Reference price (参考价 Art. 27)

export interface ReferenceValidity {
  validUntil: Date;
  /** When the first auction of the asset was (or is to be) first announced. */
  firstAnnouncementAt: Date;
  /** When the sale takes place: bidding starts, or the fixed-price sale starts. */
  saleStartsAt: Date;
}

/** The last instant a sale may take place on a reference price valid until `validUntil` (参考价 Art. 27: 6 months after). */
export function saleDeadline(validUntil: Date): Date {
  return addMonths(validUntil, VALIDITY_GRACE_MONTHS);
}

/**
 * 参考价 Art. 27: the first announcement must come while the reference price is valid; once so announced, the auction (and
 * a relisting or a fixed-price sale) may go ahead up to 6 months after the validity ends.
 */
export function checkReferenceValidity(v: ReferenceValidity): Violation[] {
  const out: Violation[] = [];
  if (v.firstAnnouncementAt.getTime() > v.validUntil.getTime()) {
    out.push({
      code: 'REFERENCE_PRICE_EXPIRED',
      field: 'announcementAt',
      article: '参考价 Art. 27',
      message: `一拍公告须在参考价有效期（至${iso(v.validUntil)}）内发布（参考价第27条） / The first announcement must come while the reference price is valid (until ${iso(v.validUntil)}) (参考价 Art. 27)`,
      figures: { announcementAt: iso(v.firstAnnouncementAt), validUntil: iso(v.validUntil) },
    });
  }
  const deadline = saleDeadline(v.validUntil);
  if (v.saleStartsAt.getTime() > deadline.getTime()) {
    out.push({
      code: 'SALE_BEYOND_VALIDITY',
      field: 'biddingStartsAt',
      article: '参考价 Art. 27',
      message: `拍卖、变卖不得晚于参考价有效期届满后六个月（${iso(deadline)}），须重新确定参考价（参考价第27条） / The sale may not take place more than 6 months after the reference price's validity (${iso(deadline)}); a new reference price is needed (参考价 Art. 27)`,
      figures: { saleStartsAt: iso(v.saleStartsAt), validUntil: iso(v.validUntil), deadline: iso(deadline) },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Disclosures (网拍 Art. 13) and priority-right holders (网拍 Art. 19, 21)

export const TAX_BEARERS = ['by_law', 'buyer', 'debtor'] as const;
export type TaxBearer = (typeof TAX_BEARERS)[number];

export interface Disclosures {
  /** 13(2): the legal document enforced (执行依据). */
  basis: string;
  /** 13(3): the appraisal report, or the basis of the price when there was none. */
  reportRef: string;
  /** 13(4): the bidding rules. */
  rules: string;
  /** 13(5): photos or videos of the asset (URLs or stored ids). */
  photos: string[];
  /** 13(5), 14(3): ownership, occupation, known defects and encumbrances (权利负担); "无" when none is known. */
  encumbrances: string;
  /** 13(6), 13(7): priority-right holders, the nature of their rights, and whether they were notified. */
  priorityRights: string;
  /** 13(9): taxes the transfer may cause. */
  taxes: string;
  /** 13(9), 网拍 Art. 30: who bears them. */
  taxBearer: TaxBearer | string;
  /** 13(8): the court's account for the deposit and the price. */
  courtAccount: string;
}

const DISCLOSURE_ITEMS: { key: keyof Disclosures; clause: string; zh: string; en: string }[] = [
  { key: 'basis', clause: '13(2)', zh: '执行所依据的法律文书', en: 'the legal document enforced (basis)' },
  { key: 'reportRef', clause: '13(3)', zh: '评估报告或定价依据', en: 'the appraisal report or pricing basis' },
  { key: 'rules', clause: '13(4)', zh: '竞价规则', en: 'the bidding rules' },
  { key: 'photos', clause: '13(5)', zh: '财产照片或视频', en: 'photos or videos of the asset' },
  { key: 'encumbrances', clause: '13(5)', zh: '权属、占有使用、已知瑕疵和权利负担', en: 'ownership, occupation, known defects and encumbrances' },
  { key: 'priorityRights', clause: '13(6)', zh: '优先购买权主体、权利性质及通知情况', en: 'priority-right holders, their rights and notification' },
  { key: 'taxes', clause: '13(9)', zh: '产权转移可能产生的税费', en: 'taxes the transfer may cause' },
  { key: 'taxBearer', clause: '13(9)', zh: '税费承担方式', en: 'who bears the taxes' },
  { key: 'courtAccount', clause: '13(8)', zh: '保证金和拍卖款项的支付账户', en: 'the account for the deposit and the price' },
];

/** 网拍 Art. 13: every item the announcement must disclose is present (the balance deadline is checked on its own). */
export function checkDisclosures(d: Partial<Disclosures> | undefined): Violation[] {
  const out: Violation[] = [];
  for (const item of DISCLOSURE_ITEMS) {
    const value = d?.[item.key];
    const present = Array.isArray(value) ? value.some((v) => typeof v === 'string' && v.trim() !== '') : typeof value === 'string' && value.trim() !== '';
    if (!present) {
      out.push({
        code: 'DISCLOSURE_MISSING',
        field: `disclosures.${item.key}`,
        article: `网拍 Art. ${item.clause}`,
        message: `拍卖公告须公示${item.zh}（网拍第${item.clause.replace('(', '条第').replace(')', '项')}） / The announcement must disclose ${item.en} (网拍 Art. ${item.clause})`,
        figures: { item: item.key },
      });
    }
  }
  const bearer = d?.taxBearer;
  if (typeof bearer === 'string' && bearer.trim() !== '' && !(TAX_BEARERS as readonly string[]).includes(bearer)) {
    out.push({
      code: 'TAX_BEARER_UNKNOWN',
      field: 'disclosures.taxBearer',
      article: '网拍 Art. 30',
      message: `税费承担方式应为依法各自承担、买受人承担或被执行人承担（网拍第30条） / Taxes are borne by law, by the buyer or by the debtor (网拍 Art. 30)`,
      figures: { given: bearer, allowed: TAX_BEARERS.join(',') },
    });
  }
  return out;
}

export interface PriorityHolder {
  name: string;
  /** The nature of the right (e.g. 共有人, 承租人, 股东). */
  right: string;
  /** 1 = first in order; holders of different orders get different ranks (网拍 Art. 19 para 2). */
  rank: number;
}

/** 网拍 Art. 19: the court confirms each priority-right holder and, for different orders, their ranks. */
export function checkPriorityHolders(holders: PriorityHolder[]): Violation[] {
  const out: Violation[] = [];
  const seen = new Set<string>();
  holders.forEach((h, i) => {
    if (!Number.isInteger(h.rank) || h.rank < 1) {
      out.push({
        code: 'PRIORITY_RANK_INVALID',
        field: `priorityHolders.${i}.rank`,
        article: '网拍 Art. 19',
        message: `优先购买权人的顺序应为从1开始的整数（网拍第19条） / A priority-right holder's rank is a whole number from 1 (网拍 Art. 19)`,
        figures: { given: String(h.rank) },
      });
    }
    const key = h.name.trim();
    if (seen.has(key)) {
      out.push({
        code: 'PRIORITY_HOLDER_DUPLICATE',
        field: `priorityHolders.${i}.name`,
        article: '网拍 Art. 19',
        message: `优先购买权人${key}重复（网拍第19条） / ${key} is listed twice (网拍 Art. 19)`,
        figures: { name: key },
      });
    }
    seen.add(key);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The whole set of settings

export interface AuctionSettings {
  startingPrice: string;
  deposit: string;
  increment: string;
  announcementAt: Date;
  biddingStartsAt: Date;
  biddingEndsAt: Date;
  balanceDueDays: number;
  disclosures: Partial<Disclosures>;
  priorityHolders: PriorityHolder[];
}

export interface SettingsContext {
  assetKind: AssetKind;
  now: Date;
  /** The reference price the settings rest on. */
  reference: { amount: string; validUntil: Date };
  /** 1: first auction; 2: relisting after an unsold first auction. */
  round: number;
  /** Round 2: the unsold auction relisted. */
  previous?: { startingPrice: string; endedAt: Date; firstAnnouncedAt: Date } | undefined;
}

/**
 * The composition of the collegial panel (合议庭) that decides the prices, deposit, increment and priority holders
 * (网拍 Art. 27): an odd number of judges, at least three (法院组织法 Art. 30), each named once. Whether each member is
 * a judge of the auction's court is the server's check.
 */
export function checkPanelComposition(panel: readonly string[]): Violation[] {
  const out: Violation[] = [];
  const article = '网拍 Art. 27';
  const distinct = new Set(panel).size;
  if (distinct !== panel.length) {
    out.push({
      code: 'PANEL_INVALID',
      field: 'panel',
      article,
      message: '合议庭成员不得重复 / A panel member is named twice',
      figures: { members: String(panel.length), distinct: String(distinct) },
    });
  }
  if (distinct < 3 || distinct % 2 === 0) {
    out.push({
      code: 'PANEL_INVALID',
      field: 'panel',
      article,
      message: `合议庭由三名以上单数法官组成，现为${distinct}名（网拍第27条，法院组织法第30条） / The collegial panel is an odd number of judges, at least three; ${distinct} given (网拍 Art. 27; 法院组织法 Art. 30)`,
      figures: { members: String(distinct), minimum: '3' },
    });
  }
  return out;
}

/** Every violation of the settings, each with its article and figures; an empty list means they may be saved. */
export function checkAuctionSettings(s: AuctionSettings, c: SettingsContext): Violation[] {
  const assetClass = assetClassOf(c.assetKind);
  const out: Violation[] = [];
  if (!assetClass) {
    out.push({
      code: 'ASSET_NOT_AUCTIONABLE',
      field: 'assetKind',
      article: '网拍 Art. 2',
      message: '资金类财产应扣划，不拍卖 / Funds are deducted, not auctioned',
      figures: { assetKind: c.assetKind },
    });
    return out;
  }
  const price =
    c.round > 1 && c.previous ? checkRelistPrice(c.previous.startingPrice, s.startingPrice) : checkStartingPrice(s.startingPrice, c.reference.amount);
  out.push(
    ...violationsOf(
      price,
      checkDeposit(s.deposit, s.startingPrice),
      checkIncrement(s.increment, s.startingPrice),
      checkAnnouncementNotPast(s.announcementAt, c.now),
      checkNotice(assetClass, c.round, s.announcementAt, s.biddingStartsAt),
      checkBiddingWindow(s.biddingStartsAt, s.biddingEndsAt),
      checkBalanceDeadline(s.balanceDueDays),
      checkDisclosures(s.disclosures),
      checkPriorityHolders(s.priorityHolders),
    ),
  );
  if (c.round > 1 && c.previous) out.push(...violationsOf(checkRelistTiming(c.previous.endedAt, s.biddingStartsAt, c.now)));
  out.push(
    ...checkReferenceValidity({
      validUntil: c.reference.validUntil,
      firstAnnouncementAt: c.round > 1 && c.previous ? c.previous.firstAnnouncedAt : s.announcementAt,
      saleStartsAt: s.biddingStartsAt,
    }),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Relisting (网拍 Art. 26)

/** The least starting price of a relisting: the previous one cut by at most 20 %, rounded up to the fen. */
export function relistPriceFloor(previousStartingPrice: Money | string): Money {
  return percentCeil(previousStartingPrice, 100 - RELIST_MAX_CUT_PERCENT);
}

/** 网拍 Art. 26 (拍变 Art. 9 likewise): the relisting's starting price is cut by at most 20 % of the previous one. */
export function checkRelistPrice(previousStartingPrice: string, startingPrice: string): RuleCheck {
  const article = '网拍 Art. 26';
  if (!isMoney(startingPrice)) return notMoney('startingPrice', article, startingPrice);
  const floor = relistPriceFloor(previousStartingPrice);
  if (compareMoney(startingPrice, floor) >= 0 && compareMoney(startingPrice, '0') > 0) return OK;
  const cut = parseMoney(previousStartingPrice).minus(parseMoney(startingPrice)).dividedBy(parseMoney(previousStartingPrice)).times(100).toDecimalPlaces(2, Money.ROUND_HALF_UP);
  return fail({
    code: 'RELIST_CUT_TOO_DEEP',
    field: 'startingPrice',
    article,
    message: `再次拍卖的起拍价降价幅度不得超过前次起拍价${formatMoney(previousStartingPrice)}元的20%，最低${formatMoney(floor)}元，现降${cut.toFixed(2)}%（网拍第26条） / A relisting may cut the previous starting price ${formatMoney(previousStartingPrice)} by at most 20 % (at least ${formatMoney(floor)}); the cut given is ${cut.toFixed(2)} % (网拍 Art. 26)`,
    figures: { previousStartingPrice: formatMoney(previousStartingPrice), startingPrice: formatMoney(startingPrice), minimum: formatMoney(floor), cutPercent: cut.toFixed(2), maxCutPercent: String(RELIST_MAX_CUT_PERCENT) },
  });
}

/** The last instant bidding of a relisting may start: the end of the 30th day after the first auction ended unsold. */
export function relistDeadline(unsoldAt: Date): Date {
  return endOfChinaDayAfter(unsoldAt, RELIST_WITHIN_DAYS);
}

/**
 * 网拍 Art. 26: after an unsold auction, the asset is auctioned again within 30 days; read as bidding of the relisting
 * starting by the end of the 30th day (the relisting is the auction, not only its announcement). Refused as well when
 * that day has already passed.
 */
export function checkRelistTiming(unsoldAt: Date, biddingStartsAt: Date, now: Date): RuleCheck {
  const deadline = relistDeadline(unsoldAt);
  const late = now.getTime() >= deadline.getTime();
  if (!late && biddingStartsAt.getTime() < deadline.getTime()) return OK;
  const days = calendarDaysBetween(unsoldAt, late ? now : biddingStartsAt);
  return fail({
    code: 'RELIST_TOO_LATE',
    field: late ? 'relist' : 'biddingStartsAt',
    article: '网拍 Art. 26',
    message: `流拍后应当在30日内再次拍卖（最迟${iso(deadline)}开始竞价），现为第${days}日（网拍第26条） / After an unsold auction the asset must be auctioned again within 30 days (bidding starting before ${iso(deadline)}); day ${days} given (网拍 Art. 26)`,
    figures: { unsoldAt: iso(unsoldAt), deadline: iso(deadline), givenDays: String(days), maxDays: String(RELIST_WITHIN_DAYS) },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Fixed-price sale (变卖): 网拍 Art. 26 para 2, 拍变 Art. 25

/** The terms of the fixed-price sale after the second failure: the second auction's starting price, for 60 days. */
export function fixedPriceSaleTerms(secondStartingPrice: string, startsAt: Date): { price: string; startsAt: Date; endsAt: Date } {
  return { price: formatMoney(secondStartingPrice), startsAt, endsAt: new Date(startsAt.getTime() + FIXED_PRICE_SALE_DAYS * DAY_MS) };
}

/** 网拍 Art. 26 para 2: a fixed-price sale follows only the failure of the second auction. */
export function checkFixedPriceSale(auction: { round: number; status: AuctionStatus }): RuleCheck {
  if (auction.round >= MAX_ROUNDS && auction.status === 'unsold') return OK;
  return fail({
    code: 'FIXED_PRICE_SALE_NOT_ALLOWED',
    field: 'status',
    article: '网拍 Art. 26',
    message: `只有再次拍卖流拍后才能变卖（网拍第26条第2款） / A fixed-price sale follows only an unsold second auction (网拍 Art. 26 para 2)`,
    figures: { round: String(auction.round), status: auction.status },
  });
}

export interface FullPayment {
  buyerId: string;
  amount: string;
  paidAt: Date;
}

/** 拍变: in a fixed-price sale the first buyer to pay the full price takes the asset; null when nobody has. */
export function firstFullPayment(payments: FullPayment[], price: string): FullPayment | null {
  const full = payments.filter((p) => isMoney(p.amount) && compareMoney(p.amount, price) >= 0);
  full.sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime());
  return full[0] ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Suspension and resumption (网拍 Art. 28)

/** The last instant the court may resume: the end of the 5th day after the cause of the suspension ended. */
export function resumeDeadline(causeEndedAt: Date): Date {
  return endOfChinaDayAfter(causeEndedAt, RESUME_WITHIN_DAYS);
}

/** 网拍 Art. 28: the court resumes within 5 days after the cause ends; the cause cannot end before the suspension or in the future. */
export function checkResume(r: { suspendedAt: Date; causeEndedAt: Date; now: Date }): RuleCheck {
  if (r.causeEndedAt.getTime() < r.suspendedAt.getTime() || r.causeEndedAt.getTime() > r.now.getTime()) {
    return fail({
      code: 'CAUSE_END_INVALID',
      field: 'causeEndedAt',
      article: '网拍 Art. 28',
      message: `暂缓或中止事由消失的时间应在暂缓之后、现在之前（网拍第28条） / The cause must have ended after the suspension and not in the future (网拍 Art. 28)`,
      figures: { causeEndedAt: iso(r.causeEndedAt), suspendedAt: iso(r.suspendedAt), now: iso(r.now) },
    });
  }
  const deadline = resumeDeadline(r.causeEndedAt);
  if (r.now.getTime() < deadline.getTime()) return OK;
  return fail({
    code: 'RESUME_TOO_LATE',
    field: 'causeEndedAt',
    article: '网拍 Art. 28',
    message: `暂缓或中止事由消失后应在5日内恢复拍卖（最迟${iso(deadline)}）；已逾期，请撤回后重新拍卖（网拍第28条） / The auction must resume within 5 days after the cause ended (by ${iso(deadline)}); too late: withdraw and auction anew (网拍 Art. 28)`,
    figures: { causeEndedAt: iso(r.causeEndedAt), deadline: iso(deadline), now: iso(r.now), maxDays: String(RESUME_WITHIN_DAYS) },
  });
}

export interface Schedule {
  biddingStartsAt: Date;
  biddingEndsAt: Date;
  fixedPriceEndsAt: Date | null;
}

/**
 * The schedule after a suspension from `suspendedAt` to `resumedAt`: everything still ahead when the auction was
 * suspended moves by the time suspended, so bidders keep the notice and the bidding time they had. What had already
 * happened (a bidding start in the past) stays.
 */
export function shiftSchedule(s: Schedule, suspendedAt: Date, resumedAt: Date): Schedule {
  const by = Math.max(0, resumedAt.getTime() - suspendedAt.getTime());
  const shift = (d: Date) => (d.getTime() >= suspendedAt.getTime() ? new Date(d.getTime() + by) : d);
  return {
    biddingStartsAt: shift(s.biddingStartsAt),
    biddingEndsAt: shift(s.biddingEndsAt),
    fixedPriceEndsAt: s.fixedPriceEndsAt ? shift(s.fixedPriceEndsAt) : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Live bidding helpers (the next issue's use cases call these)

export interface Bid {
  amount: string;
  /** Server receipt time (网拍 Art. 20 para 2). */
  at: Date;
  /** The priority rank of a confirmed priority-right holder (网拍 Art. 19); null for other bidders. */
  priorityRank: number | null;
}

/**
 * Orders two bids: negative when `a` leads `b`. Higher amount first; at the same amount a priority-right holder beats
 * an ordinary bidder, a holder of an earlier rank beats a later one, and at the same rank the earlier bid wins
 * (网拍 Art. 21); between ordinary bidders the earlier bid.
 */
export function compareBids(a: Bid, b: Bid): number {
  const byAmount = compareMoney(b.amount, a.amount);
  if (byAmount !== 0) return byAmount;
  const rankA = a.priorityRank ?? Number.POSITIVE_INFINITY;
  const rankB = b.priorityRank ?? Number.POSITIVE_INFINITY;
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  return a.at.getTime() - b.at.getTime();
}

/** The leading bid (the winner at the end), or null when there is none. */
export function leadingBid<B extends Bid>(bids: B[]): B | null {
  return bids.reduce<B | null>((best, b) => (best === null || compareBids(b, best) < 0 ? b : best), null);
}

/**
 * The least amount a bidder may bid now (网拍 Art. 20, 21): the starting price when nobody has bid; otherwise the leading
 * amount plus the increment, except that a priority-right holder who would win a tie may match the leading amount.
 */
export function nextMinimumBid(
  terms: { startingPrice: string; increment: string },
  leading: Pick<Bid, 'amount' | 'priorityRank'> | null,
  bidderPriorityRank: number | null = null,
): Money {
  if (!leading) return parseMoney(terms.startingPrice);
  const winsTie = bidderPriorityRank !== null && (leading.priorityRank === null || bidderPriorityRank < leading.priorityRank);
  return winsTie ? parseMoney(leading.amount) : parseMoney(leading.amount).plus(parseMoney(terms.increment));
}

/**
 * 网拍 Art. 20: a bid received in the last 5 minutes before the end moves the end to the bid's time + 5 minutes,
 * repeatedly and without cap. A bid earlier than that, or after the end (refused by the caller), leaves the end.
 * Never shortens the end.
 */
export function extendEnd(endsAt: Date, bidAt: Date): Date {
  const t = bidAt.getTime();
  const end = endsAt.getTime();
  if (t > end || t < end - EXTENSION_MINUTES * MINUTE_MS) return endsAt;
  return new Date(Math.max(end, t + EXTENSION_MINUTES * MINUTE_MS));
}

/**
 * Whether `amount` is a bid the court's terms allow now (网拍 Art. 20, 21): the first bid at least the starting price;
 * after that the leading amount plus a whole number (at least one) of increments, except that a priority-right holder
 * who would win the tie may bid the leading amount itself. Returns the refusal's kind and the least amount allowed.
 */
export function checkBidAmount(
  terms: { startingPrice: string; increment: string },
  leading: Pick<Bid, 'amount' | 'priorityRank'> | null,
  bidderPriorityRank: number | null,
  amount: string,
): { ok: true } | { ok: false; reason: 'too_low' | 'off_increment'; minimum: Money } {
  const minimum = nextMinimumBid(terms, leading, bidderPriorityRank);
  if (compareMoney(amount, minimum) < 0) return { ok: false, reason: 'too_low', minimum };
  if (leading && !parseMoney(amount).minus(parseMoney(leading.amount)).mod(parseMoney(terms.increment)).isZero()) {
    return { ok: false, reason: 'off_increment', minimum };
  }
  return { ok: true };
}

/** A bidder's hidden maximum (代理出价), where the court allows proxy bidding. */
export interface ProxyMax {
  registrationId: string;
  bidderCode: string;
  priorityRank: number | null;
  max: string;
  /** When it was set: at equal maxima the earlier one leads. */
  setAt: Date;
}

export interface AutoBid {
  registrationId: string;
  bidderCode: string;
  priorityRank: number | null;
  amount: string;
}

/**
 * The bids the engine places for proxy maxima after a change (a bid, or a maximum set), in the order they go in the
 * log. Every amount obeys `checkBidAmount`: the first at least the starting price, each after it the leading amount
 * plus whole increments. The outcome is that of an ascending auction between the maxima, decided at once:
 * - the strongest maximum leads (the highest amount it can reach on the increment grid; at equal reach the earlier
 *   set); the second strongest (a maximum, or the leader's own bid) sets the price;
 * - the runner-up's proxy bids the most it can that the winner can still beat (its reach, or one increment less
 *   when they reach the same amount; not when the runner-up is the current leader, who is simply outbid), then the
 *   winner bids one increment more, or its reach when they tie;
 * - nothing is bid when no maximum other than the leader's can beat the leading amount.
 * Bidders' codes only; the maxima stay hidden (only the bids they cause are public).
 */
export function proxyBids(
  terms: { startingPrice: string; increment: string },
  leading: { registrationId: string; amount: string; priorityRank: number | null } | null,
  proxies: ProxyMax[],
): AutoBid[] {
  const inc = parseMoney(terms.increment);
  const anchor = parseMoney(leading ? leading.amount : terms.startingPrice);
  const firstStep = leading ? 1 : 0;
  /** The highest amount `max` reaches on the grid anchor + k × increment (k ≥ firstStep), or null. */
  const reach = (max: string): Money | null => {
    const room = parseMoney(max).minus(anchor);
    if (room.isNegative()) return null;
    const k = room.div(inc).floor();
    return k.lessThan(firstStep) ? null : anchor.plus(inc.times(k));
  };
  interface Contender {
    proxy: ProxyMax | null;
    registrationId: string;
    reach: Money;
    order: number;
  }
  const challengers: Contender[] = [];
  let leader: Contender | null = null;
  for (const p of proxies) {
    const r = reach(p.max);
    if (leading && p.registrationId === leading.registrationId) {
      leader = { proxy: p, registrationId: p.registrationId, reach: r ?? anchor, order: p.setAt.getTime() };
    } else if (r) {
      challengers.push({ proxy: p, registrationId: p.registrationId, reach: r, order: p.setAt.getTime() });
    }
  }
  if (challengers.length === 0) return [];
  if (leading && !leader) leader = { proxy: null, registrationId: leading.registrationId, reach: anchor, order: Number.NEGATIVE_INFINITY };
  const contenders = leader ? [...challengers, leader] : challengers;
  contenders.sort((a, b) => b.reach.comparedTo(a.reach) || a.order - b.order);
  const [winner, second] = contenders as [Contender, Contender | undefined];
  const bidOf = (c: Contender, amount: Money): AutoBid => ({ registrationId: c.registrationId, bidderCode: c.proxy!.bidderCode, priorityRank: c.proxy!.priorityRank, amount: formatMoney(amount) });
  if (!second) return [bidOf(winner, anchor)];
  const tie = winner.reach.equals(second.reach);
  const winning = tie ? winner.reach : second.reach.plus(inc);
  const runnerUp = winning.minus(inc);
  const bids: AutoBid[] = [];
  // The runner-up's proxy bids only an amount it may bid now (above the leading amount, or at least the starting
  // price), and never against its own lead: a leader outbid by a stronger maximum simply loses the lead to it.
  const runnerUpLeads = leading !== null && second.registrationId === leading.registrationId;
  const runnerUpMayBid = second.proxy !== null && !runnerUpLeads && (leading ? runnerUp.greaterThan(anchor) : runnerUp.greaterThanOrEqualTo(anchor));
  if (runnerUpMayBid) bids.push(bidOf(second, runnerUp));
  if (winner.proxy !== null && !(leading && winner.registrationId === leading.registrationId && !runnerUpMayBid && winning.equals(anchor))) bids.push(bidOf(winner, winning));
  return bids;
}
