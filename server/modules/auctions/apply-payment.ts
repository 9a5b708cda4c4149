import { randomInt } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { recordAudit } from '../audit';
import { requestRefund, type PaidHandler, type PaymentRow } from '../payments';
import { auctionById, auctionForUpdate } from './auction.store';
import { depositStillAccepted, newBidderCode, refundDueBy } from './bidding.rules';
import { codesOfAuction, registrationById, saleForUpdate, updateRegistration } from './bidding.store';
import { sellAtFixedPrice } from './close-auction';
import { completeSale } from './record-sale';

/**
 * The payments module's PaidHandler for auctions: applies a payment the bank confirmed, inside the transaction that
 * records it. A deposit qualifies the bidder; a balance completes the sale; a full price takes a fixed-price sale.
 */
export function auctionPaymentHandler(ctx: AppContext): PaidHandler {
  return async (tx, payment) => {
    if (payment.purpose === 'deposit') return applyDeposit(ctx, tx, payment);
    if (payment.purpose === 'balance') return applyBalance(ctx, tx, payment);
    return sellAtFixedPrice(ctx, tx, payment);
  };
}

/**
 * 网拍 Art. 18: the deposit confirmed before bidding ends qualifies the bidder, who gets a bidder code drawn at random,
 * unique in this auction (a priority-right holder's shows the rank, Art. 19). Confirmed after the end, it is refunded.
 */
async function applyDeposit(ctx: AppContext, tx: Db, payment: PaymentRow): Promise<(() => void) | undefined> {
  const registration = (await registrationById(tx, payment.ref))!;
  // The auction's row lock orders this against the close and against another bidder's code.
  const auction = (await auctionForUpdate(tx, registration.auctionId))!;
  const now = ctx.clock.now();
  if (registration.depositState !== 'unpaid') return undefined;
  if (!depositStillAccepted(auction.status, auction.biddingEndsAt, now)) {
    await requestRefund(tx, ctx, payment, `竞价结束后交纳的保证金，全额退还（网拍第18条） / Deposit paid after bidding ended: refunded (网拍 Art. 18)`, refundDueBy(now));
    await updateRegistration(tx, registration.id, { depositState: 'refunded' });
    await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
      action: 'auction.deposit_too_late',
      entityType: 'auction_registration',
      entityId: registration.id,
      data: { auctionId: auction.id, status: auction.status, paidAt: payment.paidAt?.toISOString() ?? null },
    });
    return undefined;
  }
  const taken = await codesOfAuction(tx, auction.id);
  let code = newBidderCode(randomInt, registration.priorityRank);
  while (taken.has(code)) code = newBidderCode(randomInt, registration.priorityRank);
  await updateRegistration(tx, registration.id, { bidderCode: code, depositState: 'held', qualifiedAt: now });
  await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
    action: 'auction.bidder_qualified',
    entityType: 'auction_registration',
    entityId: registration.id,
    data: { auctionId: auction.id, bidderCode: code, priorityRank: registration.priorityRank, deposit: registration.depositAmount },
  });
  return () => ctx.realtime.toUser(registration.userId, 'auction.registration', { auctionId: auction.id, bidderCode: code, status: 'qualified' });
}

/** 网拍 Art. 25: the balance paid in time completes the sale; one that arrives after the sale was declared reneged is refunded. */
async function applyBalance(ctx: AppContext, tx: Db, payment: PaymentRow): Promise<(() => void) | undefined> {
  const auction = (await auctionById(tx, payment.auctionId))!;
  const sale = (await saleForUpdate(tx, payment.auctionId))!;
  if (sale.status !== 'awaiting_balance') {
    await requestRefund(tx, ctx, payment, `已悔拍，逾期交付的尾款全额退还（网拍第24条） / Reneged: the late balance is refunded (网拍 Art. 24)`, refundDueBy(ctx.clock.now()));
    return undefined;
  }
  await completeSale(ctx, tx, auction, sale, payment.paidAt!);
  return () => ctx.realtime.toRoom(`court:${auction.courtId}`, 'auction.sale_paid', { auctionId: auction.id });
}
