/**
 * The rules of 最高人民法院关于人民法院确定财产处置参考价若干问题的规定 (参考价), as pure functions: values in, values
 * out, `now` passed in. Money is Decimal (shared/money.ts); times are Dates.
 */
import { createHash } from 'node:crypto';
import type { AssetKind } from '../../../shared/institution-protocol';
import { formatMoney, isMoney, Money, parseMoney } from '../../../shared/money';
import type { ValuationMethod } from './valuation.tables';

export const DAY_MS = 86_400_000;

/** 参考价 Art. 2, 4–7, 14: negotiated → directed inquiry → online inquiry → appraisal. */
export const METHOD_ORDER: readonly ValuationMethod[] = ['negotiated', 'directedInquiry', 'onlineInquiry', 'appraisal'];

/** Assets sold at auction and therefore valued. Funds are deducted, never sold (no reference price is needed). */
export const VALUED_KINDS: readonly AssetKind[] = ['real_estate', 'vehicle', 'securities', 'equity'];

/**
 * Which methods the law allows for an asset kind:
 * - directed inquiry needs a tax base, a government or a government-guided price (参考价 Art. 5): real estate (the
 *   tax authority's assessed value) and vehicles (the tax base price of the model);
 * - online inquiry needs no site inspection or expert examination and enough market data (Art. 7): real estate,
 *   vehicles, listed securities; equity needs an audit and goes to appraisal;
 * - negotiation and appraisal are open to every asset (Art. 4, 14).
 */
export function methodAvailable(method: ValuationMethod, kind: AssetKind): boolean {
  if (!VALUED_KINDS.includes(kind)) return false;
  if (method === 'directedInquiry') return kind === 'real_estate' || kind === 'vehicle';
  if (method === 'onlineInquiry') return kind === 'real_estate' || kind === 'vehicle' || kind === 'securities';
  return true;
}

/** The next method the law allows after `after` (null: the first), or null when none is left. */
export function nextMethod(after: ValuationMethod | null, kind: AssetKind): ValuationMethod | null {
  const from = after === null ? 0 : METHOD_ORDER.indexOf(after) + 1;
  return METHOD_ORDER.slice(from).find((m) => methodAvailable(m, kind)) ?? null;
}

/** True when `target` comes later than `current` in the legal order (a skip that needs the parties' agreement). */
export function isLater(target: ValuationMethod, current: ValuationMethod): boolean {
  return METHOD_ORDER.indexOf(target) > METHOD_ORDER.indexOf(current);
}

/** Only negotiated and directed results are final at once: the parties may not object to them (参考价 Art. 24 para 2). */
export function objectionsAllowed(method: ValuationMethod): boolean {
  return method === 'onlineInquiry' || method === 'appraisal';
}

export function isPositiveMoney(value: unknown): value is string {
  return isMoney(value) && parseMoney(value).greaterThan(0);
}

/** The mean of the amounts, rounded half-up to the fen (参考价 Art. 13). Throws on an empty list. */
export function meanOf(amounts: readonly (string | Money)[]): string {
  if (amounts.length === 0) throw new RangeError('mean of no results');
  const sum = amounts.reduce<Money>((s, a) => s.plus(parseMoney(a)), new Money(0));
  return formatMoney(sum.dividedBy(amounts.length));
}

