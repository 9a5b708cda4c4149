import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { recordAudit } from '../audit';
import { auctionPriceAccount, forfeitedDepositAccount, postTransaction } from '../ledger';
import { pushAfterCommit } from './auction-events';
import { auctionForUpdate, updateAuction } from './auction.store';
import { markReneged, salesDueToRenege, updateRegistration } from './bidding.store';

/**
 * The scheduled step after the balance deadline (网拍 Art. 24, 25; 拍变 Art. 22): a sale whose balance was not paid by
 * the end of the announced period is reneged (悔拍). In one transaction per sale, exactly once (a conditional update):
 * the deposit, already in the court's account, is forfeited (held for the legal order of `settleForfeiture`); the
 * buyer is barred from the resale (their registration's deposit is `forfeited`, which registration checks); the auction
 * becomes `reneged`, which frees the asset for a new auction. Returns how many sales it reneged.
 */
export async function renegeOverdueSales(ctx: AppContext, now: Date, batch = 200): Promise<number> {
  let n = 0;
  const seen = new Set<string>();
  for (;;) {
    const due = (await salesDueToRenege(ctx.db, now, batch)).filter((s) => !seen.has(s.auctionId));
    for (const s of due) {
      seen.add(s.auctionId);
      const push = await ctx.db.transaction(async (tx) => {
        const auction = await auctionForUpdate(tx, s.auctionId);
        const sale = await markReneged(tx, s.auctionId, now);
        if (!auction || !sale) return undefined;
        const updated = await updateAuction(tx, auction.id, { status: 'reneged', updatedAt: now });
        if (sale.registrationId) await updateRegistration(tx, sale.registrationId, { depositState: 'forfeited' });
        await postTransaction(tx, {
          at: now,
          caseId: auction.caseId,
          kind: 'deposit_forfeited',
          memo: `买受人悔拍，保证金不予退还（网拍第24条）：${auction.title} / The buyer reneged: the deposit is forfeited (网拍 Art. 24)`,
          ref: auction.id,
          entries: [
            { account: auctionPriceAccount(auction.id), debit: sale.depositApplied },
            { account: forfeitedDepositAccount(auction.id), credit: sale.depositApplied },
          ],
        });
        const notify = await pushAfterCommit(ctx, tx, updated);
        await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
          action: 'auction.reneged',
          entityType: 'auction',
          entityId: auction.id,
          caseId: auction.caseId,
          data: { price: sale.price, deposit: sale.depositApplied, bidderCode: sale.bidderCode, balanceDueAt: sale.balanceDueAt?.toISOString() ?? null },
        });
        return notify;
      });
      if (push) {
        n++;
        push();
      }
    }
    if (due.length < batch) break;
  }
  return n;
}
