import { randomUUID } from 'node:crypto';
import { canExtend, extendedExpiry, type ListingGround } from '../../../shared/credit';
import type { ExtendListingBody } from '../../../shared/schemas/credit';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { listingVisibleTo, requireJudge } from './credit-access';
import { insertExtension, listingForUpdate, updateCurrentListing, type ListingRow } from './credit.store';

const notCurrent = () => new AppError('LISTING_NOT_CURRENT', '该记录已删除或应予删除，不能延长 / The listing is removed or due for removal (失信 Art. 10); it cannot be extended');

/** Extends a listing's term by 1 to 3 years, with reasons (失信 Art. 2 para 2); may be done more than once. */
export async function extendListing(ctx: AppContext, actor: Actor, listingId: string, input: ExtendListingBody): Promise<ListingRow> {
  await listingVisibleTo(ctx, actor, listingId);
  requireJudge(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const listing = (await listingForUpdate(tx, listingId))!;
    if (listing.status !== 'listed' || listing.removalCause) throw notCurrent();
    const check = canExtend({ ground: listing.ground as ListingGround, expiresAt: listing.expiresAt }, input.years, now);
    if (!check.ok) throw new AppError(check.code as 'TERM_NOT_EXTENDABLE' | 'EXTENSION_OUT_OF_RANGE' | 'LISTING_NOT_CURRENT', check.message);
    const from = listing.expiresAt!;
    const to = extendedExpiry(from, input.years);
    await insertExtension(tx, { id: randomUUID(), listingId, years: input.years, reason: input.reason, fromExpiresAt: from, toExpiresAt: to, extendedBy: actor.userId!, extendedAt: now });
    const updated = (await updateCurrentListing(tx, listingId, { expiresAt: to, extensions: listing.extensions + 1, updatedAt: now }))!;
    await recordAudit(tx, ctx.clock, actor, {
      action: 'credit.extended',
      entityType: 'credit_listing',
      entityId: listingId,
      caseId: listing.caseId,
      data: { years: input.years, reason: input.reason, from: from.toISOString(), until: to.toISOString() },
    });
    return updated;
  });
}
