import type { LiveClosed } from '../../../shared/live-auction';
import { compareMoney, formatMoney } from '../../../shared/money';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { recordAudit } from '../audit';
import { requestRefund, type PaymentRow } from '../payments';
import { publicRoomOf, pushAfterCommit } from './auction-events';
import { auctionForUpdate, liveAuctionDueForUpdate, updateAuction } from './auction.store';
import { refundDueBy } from './bidding.rules';
import { leadingBidOf, registrationById } from './bidding.store';
import { completeSale, recordSale } from './record-sale';
import { refundHeldDeposits } from './release-deposits';

/**
 * The end of bidding: the single place where the outcome of an auction is decided. Idempotent and exactly once
 * (ARCHITECTURE invariant 4): the live row whose end has come is locked, and a second run, or another process, finds it
 * no longer live (or its end moved by a late bid) and does nothing. Bids take the same lock and refuse a time at or
 * after the end, so no bid slips in after the outcome.
 *
 * With a leading bid (`leadingBidOf`, ordered as `compareBids`: 网拍 Art. 21 for priority holders), the auction is
 * sold to it: one bidder at or above the starting price suffices (网拍 Art. 11), and every accepted bid is at least
 * the starting price (Art. 20). The sale is recorded with its confirmation letter (Art. 22), the buyer's deposit
 * toward the price and the others' refunds (Art. 23, 25). Without a bid the auction is unsold (流拍, Art. 26) and
 * every deposit is refunded. The auction ends at its scheduled end, whenever the job runs: the 30 days of a relisting
 * and the 24 hours of the refunds count from then.
 * Returns the function that pushes the change, or undefined when there was nothing to do.
 */
export async function closeAuction(ctx: AppContext, auctionId: string, now: Date): Promise<(() => void) | undefined> {
  return ctx.db.transaction(async (tx) => {
    const row = await liveAuctionDueForUpdate(tx, auctionId, now);
    if (!row) return undefined;
    const endedAt = row.biddingEndsAt;
    const leading = await leadingBidOf(tx, auctionId);
    if (leading && compareMoney(leading.amount, row.startingPrice) >= 0) {
      const updated = await updateAuction(tx, auctionId, { status: 'sold', endedAt, updatedAt: now });
      const registration = (await registrationById(tx, leading.registrationId))!;
      const sale = await recordSale(ctx, tx, updated, { userId: registration.userId, registration }, leading.amount, endedAt, 'auction');
      const notify = await pushAfterCommit(ctx, tx, updated);
      const closed: LiveClosed = { auctionId, seq: row.bidSeq, outcome: 'sold', price: sale.price, winnerCode: sale.bidderCode, endedAt: endedAt.getTime(), serverNow: now.getTime() };
      await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
        action: 'auction.sold',
        entityType: 'auction',
        entityId: auctionId,
        caseId: row.caseId,
        data: { round: row.round, endedAt: endedAt.toISOString(), bids: row.bidSeq, price: sale.price, bidderCode: sale.bidderCode, startingPrice: row.startingPrice },
      });
      return () => {
        notify();
        ctx.realtime.toPublic(publicRoomOf(auctionId), 'closed', closed);
      };
    }
    const updated = await updateAuction(tx, auctionId, { status: 'unsold', endedAt, updatedAt: now });
    const refunded = await refundHeldDeposits(ctx, tx, auctionId, endedAt, `流拍，退还保证金（网拍第23条）：${row.title} / Unsold: deposit refunded (网拍 Art. 23)`);
    const notify = await pushAfterCommit(ctx, tx, updated);
    await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
      action: 'auction.unsold',
      entityType: 'auction',
      entityId: auctionId,
      caseId: row.caseId,
      data: { round: row.round, endedAt: endedAt.toISOString(), bids: 0, startingPrice: row.startingPrice, depositsRefunded: refunded },
    });
    const closed: LiveClosed = { auctionId, seq: row.bidSeq, outcome: 'unsold', price: null, winnerCode: null, endedAt: endedAt.getTime(), serverNow: now.getTime() };
    return () => {
      notify();
      ctx.realtime.toPublic(publicRoomOf(auctionId), 'closed', closed);
    };
  });
}

/**
 * A full payment of a fixed-price sale (变卖) confirmed by the bank, inside the transaction that records it: the first
 * one to arrive while the sale is open takes the asset (拍变: the first buyer to pay the full price), decided here
 * under the auction's row lock, sold and paid at once (confirmation letter, sale ruling, the case credited). A payment
 * that arrives after another took it, or after the sale ended, is refunded.
 */
export async function sellAtFixedPrice(ctx: AppContext, tx: Db, payment: PaymentRow): Promise<(() => void) | undefined> {
  const row = (await auctionForUpdate(tx, payment.auctionId))!;
  const paidAt = payment.paidAt!;
  const open = row.status === 'fixed_price_sale' && row.fixedPrice !== null && row.fixedPriceEndsAt !== null && paidAt.getTime() < row.fixedPriceEndsAt.getTime() && compareMoney(payment.amount, row.fixedPrice) >= 0;
  if (!open) {
    await requestRefund(tx, ctx, payment, `变卖已由他人先行付清或已结束，全额退还：${row.title} / The fixed-price sale was taken by an earlier payment or has ended: refunded`, refundDueBy(ctx.clock.now()));
    return undefined;
  }
  const updated = await updateAuction(tx, row.id, { status: 'sold', endedAt: paidAt, updatedAt: ctx.clock.now() });
  const sale = await recordSale(ctx, tx, updated, { userId: payment.payerId, registration: null }, formatMoney(row.fixedPrice!), paidAt, 'fixed_price');
  await completeSale(ctx, tx, updated, sale, paidAt);
  const notify = await pushAfterCommit(ctx, tx, updated);
  await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
    action: 'auction.sold',
    entityType: 'auction',
    entityId: row.id,
    caseId: row.caseId,
    data: { round: row.round, kind: 'fixed_price', endedAt: paidAt.toISOString(), price: sale.price, paymentId: payment.id },
  });
  return notify;
}
