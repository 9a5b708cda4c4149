import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { userById } from '../accounts';
import { courtById } from '../courts';
import { auctionPriceAccount, courtFundsAccount } from '../ledger';
import { openAtBank, recordPayment, type PaymentRow } from '../payments';
import type { BiddingDeps } from './bidder-checks';
import { auctionById } from './auction.store';
import { saleForUpdate, saleOf } from './bidding.store';

/**
 * The buyer pays the balance (尾款) into the court's account through the bank, by the deadline the announcement gave
 * (网拍 Art. 25); later, or after the sale was declared reneged, it is refused (BALANCE_OVERDUE). Asking again returns
 * the same payment; once paid, ALREADY_PAID.
 */
export async function payBalance(ctx: AppContext, deps: BiddingDeps, actor: Actor, auctionId: string): Promise<PaymentRow> {
  const sale = await saleOf(ctx.db, auctionId);
  if (!sale || sale.buyerId !== actor.userId) throw notFound('sale', '成交');
  const user = (await userById(ctx.db, sale.buyerId))!;
  const payment = await ctx.db.transaction(async (tx) => {
    const locked = (await saleForUpdate(tx, auctionId))!;
    if (locked.status === 'paid') throw new AppError('ALREADY_PAID', '价款已付清 / The price has been paid in full');
    if (locked.status === 'reneged' || (locked.balanceDueAt && ctx.clock.nowMs() >= locked.balanceDueAt.getTime())) {
      throw new AppError(
        'BALANCE_OVERDUE',
        `尾款应在拍卖公告确定的期限（${locked.balanceDueAt?.toISOString() ?? ''}前）内交付，已逾期（网拍第24条、第25条） / The balance was due by ${locked.balanceDueAt?.toISOString() ?? ''}; it is too late (网拍 Art. 24, 25)`,
      );
    }
    const auction = (await auctionById(tx, auctionId))!;
    const court = (await courtById(tx, auction.courtId))!;
    return recordPayment(tx, ctx, actor, {
      purpose: 'balance',
      ref: auctionId,
      auctionId,
      caseId: auction.caseId,
      payerId: sale.buyerId,
      payerName: user.identityName ?? user.displayName,
      amount: locked.balance,
      intoAccount: courtFundsAccount(court.code),
      forAccount: auctionPriceAccount(auctionId),
      description: `拍卖尾款：${auction.title} / Balance: ${auction.title}`,
    });
  });
  if (payment.status === 'paid') throw new AppError('ALREADY_PAID', '价款已付清 / The price has been paid in full');
  return openAtBank(ctx, deps.payments, payment, user.identityName ?? user.displayName);
}
