/**
 * Pure rules of closing a case: 执行完毕 (fully enforced), 终本 (terminated for lack of assets) and its re-checks.
 * Values in, values out; `now` is passed in; money is Decimal. The article of law is cited where each rule is.
 *
 * 终本规定 = 最高人民法院《关于严格规范终结本次执行程序的规定（试行）》(法〔2016〕373号), DOMAIN.md "终本 rules";
 * 民诉解释 = civil-procedure-interpretation-2022.md (Art. 517: the ruling and the creditor's right to apply again).
 */
import { compareMoney, isPositive } from '../../../shared/money';
import type { ClosingConditionCode } from '../../../shared/schemas/closing';

const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * `at` plus `months` calendar months on the China calendar (UTC+8), at the same time of day; a day the target month
 * lacks becomes its last day (30 Nov + 3 months = 28 Feb, or 29 in a leap year).
 */
export function addCalendarMonths(at: Date, months: number): Date {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const shifted = Date.UTC(targetYear, targetMonth, day, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
  return new Date(shifted - CHINA_OFFSET_MS);
}

/** The China calendar day of an instant, as YYYY-MM-DD. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** 终本规定 Art. 1 (四): more than three months since the case was filed (strictly after filing + 3 calendar months). */
export const TERMINATION_MIN_MONTHS = 3;
export function filedLongEnough(filedAt: Date, now: Date): boolean {
  return now.getTime() > addCalendarMonths(filedAt, TERMINATION_MIN_MONTHS).getTime();
}

/** 终本规定 Art. 9: every 6 months for 5 years after termination, the debtor's assets are queried online again. */
export const RECHECK_INTERVAL_MONTHS = 6;
export const RECHECK_YEARS = 5;
export function recheckDueDates(terminatedAt: Date): Date[] {
  const n = (RECHECK_YEARS * 12) / RECHECK_INTERVAL_MONTHS;
  return Array.from({ length: n }, (_, i) => addCalendarMonths(terminatedAt, (i + 1) * RECHECK_INTERVAL_MONTHS));
}

/** What the termination rules look at, gathered by the use case. */
export interface TerminationFacts {
  filedAt: Date;
  now: Date;
  /** Debtors of the case, and those of them with a completed online inquiry. */
  debtors: number;
  debtorsInquired: number;
  /** A consumption restriction (限制消费令) in force against the debtor (the credit module). */
  restrictionInForce: boolean;
  /** Interviews with the creditor recorded for the case. */
  interviews: number;
}

export interface ConditionResult {
  code: ClosingConditionCode;
  met: boolean;
  /** The article that requires it. */
  rule: string;
  /** What is required, in Chinese and English, for the person who has to act on a refusal. */
  message: string;
}

/**
 * Every condition of terminating for lack of assets, each met or not. All must hold (终本规定 Art. 1); a refusal lists
 * every one that does not, so the judge sees all that is left to do at once.
 */
export function terminationConditions(f: TerminationFacts): ConditionResult[] {
  return [
    {
      code: 'FILED_OVER_3_MONTHS',
      met: filedLongEnough(f.filedAt, f.now),
      rule: '终本规定第一条第（四）项',
      message: `自立案之日起须已超过三个月（${chinaDay(addCalendarMonths(f.filedAt, TERMINATION_MIN_MONTHS))}之后） / More than 3 months must have passed since filing (after ${addCalendarMonths(f.filedAt, TERMINATION_MIN_MONTHS).toISOString()})`,
    },
    {
      code: 'ONLINE_INQUIRY_COMPLETED',
      met: f.debtors > 0 && f.debtorsInquired >= f.debtors,
      rule: '终本规定第一条第（三）项、第三条第（二）项',
      message: `须通过网络执行查控系统对每名被执行人完成查询（已完成${f.debtorsInquired}/${f.debtors}） / An online inquiry of every debtor must be completed (${f.debtorsInquired} of ${f.debtors})`,
    },
    {
      code: 'CONSUMPTION_RESTRICTED',
      met: f.restrictionInForce,
      rule: '终本规定第一条第（二）项；限制消费规定第一条',
      message: '须已对被执行人发出限制消费令 / A consumption restriction order must be in force against the debtor',
    },
    {
      code: 'CREDITOR_INTERVIEWED',
      met: f.interviews > 0,
      rule: '终本规定第一条第（五）项、第五条',
      message: '须已约谈申请执行人，告知执行情况并听取意见 / The creditor must have been interviewed (told how enforcement went and heard)',
    },
  ];
}

/** The conditions not met, in the order above; empty when the case may be terminated. */
export function missingConditions(f: TerminationFacts): ConditionResult[] {
  return terminationConditions(f).filter((c) => !c.met);
}

/**
 * 执行完毕: a case is enforced in full when deductions and sale proceeds have brought the outstanding amount to 0
 * (民诉解释 Art. 517 is the other way a case ends; 查扣冻 Art. 28 (四): the debt paid, the measures are released).
 */
export function fullyEnforced(outstandingAmount: string): boolean {
  return compareMoney(outstandingAmount, '0') <= 0;
}

/** An asset a re-check reports counts as "assets appeared" when it holds money or has a value (终本规定 Art. 9). */
export function hasValue(asset: { balance: string | null; indicativeValue: string | null }): boolean {
  return (asset.balance !== null && isPositive(asset.balance)) || (asset.indicativeValue !== null && isPositive(asset.indicativeValue));
}
