/**
 * Money on decimal.js. Amounts are CNY yuan with two decimals; they cross the wire as strings like "1234.50"
 * and are never held in a JS number (ARCHITECTURE invariant 6).
 */
import Decimal from 'decimal.js';

/** A private Decimal constructor so global configuration elsewhere cannot change money arithmetic. */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = InstanceType<typeof Money>;

/** Accepts "1234", "1234.5", "1234.50"; no exponent, no sign other than a leading minus, at most 2 decimals. */
export const MONEY_PATTERN = /^-?(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

export class MoneyFormatError extends Error {}

/** Parses a money string (or a Decimal) strictly. Throws MoneyFormatError on anything else. */
export function parseMoney(value: string | Money): Money {
  if (value instanceof Money) return value;
  if (typeof value !== 'string' || !MONEY_PATTERN.test(value.trim())) {
    throw new MoneyFormatError(`not a money amount: ${JSON.stringify(value)}`);
  }
  return new Money(value.trim());
}

/** True when the string is a well-formed money amount. */
export function isMoney(value: unknown): value is string {
  return typeof value === 'string' && MONEY_PATTERN.test(value.trim());
}

/** Formats as a fixed two-decimal string, e.g. "1234.50". */
export function formatMoney(value: Money | string): string {
  return parseMoneyLoose(value).toFixed(2, Money.ROUND_HALF_UP);
}

/** Formats for people: thousands separators and the yuan sign, e.g. "¥1,234.50". */
export function displayMoney(value: Money | string): string {
  const fixed = formatMoney(value);
  const negative = fixed.startsWith('-');
  const [int = '0', frac = '00'] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${frac}`;
}

function parseMoneyLoose(value: Money | string): Money {
  return value instanceof Money ? value : new Money(value);
}

export const ZERO: Money = new Money(0);

export function add(...values: (Money | string)[]): Money {
  return values.reduce<Money>((sum, v) => sum.plus(parseMoneyLoose(v)), ZERO);
}

export function sub(a: Money | string, b: Money | string): Money {
  return parseMoneyLoose(a).minus(parseMoneyLoose(b));
}

/** -1, 0 or 1. */
export function compareMoney(a: Money | string, b: Money | string): -1 | 0 | 1 {
  return parseMoneyLoose(a).comparedTo(parseMoneyLoose(b)) as -1 | 0 | 1;
}

export function isPositive(value: Money | string): boolean {
  return parseMoneyLoose(value).greaterThan(0);
}

/** `percent` of `value`, rounded half-up to the fen: percentOf("1000", 5) = 50.00. */
export function percentOf(value: Money | string, percent: number | string): Money {
  return parseMoneyLoose(value).times(new Money(percent)).dividedBy(100).toDecimalPlaces(2, Money.ROUND_HALF_UP);
}

/** What percentage `part` is of `whole`, to 2 decimals (e.g. "70.00"). */
export function ratioPercent(part: Money | string, whole: Money | string): Money {
  const w = parseMoneyLoose(whole);
  if (w.isZero()) throw new RangeError('ratio against zero');
  return parseMoneyLoose(part).dividedBy(w).times(100).toDecimalPlaces(2, Money.ROUND_HALF_UP);
}

export function minMoney(a: Money | string, b: Money | string): Money {
  return Money.min(parseMoneyLoose(a), parseMoneyLoose(b));
}
