/**
 * Pure rules of control measures (控): which measure an asset takes, its legal term, renewal, the enforcement costs
 * and the no-over-seizure limit. Values in, values out; `now` is passed in; money is Decimal.
 */
import type { AssetKind } from '../../../shared/institution-protocol';
import { add, compareMoney, formatMoney, isMoney, isPositive, minMoney, Money, sub, ZERO } from '../../../shared/money';
import { MEASURE_STATUSES } from '../../../shared/schemas/measures';

export { MEASURE_STATUSES };
export type MeasureKind = 'freeze' | 'seizure';
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export type PendingOrder = 'renew' | 'release' | 'deduct';

/** Statuses in which a measure binds (or is about to bind) the asset, and so counts against the over-seizure limit. */
export const ACTIVE_STATUSES = ['pending', 'in_force', 'queued'] as const satisfies readonly MeasureStatus[];
/** Statuses after which nothing can be done with a measure any more. */
export const ENDED_STATUSES = ['rejected', 'released', 'lapsed', 'exhausted'] as const satisfies readonly MeasureStatus[];

const FUNDS: readonly AssetKind[] = ['deposit', 'payment_balance', 'housing_fund'];

/** Funds are frozen (冻结); registered property is seized (查封); securities and equity are property rights, frozen. */
export function measureKindFor(assetKind: AssetKind): MeasureKind {
  return assetKind === 'real_estate' || assetKind === 'vehicle' ? 'seizure' : 'freeze';
}

/** Money is divisible by nature: only non-fund assets can be recorded as indivisible (查扣冻 Art. 19 para 2). */
export function isFunds(assetKind: AssetKind): boolean {
  return FUNDS.includes(assetKind);
}

/**
 * The maximum term in years (民诉解释 Art. 485 para 1): bank deposits 1 year; movables (vehicles) 2 years; real estate
 * and other property rights (securities, equity) 3 years. Payment-platform balances and housing-fund balances are
 * funds held for the debtor like a bank deposit and frozen the same way through the same online channel (网查 Art. 10),
 * so they take the deposit term of 1 year; treating them as "other property rights" (3 years) would let a freeze of
 * money outlast what the article allows for money in a bank.
 */
export function maxTermFor(assetKind: AssetKind): number {
  if (FUNDS.includes(assetKind)) return 1;
  if (assetKind === 'vehicle') return 2;
  return 3;
}

