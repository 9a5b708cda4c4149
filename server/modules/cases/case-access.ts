import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db/database';
import { notFound } from '../../platform/errors';
import { caseById, type CaseRow } from './case.store';

/**
 * Loads a case the actor may see (ARCHITECTURE invariant 8): a judge or clerk only their own court's; an admin any.
 * Another court's case answers 404, not 403, so that its existence does not leak.
 */
export async function caseVisibleTo(db: Db, actor: Actor, caseId: string): Promise<CaseRow> {
  const row = await caseById(db, caseId);
  if (!row) throw notFound('case', '案件');
  if (actor.role === 'admin') return row;
  if ((actor.role === 'judge' || actor.role === 'clerk') && actor.courtId === row.courtId) return row;
  throw notFound('case', '案件');
}
