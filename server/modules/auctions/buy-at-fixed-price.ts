import type { RegisterForAuctionBody } from '../../../shared/schemas/bidding';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { courtById } from '../courts';
import { auctionPriceAccount, courtFundsAccount } from '../ledger';
import { openAtBank, recordPayment, type PaymentRow } from '../payments';
import { eligibleBidder, type BiddingDeps } from './bidder-checks';
import { isPublic } from './auction-view';
import { auctionById, auctionForUpdate, type AuctionRow } from './auction.store';

function notForSale(auction: AuctionRow): AppError {
  return new AppError('NOT_FOR_SALE', `该财产不在变卖期间（${auction.status}）（网拍第26条） / This asset is not in a fixed-price sale now (${auction.status}) (网拍 Art. 26)`);
}

/**
 * A bidder buys in a fixed-price sale (变卖, 网拍 Art. 26 para 2): the same checks as a registration (`eligibleBidder`),
 * then a payment of the full price through the bank. The first full payment the bank confirms while the sale is open
 * takes the asset (`sellAtFixedPrice`); the others are refunded. Asking again returns the same payment.
 */
export async function buyAtFixedPrice(ctx: AppContext, deps: BiddingDeps, actor: Actor, auctionId: string, body: RegisterForAuctionBody): Promise<PaymentRow> {
  const auction = await auctionById(ctx.db, auctionId);
  if (!auction || !isPublic(auction)) throw notFound('auction', '拍卖');
  const open = (a: AuctionRow) => a.status === 'fixed_price_sale' && a.fixedPriceEndsAt !== null && ctx.clock.nowMs() < a.fixedPriceEndsAt.getTime();
  if (!open(auction)) throw notForSale(auction);
  const { user } = await eligibleBidder(ctx, deps, actor, auction, body.qualificationPledge);
  const payment = await ctx.db.transaction(async (tx) => {
    const locked = (await auctionForUpdate(tx, auctionId))!;
    if (!open(locked)) throw notForSale(locked);
    const court = (await courtById(tx, locked.courtId))!;
    return recordPayment(tx, ctx, actor, {
      purpose: 'full_price',
      ref: `${auctionId}:${user.id}`,
      auctionId,
      caseId: locked.caseId,
      payerId: user.id,
      payerName: user.identityName,
      amount: locked.fixedPrice!,
      intoAccount: courtFundsAccount(court.code),
      forAccount: auctionPriceAccount(auctionId),
      description: `变卖全款：${locked.title} / Full price (fixed-price sale): ${locked.title}`,
    });
  });
  if (payment.status === 'paid') throw new AppError('ALREADY_PAID', '全款已支付 / The full price has been paid');
  return openAtBank(ctx, deps.payments, payment, user.identityName);
}
