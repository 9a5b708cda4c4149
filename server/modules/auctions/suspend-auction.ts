import { SUSPENDABLE_STATUSES } from '../../../shared/auction-rules';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { auctionVisibleTo, requireJudge } from './auction-access';
import { pushAfterCommit } from './auction-events';
import { auctionForUpdate, updateAuction, type AuctionRow } from './auction.store';

const notSuspendable = (status: string) =>
  new AppError('AUCTION_WRONG_STATE', `只能暂缓已公告、正在进行或变卖中的拍卖，该拍卖为${status}（网拍第28条） / Only an announced, live or fixed-price auction can be suspended; this one is ${status} (网拍 Art. 28)`);

/**
 * The court suspends (暂缓) or stays (中止) an auction (网拍 Art. 28), with the reason, which is published. The
 * scheduled steps leave a suspended auction alone; resuming shifts its schedule by the time suspended.
 */
export async function suspendAuction(ctx: AppContext, actor: Actor, auctionId: string, reason: string): Promise<AuctionRow> {
  await auctionVisibleTo(ctx.db, actor, auctionId);
  requireJudge(actor);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const row = (await auctionForUpdate(tx, auctionId))!;
    if (!(SUSPENDABLE_STATUSES as readonly string[]).includes(row.status)) throw notSuspendable(row.status);
    const updated = await updateAuction(tx, auctionId, { status: 'suspended', suspendedFrom: row.status, suspendedAt: now, suspensionReason: reason, updatedAt: now });
    const notify = await pushAfterCommit(ctx, tx, updated);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'auction.suspended',
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