/** `years` calendar years after `from`; 29 February ends on 28 February (never a day beyond). */
export function addYears(from: Date, years: number): Date {
  const d = new Date(from.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  if (d.getUTCDate() !== from.getUTCDate()) d.setUTCDate(0);
  return d;
}

/** `months` calendar months after `from`, clamped to the month's last day. */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export const addDays = (from: Date, days: number): Date => new Date(from.getTime() + days * DAY_MS);

// ---------------------------------------------------------------- validity (参考价 Art. 27)

export type ValidityCheck = { ok: true; validUntil: Date } | { ok: false; maxUntil: Date };

/**
 * A result is valid at most 1 year from when it is fixed (参考价 Art. 27 para 1–2); the parties or the report may set
 * a shorter validity, never one ending at or before the fixing.
 */
export function validityFor(fixedAt: Date, requested?: Date | null): ValidityCheck {
  const maxUntil = addYears(fixedAt, 1);
  if (!requested) return { ok: true, validUntil: maxUntil };
  if (requested.getTime() > maxUntil.getTime() || requested.getTime() <= fixedAt.getTime()) return { ok: false, maxUntil };
  return { ok: true, validUntil: requested };
}

/** A reference price is in force while fixed and before its validity ends. */
export function inForce(price: { fixedAt: Date; validUntil: Date }, now: Date): boolean {
  return price.fixedAt.getTime() <= now.getTime() && now.getTime() < price.validUntil.getTime();
}

/**
 * Whether an auction (or a direct fixed-price sale) may go ahead on this reference price without a new valuation:
 * first announced within validity, and the sale not more than 6 months after the validity ended (参考价 Art. 27 para 3).
 */
export function mayProceedOnReferencePrice(price: { fixedAt: Date; validUntil: Date }, firstAnnouncedAt: Date, saleAt: Date): boolean {
  if (!inForce(price, firstAnnouncedAt)) return false;
  return saleAt.getTime() <= addMonths(price.validUntil, 6).getTime();
}

// ---------------------------------------------------------------- online inquiry (参考价 Art. 10, 11, 13)

/** Each platform answers within 3 days of the commission (参考价 Art. 11 para 1). */
export const PLATFORM_DAYS = 3;
/** If none answered in time, all get one extension of 3 days (Art. 11 para 2). */
export const PLATFORM_EXTENSION_DAYS = 3;

export interface PlatformAnswer {
  code: string;
  /** When the platform issued its report; null while it has not answered. */
  issuedAt: Date | null;
  amount: string | null;
  /** Dropped after an upheld objection (Art. 13 para 2). */
  dropped?: boolean;
}

export type OnlineOutcome =
  | { kind: 'waiting'; deadline: Date; extended: boolean }
  | { kind: 'reported'; deadline: Date; extended: boolean; inTime: string[]; late: string[]; unanswered: string[]; amount: string }
  | { kind: 'failed'; deadline: Date; extended: boolean; late: string[]; unanswered: string[] };

/**
 * Where an online inquiry stands at `now`, from the platforms' answers and their issue times:
 * - every platform answered by the 3-day deadline: reported at once, mean of all (Art. 13 para 1);
 * - before the deadline: waiting;
 * - at the deadline some answered: reported, mean of those in time; later answers are late and not counted;
 * - none answered by the deadline: all get one 3-day extension (Art. 11 para 2), then the same again;
 * - none by the extended deadline: failed, the court commissions an appraisal (Art. 11 para 3, 14).
 */
export function evaluateOnlineInquiry(input: { requestedAt: Date; answers: readonly PlatformAnswer[]; now: Date }): OnlineOutcome {
  const { requestedAt, answers, now } = input;
  const first = addDays(requestedAt, PLATFORM_DAYS);
  const second = addDays(first, PLATFORM_EXTENSION_DAYS);
  const by = (d: Date) => answers.filter((a) => a.issuedAt !== null && a.amount !== null && a.issuedAt.getTime() <= d.getTime());
  const settle = (deadline: Date, extended: boolean): OnlineOutcome => {
    const inTime = by(deadline);
    const inCodes = new Set(inTime.map((a) => a.code));
    const late = answers.filter((a) => a.issuedAt !== null && !inCodes.has(a.code)).map((a) => a.code);
    const unanswered = answers.filter((a) => a.issuedAt === null).map((a) => a.code);
    const counted = inTime.filter((a) => !a.dropped);
    if (counted.length === 0) return { kind: 'failed', deadline, extended, late, unanswered };
    return { kind: 'reported', deadline, extended, inTime: inTime.map((a) => a.code), late, unanswered, amount: meanOf(counted.map((a) => a.amount!)) };
  };
  if (answers.length > 0 && by(first).length === answers.length) return settle(first, false);
  if (now.getTime() < first.getTime()) return { kind: 'waiting', deadline: first, extended: false };
  if (by(first).length > 0) return settle(first, false);
  if (answers.length > 0 && by(second).length === answers.length) return settle(second, true);
  if (now.getTime() < second.getTime()) return { kind: 'waiting', deadline: second, extended: true };
  return settle(second, true);
}

/** The mean of the in-time results not dropped by an upheld objection, or null when none remains (Art. 13 para 2). */
export function meanAfterObjections(results: readonly { amount: string; dropped: boolean }[]): string | null {
  const kept = results.filter((r) => !r.dropped);
  return kept.length === 0 ? null : meanOf(kept.map((r) => r.amount));
}

// ---------------------------------------------------------------- delivery and objections (参考价 Art. 21–24)

export const OBJECTION_DAYS = 5;
/** Published on the enforcement information site when a party cannot be reached: deemed received after 15 days. */
export const PUBLIC_NOTICE_DAYS = 15;
export const DELIVERY_METHODS = ['direct', 'electronic', 'post', 'public_notice'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** When the parties are deemed to have received the report (参考价 Art. 21 para 2). */
export function receivedAtFor(deliveredAt: Date, method: DeliveryMethod): Date {
  return method === 'public_notice' ? addDays(deliveredAt, PUBLIC_NOTICE_DAYS) : deliveredAt;
}

/** The last moment of the 5-day objection window (参考价 Art. 22 para 1, 24 para 1). */
export function objectionDeadline(receivedAt: Date): Date {
  return addDays(receivedAt, OBJECTION_DAYS);
}

// ---------------------------------------------------------------- appraisal (参考价 Art. 16, 19)

export const APPRAISAL_DAYS = 30;
export const MAX_APPRAISAL_EXTENSIONS = 2;
export const MAX_EXTENSION_DAYS = 15;
/** A firm applies for an extension at least 5 days before its deadline (Art. 19 para 2). */
export const EXTENSION_NOTICE_DAYS = 5;
export const FIRMS_CHOSEN = 3;

export interface Extension {
  days: number;
  at: string;
}

/** The firm's deadline: 30 days from the commission plus the extensions granted (Art. 19). */
export function appraisalDue(commissionedAt: Date, extensions: readonly Extension[]): Date {
  return addDays(commissionedAt, APPRAISAL_DAYS + extensions.reduce((s, e) => s + e.days, 0));
}

export type ExtensionCheck =
  | { ok: true; due: Date }
  | { ok: false; code: 'TOO_MANY' | 'TOO_LONG' | 'TOO_LATE'; message: string };

/** At most 2 extensions of at most 15 days each, applied for at least 5 days before the deadline (Art. 19 para 2). */
export function checkExtension(input: { commissionedAt: Date; extensions: readonly Extension[]; days: number; now: Date }): ExtensionCheck {
  const { commissionedAt, extensions, days, now } = input;
  if (extensions.length >= MAX_APPRAISAL_EXTENSIONS) {
    return { ok: false, code: 'TOO_MANY', message: '评估期限最多延长两次（参考价第19条） / An appraisal may be extended at most twice (参考价 Art. 19)' };
  }
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) {
    return { ok: false, code: 'TOO_LONG', message: '每次延长不超过十五日（参考价第19条） / Each extension is at most 15 days (参考价 Art. 19)' };
  }
  const due = appraisalDue(commissionedAt, extensions);
  if (now.getTime() > addDays(due, -EXTENSION_NOTICE_DAYS).getTime()) {
    return {
      ok: false,
      code: 'TOO_LATE',
      message: '评估机构应在期限届满五日前申请延期（参考价第19条） / The firm must apply at least 5 days before its deadline (参考价 Art. 19)',
    };
  }
  return { ok: true, due: addDays(due, days) };
}

// ---------------------------------------------------------------- the lottery (摇号, 参考价 Art. 16)

export interface LotteryDraw {
  seed: string;
  /** The pool in canonical order (codes sorted), which is what the draw shuffles. */
  pool: string[];
  /** The firms drawn, in their order. */
  draw: string[];
  algorithm: string;
}

export const LOTTERY_ALGORITHM =
  'Fisher–Yates over the pool sorted by code; for i = n-1 … 1, j = uint32(SHA-256(seed + ":" + i)[0..4], big-endian) mod (i + 1); the first 3 are the draw';

/**
 * Draws `count` firms in order from the pool by a seeded shuffle anyone can re-run from the recorded seed and pool
 * (参考价 Art. 16, 34: the lottery is recorded and kept). The pool is sorted first, so the draw does not depend on the
 * order the list was read in.
 */
export function drawFirms(seed: string, pool: readonly string[], count: number = FIRMS_CHOSEN): LotteryDraw {
  const sorted = [...new Set(pool)].sort();
  if (sorted.length < count) throw new RangeError(`a pool of ${sorted.length} cannot give ${count}`);
  const a = [...sorted];
  for (let i = a.length - 1; i > 0; i--) {
    const j = createHash('sha256').update(`${seed}:${i}`).digest().readUInt32BE(0) % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return { seed, pool: sorted, draw: a.slice(0, count), algorithm: LOTTERY_ALGORITHM };
}

// ---------------------------------------------------------------- the court's deadlines

/** The court's default deadline for the parties' negotiated price (参考价 Art. 4: 指定期限), and the longest it allows. */
export const NEGOTIATION_DAYS = 7;
export const MAX_NEGOTIATION_DAYS = 30;
/** The completion term written in the directed inquiry letter (询价函, 参考价 Art. 6). */
export const DIRECTED_DAYS = 10;
/** The parties' term to agree on three appraisal firms before the lottery (参考价 Art. 16: 指定期限). */
export const FIRM_CHOICE_DAYS = 7;
/** Start the sale within 10 days of the price being fixed (参考价 Art. 30). */
export const SALE_START_DAYS = 10;
/** Start the valuation within 30 days of the seizure (参考价 Art. 1). */
export const START_DAYS = 30;
