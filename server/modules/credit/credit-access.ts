import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { caseVisibleTo, type CaseRow } from '../cases';
import { correctionById, listingById, type CorrectionRow, type ListingRow } from './credit.store';

/**
 * Listing, extending, removing and deciding corrections are a judge's decisions (失信 Art. 5: the court decides by a
 * written decision), as are restriction orders and their lifting (限高 Art. 4, 9: the court decides); a clerk or an
 * administrator may look but not decide.
 */
export function requireJudge(actor: Actor): void {
  if (actor.role !== 'judge') {
    throw new AppError('FORBIDDEN', '只有本院执行法官可以作出失信或限制消费决定 / Only a judge of the court decides on the dishonest-debtor list and consumption restrictions');
  }
}

/** A listing the actor may see: through its case (another court's answers 404, as cases do). */
export async function listingVisibleTo(ctx: AppContext, actor: Actor, id: string): Promise<{ listing: ListingRow; theCase: CaseRow }> {
  const listing = await listingById(ctx.db, id);
  if (!listing) throw notFound('listing', '失信名单记录');
  const theCase = await caseVisibleTo(ctx.db, actor, listing.caseId).catch(() => {
    throw notFound('listing', '失信名单记录');
  });
  return { listing, theCase };
}

export async function correctionVisibleTo(ctx: AppContext, actor: Actor, id: string): Promise<{ correction: CorrectionRow; listing: ListingRow }> {
  const correction = await correctionById(ctx.db, id);
  if (!correction) throw notFound('correction request', '纠正申请');
  const { listing } = await listingVisibleTo(ctx, actor, correction.listingId).catch(() => {
    throw notFound('correction request', '纠正申请');
  });
  return { correction, listing };
}
