import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { userById } from '../accounts';
import { courtById } from '../courts';
import { bidderDepositAccount, depositEscrowAccount } from '../ledger';
import { openAtBank, recordPayment, type PaymentRow } from '../payments';
import type { BiddingDeps } from './bidder-checks';
import { auctionForUpdate } from './auction.store';
import { registrationOpen } from './bidding.rules';
import { registrationOf } from './bidding.store';
import { registrationClosed } from './register-for-auction';

export function depositAlreadyPaid(): AppError {
  return new AppError('DEPOSIT_ALREADY_PAID', '保证金已交纳，无需重复交纳（网拍第17条） / The deposit has already been paid; it is not taken twice (网拍 Art. 17)');
}

/**
 * The registered bidder pays the deposit (网拍 Art. 17) through the bank: the payment is recorded with its id, then
 * opened at the bank (idempotent by that id), and the bidder pays on the bank's page (`payUrl`). Asking again before
 * paying returns the same payment; after paying it is refused (DEPOSIT_ALREADY_PAID). Paid into the court's deposit
 * escrow, for this registration (the ledger records it when the bank confirms).
 */
export async function payDeposit(ctx: AppContext, deps: BiddingDeps, actor: Actor, auctionId: string): Promise<PaymentRow> {
  const registration = actor.userId ? await registrationOf(ctx.db, auctionId, actor.userId) : undefined;
  if (!registration) throw notFound('registration', '报名');
  if (registration.depositState !== 'unpaid') throw depositAlreadyPaid();
  const user = (await userById(ctx.db, registration.userId))!;
  const payment = await ctx.db.transaction(async (tx) => {
    const auction = (await auctionForUpdate(tx, auctionId))!;
    if (!registrationOpen(auction.status, auction.biddingEndsAt, ctx.clock.now())) throw registrationClosed(auction);
    const court = (await courtById(tx, auction.courtId))!;
    return recordPayment(tx, ctx, actor, {
      purpose: 'deposit',
      ref: registration.id,
      auctionId,
      caseId: auction.caseId,
      payerId: registration.userId,
      payerName: user.identityName ?? user.displayName,
      amount: registration.depositAmount,
      intoAccount: depositEscrowAccount(court.code),
      forAccount: bidderDepositAccount(registration.id),
      description: `竞买保证金：${auction.title} / Deposit: ${auction.title}`,
    });
  });
  if (payment.status === 'paid') throw depositAlreadyPaid();
  return openAtBank(ctx, deps.payments, payment, user.identityName ?? user.displayName);
}
