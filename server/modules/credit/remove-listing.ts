import type { RemoveListingBody } from '../../../shared/schemas/credit';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { listingVisibleTo, requireJudge } from './credit-access';
import { endRestrictions, listingForUpdate, restrictionsOf, updateCurrentListing, type ListingRow } from './credit.store';
import { enqueueJointEvents } from './joint-events';

export type RemovalCause = NonNullable<ListingRow['removalCause']>;

/**
 * Removes a current listing and ends the consumption restrictions it imposed (失信 Art. 10; 限高 Art. 9), inside the
 * caller's transaction, and audits it. Conditional on the listing still being current: answers undefined when
 * another run removed it first, so a removal happens once however many jobs race.
 */
export async function removeInTx(ctx: AppContext, tx: Db, actor: Actor, listingId: string, cause: RemovalCause, reason: string | null): Promise<ListingRow | undefined> {
  const now = ctx.clock.now();
  const removed = await updateCurrentListing(tx, listingId, {
    status: 'removed',
    removalCause: cause,
    removalReason: reason,
    removedAt: now,
    removedBy: actor.userId,
    updatedAt: now,
  });
  if (!removed) return undefined;
  const ended = await endRestrictions(tx, listingId, now);
  // Subscribed institutions hear that the debtor is off the list and each restriction it imposed has ended.
  const lifted = (await restrictionsOf(tx, [listingId])).filter((r) => r.endedAt?.getTime() === now.getTime());
  const facts = { court: removed.courtName, caseNo: removed.caseNo };
  await enqueueJointEvents(tx, ctx.clock, [
    { event: 'listing.removed', idNumber: removed.debtorIdNumber, name: removed.debtorName, subject: 'debtor', ...facts },
    ...lifted.map((r) => ({ event: 'restriction.ended' as const, idNumber: r.idNumber, name: r.name, subject: r.subject, ...facts })),
  ]);
  await recordAudit(tx, ctx.clock, actor, {
    action: 'credit.removed',
    entityType: 'credit_listing',
    entityId: listingId,
    caseId: removed.caseId,
    data: { cause, reason, removalDueBy: removed.removalDueBy?.toISOString() ?? null, restrictionsEnded: ended },
  });
  return removed;
}

/** A judge removes a listing with the reason (失信 Art. 10: e.g. a settlement performed, the enforcement ended). */
export async function removeListing(ctx: AppContext, actor: Actor, listingId: string, input: RemoveListingBody): Promise<ListingRow> {
  await listingVisibleTo(ctx, actor, listingId);
  requireJudge(actor);
  return ctx.db.transaction(async (tx) => {
    const listing = (await listingForUpdate(tx, listingId))!;
    if (listing.status !== 'listed') throw new AppError('LISTING_NOT_CURRENT', '该记录已删除 / The listing is already removed');
    return (await removeInTx(ctx, tx, actor, listingId, listing.removalCause ?? 'court_decision', input.reason))!;
  });
}
