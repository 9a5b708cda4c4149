import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { recordAudit } from '../audit';
import { pushAfterCommit } from './auction-events';
import { liveAuctionDueForUpdate, updateAuction } from './auction.store';

/**
 * The end of bidding: the single place where the outcome of an auction is decided. Idempotent and exactly once
 * (ARCHITECTURE invariant 4): the live row whose end has come is locked, and a second run, or another process, finds it
 * no longer live (or its end moved by a late bid) and does nothing.
 *
 * Bids are the next step of the platform: until they exist no auction has one, and an auction without a bid at its
 * end is unsold (流拍, 网拍 Art. 26). When bids come, the leading bid (`leadingBid`, 网拍 Art. 11, 21) decides `sold` here.
 * The auction ends at its scheduled end, whenever the job runs: the 30 days of a relisting count from then.
 * Returns the function that pushes the change, or undefined when there was nothing to do.
 */
export async function closeAuction(ctx: AppContext, auctionId: string, now: Date): Promise<(() => void) | undefined> {
  return ctx.db.transaction(async (tx) => {
    const row = await liveAuctionDueForUpdate(tx, auctionId, now);
    if (!row) return undefined;
    const endedAt = row.biddingEndsAt;
    const updated = await updateAuction(tx, auctionId, { status: 'unsold', endedAt, updatedAt: now });
    const notify = await pushAfterCommit(ctx, tx, updated);
    await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
      action: 'auction.unsold',
      entityType: 'auction',
      entityId: auctionId,
      caseId: row.caseId,
      data: { round: row.round, endedAt: endedAt.toISOString(), bids: 0, startingPrice: row.startingPrice },
    });
    return notify;
  });
}
