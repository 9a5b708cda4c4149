import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { paymentByRef, requestRefund } from '../payments';
import { refundDueBy } from './bidding.rules';
import { registrationsOfAuction, updateRegistration } from './bidding.store';

/**
 * Requests the refund of every deposit of the auction still held, except the buyer's (网拍 Art. 23: losers', and all
 * of an unsold auction, within 24 hours of the end of bidding), inside the caller's transaction. Each registration
 * leaves `held` once, so running it again requests nothing more.
 */
export async function refundHeldDeposits(ctx: AppContext, tx: Db, auctionId: string, endedAt: Date, reason: string, exceptRegistrationId: string | null = null): Promise<number> {
  let n = 0;
  for (const r of await registrationsOfAuction(tx, auctionId)) {
    if (r.depositState !== 'held' || r.id === exceptRegistrationId) continue;
    const payment = await paymentByRef(tx, 'deposit', r.id);
    if (!payment || payment.status !== 'paid') continue;
    await requestRefund(tx, ctx, payment, reason, refundDueBy(endedAt));
    await updateRegistration(tx, r.id, { depositState: 'refunded' });
    n++;
  }
  return n;
}
