import { formatMoney, sub } from '../../../shared/money';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { userById } from '../accounts';
import { recordAudit } from '../audit';
import { applyRecovery } from '../cases';
import { courtById } from '../courts';
import { auctionPriceAccount, bidderDepositAccount, caseRecoveredAccount, courtFundsAccount, depositEscrowAccount, postTransaction } from '../ledger';
import type { AuctionRow } from './auction.store';
import { balanceDueAt, publishedIdNumber } from './bidding.rules';
import { insertSale, paidSalesOfCase, updateRegistration, updateSale, type RegistrationRow, type SaleRow } from './bidding.store';
import { confirmationLetterHtml } from './confirmation-letter';
import { refundHeldDeposits } from './release-deposits';

export interface Buyer {
  userId: string;
  /** The winning registration (an auction); null in a fixed-price sale. */
  registration: RegistrationRow | null;
}

/**
 * Records the sale inside the transaction that decides it (`closeAuction`, or the first full payment of a fixed-price
 * sale): the confirmation letter with the buyer's real identity, issued and published at once (网拍 Art. 22); the
 * buyer's deposit moved from escrow to the court's account and counted toward the price (Art. 25: within 24 hours;
 * here at once); the balance due by the end of the period the announcement gave (Art. 25); every other deposit still
 * held sent back (Art. 23).
 */
export async function recordSale(ctx: AppContext, tx: Db, auction: AuctionRow, buyer: Buyer, price: string, endedAt: Date, kind: 'auction' | 'fixed_price'): Promise<SaleRow> {
  const user = (await userById(tx, buyer.userId))!;
  const court = (await courtById(tx, auction.courtId))!;
  const now = ctx.clock.now();
  const depositApplied = buyer.registration ? formatMoney(buyer.registration.depositAmount) : '0.00';
  // A fixed-price sale is taken by paying the whole price: nothing is left to pay.
  const balance = kind === 'fixed_price' ? '0.00' : formatMoney(sub(price, depositApplied));
  const dueAt = kind === 'auction' ? balanceDueAt(endedAt, auction.balanceDueDays) : null;
  const identityKind = user.identityKind ?? 'person';
  const letterHtml = confirmationLetterHtml({
    courtName: court.name,
    caseNo: auction.caseNo,
    auctionId: auction.id,
    title: auction.title,
    assetIdentifier: auction.assetIdentifier,
    round: auction.round,
    kind,
    buyer: { name: user.identityName ?? user.displayName, kind: identityKind, idNumber: publishedIdNumber(identityKind, user.identityNumber ?? ''), legalRepresentative: user.legalRepresentative },
    bidderCode: buyer.registration?.bidderCode ?? null,
    price,
    depositApplied,
    balance,
    endedAt,
    balanceDueAt: dueAt,
    issuedAt: now,
  });
  const sale: SaleRow = {
    auctionId: auction.id,
    kind,
    registrationId: buyer.registration?.id ?? null,
    buyerId: user.id,
    bidderCode: buyer.registration?.bidderCode ?? null,
    buyerName: user.identityName ?? user.displayName,
    price: formatMoney(price),
    depositApplied,
    balance,
    balanceDueAt: dueAt,
    status: 'awaiting_balance',
    letterHtml,
    letterIssuedAt: now,
    rulingNo: null,
    ruledAt: null,
    paidAt: null,
    renegedAt: null,
    forfeiture: null,
    createdAt: now,
  };
  await insertSale(tx, sale);
  if (buyer.registration) {
    // 网拍 Art. 25: the buyer's deposit goes to the court's account and counts toward the price.
    await postTransaction(tx, {
      at: now,
      caseId: auction.caseId,
      kind: 'deposit_to_price',
      memo: `买受人保证金划入法院账户并充抵价款：${auction.title} / The buyer's deposit to the court account, toward the price`,
      ref: buyer.registration.id,
      entries: [
        { account: courtFundsAccount(court.code), debit: depositApplied },
        { account: depositEscrowAccount(court.code), credit: depositApplied },
        { account: bidderDepositAccount(buyer.registration.id), debit: depositApplied },
        { account: auctionPriceAccount(auction.id), credit: depositApplied },
      ],
    });
    await updateRegistration(tx, buyer.registration.id, { depositState: 'applied' });
  }
  await refundHeldDeposits(ctx, tx, auction.id, endedAt, `未竞得，退还保证金（网拍第23条）：${auction.title} / Not the buyer: deposit refunded (网拍 Art. 23)`, buyer.registration?.id ?? null);
  await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
    action: 'auction.confirmation_letter_issued',
    entityType: 'auction',
    entityId: auction.id,
    caseId: auction.caseId,
    data: { kind, price: sale.price, bidderCode: sale.bidderCode, depositApplied, balance, balanceDueAt: dueAt?.toISOString() ?? null },
  });
  return sale;
}

/**
 * The price is paid in full: the court's sale ruling (拍卖成交裁定) is recorded, the proceeds are credited to the case
 * and reduce the outstanding claim (`applyRecovery`), in the transaction that records the last payment.
 */
export async function completeSale(ctx: AppContext, tx: Db, auction: AuctionRow, sale: SaleRow, paidAt: Date): Promise<SaleRow> {
  const now = ctx.clock.now();
  const rulingNo = `${auction.caseNo}之${(await paidSalesOfCase(tx, auction.caseId)) + 1}`;
  const updated = await updateSale(tx, auction.id, { status: 'paid', paidAt, rulingNo, ruledAt: now });
  await postTransaction(tx, {
    at: now,
    caseId: auction.caseId,
    kind: 'sale_proceeds',
    memo: `拍卖价款付清，成交裁定${rulingNo}：${auction.title} / Price paid in full; sale ruling ${rulingNo}`,
    ref: auction.id,
    entries: [
      { account: auctionPriceAccount(auction.id), debit: sale.price },
      { account: caseRecoveredAccount(auction.caseId), credit: sale.price },
    ],
  });
  const recovery = await applyRecovery(tx, auction.caseId, sale.price, now);
  await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
    action: 'auction.sale_paid',
    entityType: 'auction',
    entityId: auction.id,
    caseId: auction.caseId,
    data: { price: sale.price, rulingNo, paidAt: paidAt.toISOString(), outstandingBefore: recovery.before, outstandingAfter: recovery.after },
  });
  return updated;
}
