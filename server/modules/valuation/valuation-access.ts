import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db/database';
import { AppError, notFound } from '../../platform/errors';
import { caseVisibleTo, type CaseRow } from '../cases';
import { measureById, type MeasureRow } from '../measures';
import { valuationById, type ValuationRow } from './valuation.store';

/** Only court staff act on a valuation; an administrator may look but not act. */
export function requireStaff(actor: Actor): void {
  if (actor.role !== 'judge' && actor.role !== 'clerk') {
    throw new AppError('FORBIDDEN', '只有本院法官或书记员可以办理财产处置参考价 / Only a judge or clerk of the court may run a valuation');
  }
}

/** A measure the actor may see, through its case (ARCHITECTURE invariant 8); another court's answers 404. */
export async function measureVisibleTo(db: Db, actor: Actor, measureId: string): Promise<{ measure: MeasureRow; theCase: CaseRow }> {
  const measure = await measureById(db, measureId);
  if (!measure) throw notFound('measure', '措施');
  const theCase = await caseVisibleTo(db, actor, measure.caseId).catch(() => {
    throw notFound('measure', '措施');
  });
  return { measure, theCase };
}

/** A valuation the actor may see, through its case; another court's answers 404. */
export async function valuationVisibleTo(db: Db, actor: Actor, valuationId: string): Promise<{ valuation: ValuationRow; theCase: CaseRow }> {
  const valuation = await valuationById(db, valuationId);
  if (!valuation) throw notFound('valuation', '参考价程序');
  const theCase = await caseVisibleTo(db, actor, valuation.caseId).catch(() => {
    throw notFound('valuation', '参考价程序');
  });
  return { valuation, theCase };
}

/** A valuation the actor (court staff of its court) may act on. */
export async function valuationForStaff(db: Db, actor: Actor, valuationId: string): Promise<{ valuation: ValuationRow; theCase: CaseRow }> {
  const found = await valuationVisibleTo(db, actor, valuationId);
  requireStaff(actor);
  return found;
}
