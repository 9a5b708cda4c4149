import { compareMoney, formatMoney, minMoney, sub } from '../../../shared/money';
import type { Db } from '../../platform/db/database';
import { caseForUpdate, setOutstanding } from './case.store';

export interface Recovery {
  /** Outstanding before and after, and the part of the amount applied to it. */
  before: string;
  after: string;
  applied: string;
}

/**
 * Money recovered for the creditor (e.g. a deduction, 扣划) reduces the case's outstanding amount, inside the caller's
 * transaction (the caller audits). The case row is locked so that two recoveries never both read the old figure. The
 * outstanding amount never goes below zero: what exceeds it covers the enforcement costs, which the freeze limit
 * includes (查扣冻 Art. 19).
 */
export async function applyRecovery(tx: Db, caseId: string, amount: string, now: Date): Promise<Recovery> {
  const row = await caseForUpdate(tx, caseId);
  if (!row) throw new Error(`applyRecovery: no case ${caseId}`);
  if (compareMoney(amount, '0') <= 0) throw new RangeError(`applyRecovery: amount must be positive, got ${amount}`);
  const applied = minMoney(amount, row.outstandingAmount);
  const after = formatMoney(sub(row.outstandingAmount, applied));
  await setOutstanding(tx, caseId, after, now);
  return { before: formatMoney(row.outstandingAmount), after, applied: formatMoney(applied) };
}
