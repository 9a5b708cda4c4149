import type { Db } from '../../platform/db/database';
import type { ValuationMethod } from './valuation.tables';
import { fixedValuationOfMeasure, valuationById, type ValuationRow } from './valuation.store';

/** A reference price (参考价) fixed by a valuation, as the auctions module sees it. */
export interface ReferencePrice {
  valuationId: string;
  measureId: string;
  caseId: string;
  method: ValuationMethod;
  /** Money string, e.g. "1234.50". */
  amount: string;
  fixedAt: Date;
  /** At most 1 year after fixedAt (参考价 Art. 27). */
  validUntil: Date;
}

function toReferencePrice(row: ValuationRow): ReferencePrice {
  return {
    valuationId: row.id,
    measureId: row.measureId,
    caseId: row.caseId,
    method: row.method,
    amount: row.amount!,
    fixedAt: row.fixedAt!,
    validUntil: row.validUntil!,
  };
}

/** The measure's reference price in force at `now` (fixed, not dropped, not expired), or null. */
export async function currentReferencePrice(db: Db, measureId: string, now: Date): Promise<ReferencePrice | null> {
  const row = await fixedValuationOfMeasure(db, measureId);
  if (!row || row.validUntil! <= now || row.fixedAt! > now) return null;
  return toReferencePrice(row);
}

/**
 * The reference price a valuation fixed, even after its validity ended (status fixed or expired), or null when it
 * fixed none. For an auction first announced within validity, which may go ahead up to 6 months after it
 * (参考价 Art. 27 para 3; see `mayProceedOnReferencePrice`).
 */
export async function referencePriceOfValuation(db: Db, valuationId: string): Promise<ReferencePrice | null> {
  const row = await valuationById(db, valuationId);
  if (!row || (row.status !== 'fixed' && row.status !== 'expired') || row.amount === null) return null;
  return toReferencePrice(row);
}
