import { WITHDRAWABLE_STATUSES } from '../../../shared/auction-rules';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { auctionVisibleTo, requireJudge } from './auction-access';
import { pushAfterCommit } from './auction-events';
import { auctionForUpdate, updateAuction, type AuctionRow } from './auction.store';

/**
 * The court withdraws (撤回) an auction, with the reason (published once the auction was announced). It frees the
 * asset for a new auction; a withdrawn auction is never resumed.
 */
export async function withdrawAuction(ctx: AppContext, actor: Actor, auctionId: string, reason: string): Promise<AuctionRow> {
  await auctionVisibleTo(ctx.db, actor, auctionId);
  requireJudge(actor);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const row = (await auctionForUpdate(tx, auctionId))!;
    if (!(WITHDRAWABLE_STATUSES as readonly string[]).includes(row.status)) {
      throw new AppError('AUCTION_WRONG_STATE', `该拍卖已结束（${row.status}），不能撤回 / The auction is over (${row.status}); it cannot be withdrawn`);
    }
    const updated = await updateAuction(tx, auctionId, { status: 'withdrawn', suspendedFrom: null, withdrawnAt: now, withdrawalReason: reason, updatedAt: now });
    const notify = await pushAfterCommit(ctx, tx, updated);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'auction.withdrawn',
      entityType: 'auction',
      entityId: auctionId,
      caseId: row.caseId,
      data: { from: row.status, reason },
    });
    return { updated, notify };
  });
  result.notify();
  return result.updated;
}
