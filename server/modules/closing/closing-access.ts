import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { caseVisibleTo, type CaseRow } from '../cases';

/**
 * The case, for a judge of its court (ARCHITECTURE invariant 8): closing, terminating and restoring are rulings
 * (裁定, 民诉解释 Art. 517), which a judge signs. Another court's case answers 404, as the cases module does.
 */
export async function caseForJudge(db: Db, actor: Actor, caseId: string): Promise<CaseRow> {
  const row = await caseVisibleTo(db, actor, caseId);
  if (actor.role !== 'judge') throw new AppError('FORBIDDEN', '只有本院执行法官可以裁定结案、终本或恢复执行 / Only a judge of the court may close, terminate or restore a case');
  return row;
}

/** The case, for a judge or clerk of its court (recording an interview). */
export async function caseForStaff(db: Db, actor: Actor, caseId: string): Promise<CaseRow> {
  const row = await caseVisibleTo(db, actor, caseId);
  if (actor.role !== 'judge' && actor.role !== 'clerk') throw new AppError('FORBIDDEN', '只有本院法官或书记员可以记录约谈 / Only a judge or clerk of the court may record an interview');
  return row;
}