/** `years` calendar years after `from`; a 29 February start ends on 28 February (never a day beyond the term). */
export function addYears(from: Date, years: number): Date {
  const d = new Date(from.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  if (d.getUTCDate() !== from.getUTCDate()) d.setUTCDate(0);
  return d;
}

/** The latest expiry the law allows for a measure on this kind of asset taking effect at `from`. */
export function maxExpiry(assetKind: AssetKind, from: Date): Date {
  return addYears(from, maxTermFor(assetKind));
}

export type TermCheck =
  | { ok: true; expiresAt: Date }
  | { ok: false; code: 'TERM_TOO_LONG' | 'TERM_NOT_FUTURE'; maxUntil: Date; message: string };

/**
 * The expiry of a measure ordered at `from`: the requested date, which may be shorter than the maximum term but
 * never longer (民诉解释 Art. 485 para 1), or the maximum when none is requested.
 */
export function expiryFor(assetKind: AssetKind, from: Date, requestedUntil?: Date): TermCheck {
  const maxUntil = maxExpiry(assetKind, from);
  if (!requestedUntil) return { ok: true, expiresAt: maxUntil };
  if (requestedUntil.getTime() <= from.getTime()) {
    return { ok: false, code: 'TERM_NOT_FUTURE', maxUntil, message: '期限届满日须晚于现在 / The expiry must be in the future' };
  }
  if (requestedUntil.getTime() > maxUntil.getTime()) {
    return {
      ok: false,
      code: 'TERM_TOO_LONG',
      maxUntil,
      message: `期限不得超过${maxTermFor(assetKind)}年（民诉解释第485条），最迟至${maxUntil.toISOString()} / The term may not exceed ${maxTermFor(assetKind)} year(s) (民诉解释 Art. 485): at the latest ${maxUntil.toISOString()}`,
    };
  }
  return { ok: true, expiresAt: requestedUntil };
}

export interface RenewableMeasure {
  status: MeasureStatus;
  assetKind: AssetKind;
  expiresAt: Date;
  pendingOrder: PendingOrder | null;
}

export type RenewCheck =
  | { ok: true }
  | { ok: false; code: 'MEASURE_ENDED' | 'MEASURE_BUSY' | 'MEASURE_EXPIRED' | 'TERM_TOO_LONG' | 'TERM_NOT_FUTURE'; message: string; maxUntil?: Date };

/**
 * Whether a measure may be renewed (续行) to `newUntil` at `now`: only a measure in force or queued, before it expires
 * (查扣冻 Art. 27: once expired unrenewed it has lost its effect), with no other order in flight, to a date after the
 * current expiry and at most the maximum term from now (民诉解释 Art. 485 para 2: "续行期限不得超过前款规定的期限").
 * Counting the renewed term from now rather than from the old expiry is the stricter reading: it never exceeds the
 * maximum under either.
 */
export function canRenew(measure: RenewableMeasure, now: Date, newUntil: Date): RenewCheck {
  if (measure.status !== 'in_force' && measure.status !== 'queued') {
    if (measure.status === 'pending') return { ok: false, code: 'MEASURE_BUSY', message: '措施尚未执行完毕，不能续行 / The measure has not taken effect yet' };
    return { ok: false, code: 'MEASURE_ENDED', message: '措施已终结，不能续行 / The measure has ended; it cannot be renewed' };
  }
  if (measure.pendingOrder) return { ok: false, code: 'MEASURE_BUSY', message: '该措施另有指令正在办理 / Another order on this measure is in progress' };
  if (measure.expiresAt.getTime() <= now.getTime()) {
    return { ok: false, code: 'MEASURE_EXPIRED', message: '期限已届满，不能续行（查扣冻第27条） / The term has expired; it can no longer be renewed (查扣冻 Art. 27)' };
  }
  const maxUntil = maxExpiry(measure.assetKind, now);
  if (newUntil.getTime() <= measure.expiresAt.getTime()) {
    return { ok: false, code: 'TERM_NOT_FUTURE', maxUntil, message: '续行期限须晚于现有期限 / The renewed expiry must be after the current one' };
  }
  if (newUntil.getTime() > maxUntil.getTime()) {
    return {
      ok: false,
      code: 'TERM_TOO_LONG',
      maxUntil,
      message: `续行期限不得超过${maxTermFor(measure.assetKind)}年（民诉解释第485条第2款），最迟至${maxUntil.toISOString()} / A renewal may not exceed ${maxTermFor(measure.assetKind)} year(s) (民诉解释 Art. 485 para 2): at the latest ${maxUntil.toISOString()}`,
    };
  }
  return { ok: true };
}

/**
 * The enforcement application fee (执行申请费) on an amount, 诉讼费用交纳办法 Art. 14(1): up to 10,000 yuan, 50 yuan;
 * the part above 10,000 up to 500,000 at 1.5 %; above 500,000 up to 5,000,000 at 1 %; above 5,000,000 up to
 * 10,000,000 at 0.5 %; above 10,000,000 at 0.1 %. Brackets are cumulative; rounded half-up to the fen.
 */
export function enforcementCosts(claim: Money | string): Money {
  const amount = new Money(claim);
  if (amount.lessThanOrEqualTo(0)) return ZERO;
  const brackets: [number, number | null, string][] = [
    [10_000, 500_000, '0.015'],
    [500_000, 5_000_000, '0.01'],
    [5_000_000, 10_000_000, '0.005'],
    [10_000_000, null, '0.001'],
  ];
  let fee = new Money(50);
  for (const [from, to, rate] of brackets) {
    if (amount.lessThanOrEqualTo(from)) break;
    const top = to === null ? amount : Money.min(amount, to);
    fee = fee.plus(top.minus(from).times(rate));
  }
  return fee.toDecimalPlaces(2, Money.ROUND_HALF_UP);
}

export interface CommittedMeasure {
  kind: MeasureKind;
  status: MeasureStatus;
  requestedAmount: string | null;
  frozenAmount: string | null;
  deductedAmount: string;
}

/**
 * What the case's measures already bind, for the over-seizure limit: over the active measures (pending, in force,
 * queued), a freeze in force counts the amount the institution actually froze less what has been deducted from it
 * (deducted money has already reduced the outstanding claim, so counting it again would count it twice); a pending or
 * queued freeze counts the amount requested; a seizure counts the asset's indicative value recorded when it was
 * ordered (its `requestedAmount`; unknown counts 0 until a valuation exists).
 */
export function committedOf(measures: CommittedMeasure[]): Money {
  let sum = ZERO;
  for (const m of measures) {
    if (!(ACTIVE_STATUSES as readonly string[]).includes(m.status)) continue;
    if (m.kind === 'freeze' && m.status === 'in_force') sum = sum.plus(sub(m.frozenAmount ?? '0', m.deductedAmount));
    else sum = sum.plus(m.requestedAmount ?? '0');
  }
  return sum;
}

export interface SeizureFigures {
  outstanding: string;
  costs: string;
  /** outstanding + costs */
  limit: string;
  committed: string;
  requested: string;
  /** committed + requested − limit */
  excess: string;
}

/**
 * 查扣冻 Art. 19: measures may bind only what suffices for the claim determined by the judgment and the enforcement
 * costs. Returns null when `committed + requested` stays within `outstanding + costs`, else the figures.
 */
export function overSeizure(input: { outstanding: Money | string; costs: Money | string; committed: Money | string; requested: Money | string }): SeizureFigures | null {
  const limit = add(input.outstanding, input.costs);
  const total = add(input.committed, input.requested);
  if (compareMoney(total, limit) <= 0) return null;
  return {
    outstanding: formatMoney(input.outstanding),
    costs: formatMoney(input.costs),
    limit: formatMoney(limit),
    committed: formatMoney(input.committed),
    requested: formatMoney(input.requested),
    excess: formatMoney(total.minus(limit)),
  };
}

/** What may still be bound without over-seizure: limit − committed, never below zero. */
export function seizureRoom(input: { outstanding: Money | string; costs: Money | string; committed: Money | string }): Money {
  const room = sub(add(input.outstanding, input.costs), input.committed);
  return room.isNegative() ? ZERO : room;
}

/**
 * The amount a freeze asks for: the one given, or else the asset's balance capped by the room left under the limit.
 * Null when there is nothing to default to (no balance, or no room).
 */
export function defaultFreezeAmount(balance: string | null, room: Money): Money | null {
  if (balance === null || !isPositive(balance) || !isPositive(room)) return null;
  return minMoney(balance, room);
}

/** What an in-force freeze still holds: frozen − deducted. */
export function available(frozenAmount: string | null, deductedAmount: string): Money {
  const left = sub(frozenAmount ?? '0', deductedAmount);
  return left.isNegative() ? ZERO : left;
}

/** A money string a person may order: well-formed, at most 2 decimals, greater than zero. */
export function isPositiveMoney(value: unknown): value is string {
  return isMoney(value) && isPositive(value);
}

const DAY_MS = 86_400_000;

/** When to remind the judge of an expiry `daysBefore` days ahead (保全 Art. 18: apply to renew ≥ 7 days before). */
export function remindAt(expiresAt: Date, daysBefore: number): Date {
  return new Date(expiresAt.getTime() - daysBefore * DAY_MS);
}

/** Whole days left until the expiry, rounded up (0 when expired). */
export function daysLeft(expiresAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
}
