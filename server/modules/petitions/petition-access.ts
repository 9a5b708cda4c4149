import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db/database';
import { forbidden, notFound } from '../../platform/errors';
import { petitionById, petitionForUpdate, type PetitionRow } from './petition.store';

/** Court staff only: judges and clerks act on petitions; an admin may read. */
export function requireCourtStaff(actor: Actor, write: boolean): void {
  if (actor.role === 'judge' || actor.role === 'clerk') return;
  if (!write && actor.role === 'admin') return;
  throw forbidden();
}

/**
 * A petition the actor may see: of their own court (an admin: any). Another court's answers 404, not 403, so that its
 * existence does not leak (as cases do).
 */
export async function petitionVisibleTo(db: Db, actor: Actor, id: string, forUpdate = false): Promise<PetitionRow> {
  const row = forUpdate ? await petitionForUpdate(db, id) : await petitionById(db, id);
  if (!row || (actor.role !== 'admin' && actor.courtId !== row.courtId)) throw notFound('petition', '信访件');
  return row;
}
