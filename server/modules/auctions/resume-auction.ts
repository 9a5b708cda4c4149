import { checkReferenceValidity, checkResume, shiftSchedule, violationsOf } from '../../../shared/auction-rules';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { auctionVisibleTo, requireJudge } from './auction-access';
import { pushAfterCommit } from './auction-events';
import { ruleViolation } from './auction-settings';
import { auctionForUpdate, updateAuction, type AuctionRow } from './auction.store';

/**
 * Resumes a suspended auction (网拍 Art. 28): within 5 days after the cause ended. The schedule shifts by the time the
 * auction was suspended (from the suspension to now): whatever was still ahead then (the bidding start, the end, the
 * end of a fixed-price sale) moves by that much, so bidders keep the notice and bidding time they had left. A bidding
 * start pushed beyond 6 months after the reference price's validity is refused (参考价 Art. 27).
 */
export async function resumeAuction(ctx: AppContext, actor: Actor, auctionId: string, causeEndedAt: Date): Promise<AuctionRow> {
  await auctionVisibleTo(ctx.db, actor, auctionId);
  requireJudge(actor);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const row = (await auctionForUpdate(tx, auctionId))!;
    if (row.status !== 'suspended' || !row.suspendedFrom || !row.suspendedAt) {
      throw new AppError('AUCTION_WRONG_STATE', `该拍卖未被暂缓（${row.status}） / The auction is not suspended (${row.status})`);
    }
    const shifted = shiftSchedule({ biddingStartsAt: row.biddingStartsAt, biddingEndsAt: row.biddingEndsAt, fixedPriceEndsAt: row.fixedPriceEndsAt }, row.suspendedAt, now);
    const validity =
      row.suspendedFrom === 'announced'
        ? checkReferenceValidity({ validUntil: row.referenceValidUntil, firstAnnouncementAt: row.firstAnnouncedAt ?? row.announcedAt!, saleStartsAt: shifted.biddingStartsAt })
        : [];
    const violations = [...violationsOf(checkResume({ suspendedAt: row.suspendedAt, causeEndedAt, now })), ...validity];
    if (violations.length) throw ruleViolation(violations);
    const suspendedForMs = now.getTime() - row.suspendedAt.getTime();
    const updated = await updateAuction(tx, auctionId, {
      status: row.suspendedFrom,
      suspendedFrom: null,
      resumedAt: now,
      biddingStartsAt: shifted.biddingStartsAt,
      biddingEndsAt: shifted.biddingEndsAt,
      fixedPriceEndsAt: shifted.fixedPriceEndsAt,
      updatedAt: now,
    });
    const notify = await pushAfterCommit(ctx, tx, updated);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'auction.resumed',
      entityType: 'auction',
      entityId: auctionId,
      caseId: row.caseId,
      data: {
        to: row.suspendedFrom,
        causeEndedAt: causeEndedAt.toISOString(),
        suspendedAt: row.suspendedAt.toISOString(),
        suspendedForMs,
        biddingStartsAt: updated.biddingStartsAt.toISOString(),
        biddingEndsAt: updated.biddingEndsAt.toISOString(),
        fixedPriceEndsAt: updated.fixedPriceEndsAt?.toISOString() ?? null,
      },
    });
    return { updated, notify };
  });
  result.notify();
  return result.updated;
}
