import { add, compareMoney, formatMoney } from '../../../shared/money';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { applyRecovery } from '../cases';
import { courtById } from '../courts';
import { auctionCostsAccount, caseRecoveredAccount, forfeitedDepositAccount, postTransaction, type EntryInput } from '../ledger';
import { auctionForStaff, requireJudge } from './auction-access';
import { allocateForfeiture, resaleShortfall } from './bidding.rules';
import { paidResaleOf, resaleEndedUnsold, saleForUpdate, updateSale, type SaleRow } from './bidding.store';

/**
 * The judge applies a reneging buyer's forfeited deposit in the legal order (网拍 Art. 24; 拍变 Art. 22): the costs and
 * losses of the auction (the figure the court states), then the shortfall of the resale (the first price less the
 * resale's, known once the resale is sold and paid; none when the resale line ended unsold or withdrawn;
 * FORFEITURE_NOT_READY before), then the debtor's debts, which
 * reduce the case's outstanding claim. Once only (FORFEITURE_SETTLED); one ledger transaction summing to zero.
 */
export async function settleForfeiture(ctx: AppContext, actor: Actor, auctionId: string, costs: string): Promise<SaleRow> {
  const auction = await auctionForStaff(ctx.db, actor, auctionId);
  requireJudge(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const sale = await saleForUpdate(tx, auctionId);
    if (!sale || sale.status !== 'reneged') {
      throw new AppError('FORFEITURE_NOT_READY', '只有买受人悔拍的拍卖才有没收的保证金（网拍第24条） / Only a reneged sale has a forfeited deposit (网拍 Art. 24)');
    }
    if (sale.forfeiture) throw new AppError('FORFEITURE_SETTLED', '该保证金已依次处理完毕（网拍第24条） / This deposit has already been applied (网拍 Art. 24)');
    // The shortfall: the first price less the resale's, once the resale is sold and paid. A resale line that ended
    // with no sale (the fixed-price sale found no buyer, or the court withdrew it) leaves no resale price and so no
    // shortfall: the deposit goes to the costs, then the debts.
    const resale = await paidResaleOf(tx, auction.assetId, sale.renegedAt!);
    const endedUnsold = resale ? undefined : await resaleEndedUnsold(tx, auction.assetId, sale.renegedAt!);
    if (!resale && !endedUnsold) {
      throw new AppError(
        'FORFEITURE_NOT_READY',
        '重新拍卖成交并付清价款（或重新拍卖、变卖终结未成交）后，方能确定差价并依次处理保证金（网拍第24条，拍变第22条） / The shortfall is known, and the deposit applied, once the resale is sold and paid, or has ended without a sale (网拍 Art. 24; 拍变 Art. 22)',
      );
    }
    const shortfall = resale ? formatMoney(resaleShortfall(sale.price, resale.price)) : '0.00';
    const resaleAuctionId = resale?.auctionId ?? endedUnsold!;
    const parts = allocateForfeiture(sale.depositApplied, { costs: formatMoney(costs), shortfall });
    const court = (await courtById(tx, auction.courtId))!;
    const toCase = formatMoney(add(parts.shortfall, parts.debts));
    const entries: EntryInput[] = [{ account: forfeitedDepositAccount(auctionId), debit: sale.depositApplied }];
    if (compareMoney(parts.costs, '0') > 0) entries.push({ account: auctionCostsAccount(court.code), credit: parts.costs });
    if (compareMoney(toCase, '0') > 0) entries.push({ account: caseRecoveredAccount(auction.caseId), credit: toCase });
    if (entries.length > 1) {
      await postTransaction(tx, {
        at: now,
        caseId: auction.caseId,
        kind: 'forfeiture_applied',
        memo: `悔拍保证金依次用于费用${parts.costs}元、差价${parts.shortfall}元、债务${parts.debts}元（网拍第24条） / Forfeited deposit applied: costs ${parts.costs}, shortfall ${parts.shortfall}, debts ${parts.debts} (网拍 Art. 24)`,
        ref: auctionId,
        entries,
      });
    }
    const recovery = compareMoney(toCase, '0') > 0 ? await applyRecovery(tx, auction.caseId, toCase, now) : null;
    const updated = await updateSale(tx, auctionId, {
      forfeiture: { deposit: sale.depositApplied, ...parts, settledAt: now.toISOString(), resaleAuctionId },
    });
    await recordAudit(tx, ctx.clock, actor, {
      action: 'auction.forfeiture_applied',
      entityType: 'auction',
      entityId: auctionId,
      caseId: auction.caseId,
      data: { deposit: sale.depositApplied, ...parts, resaleAuctionId, resalePrice: resale?.price ?? null, outstandingBefore: recovery?.before ?? null, outstandingAfter: recovery?.after ?? null },
    });
    return updated;
  });
}
