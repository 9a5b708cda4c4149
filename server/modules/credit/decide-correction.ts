import type { DecideCorrectionBody } from '../../../shared/schemas/credit';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { correctionVisibleTo, requireJudge } from './credit-access';
import { decidePending, listingForUpdate, type ListingRow } from './credit.store';
import { removeInTx } from './remove-listing';

/**
 * The court decides a correction request (失信 Art. 11): upheld, the listing is removed at once (and its restrictions
 * end); rejected, with the reasons. Answers the listing.
 */
export async function decideCorrection(ctx: AppContext, actor: Actor, correctionId: string, input: DecideCorrectionBody): Promise<ListingRow> {
  const { correction } = await correctionVisibleTo(ctx, actor, correctionId);
  requireJudge(actor);
  const now = ctx.clock.now();
  const notPending = () => new AppError('CORRECTION_NOT_PENDING', '该纠正申请已作出决定 / The correction request is already decided');
  if (correction.status !== 'pending') throw notPending();
  return ctx.db.transaction(async (tx) => {
    // Lock the listing first, then the request (the order the removal job takes too).
    const listing = (await listingForUpdate(tx, correction.listingId))!;
    const decided = await decidePending(tx, correctionId, { status: input.decision, decisionReason: input.reason, decidedBy: actor.userId, decidedAt: now });
    if (!decided) throw notPending();
    await recordAudit(tx, ctx.clock, actor, {
      action: input.decision === 'upheld' ? 'credit.correction_upheld' : 'credit.correction_rejected',
      entityType: 'credit_correction',
      entityId: correctionId,
      caseId: correction.caseId,
      data: { listingId: listing.id, reason: input.reason, late: now.getTime() > correction.dueBy.getTime() },
    });
    if (input.decision === 'upheld' && listing.status === 'listed') {
      return (await removeInTx(ctx, tx, actor, listing.id, 'correction_upheld', input.reason))!;
    }
    return listing;
  });
}
