import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError, notFound } from '../../platform/errors';
import { caseVisibleTo, type CaseRow } from '../cases';
import { deductionById, measureById, type DeductionRow, type MeasureRow } from './measure.store';

/**
 * The case, for a judge or clerk of its court who is to order something on it (ARCHITECTURE invariant 8). Another
 * court's case answers 404, as the cases module does; an administrator may look but not order.
 */
export async function caseForStaff(db: Db, actor: Actor, caseId: string): Promise<CaseRow> {
  const row = await caseVisibleTo(db, actor, caseId);
  requireStaff(actor);
  return row;
}

/** A measure the actor may see: through its case; otherwise 404. */
export async function measureVisibleTo(ctx: AppContext, actor: Actor, id: string): Promise<{ measure: MeasureRow; theCase: CaseRow }> {
  const measure = await measureById(ctx.db, id);
  if (!measure) throw notFound('measure', '措施');
  const theCase = await caseVisibleTo(ctx.db, actor, measure.caseId).catch(() => {
    throw notFound('measure', '措施');
  });
  return { measure, theCase };
}

/** A deduction the actor may see: through its case; otherwise 404. */
export async function deductionVisibleTo(ctx: AppContext, actor: Actor, id: string): Promise<{ deduction: DeductionRow; theCase: CaseRow }> {
  const deduction = await deductionById(ctx.db, id);
  if (!deduction) throw notFound('deduction', '扣划');
  const theCase = await caseVisibleTo(ctx.db, actor, deduction.caseId).catch(() => {
    throw notFound('deduction', '扣划');
  });
  return { deduction, theCase };
}

/** Only court staff give orders; an administrator may look but not act. */
export function requireStaff(actor: Actor): void {
  if (actor.role !== 'judge' && actor.role !== 'clerk') throw new AppError('FORBIDDEN', '只有本院法官或书记员可以办理查控措施 / Only a judge or clerk of the court may order measures');
}
