import { compareMoney } from '../../../shared/money';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { postTransaction } from '../ledger';
import type { PaymentGateway } from './payment-gateway';
import { insertNotification, markPaid, paymentForUpdate, type PaymentRow } from './payment.store';

/** Applies a payment that has just been paid, inside the transaction that records it; returns the pushes for after commit. */
export type PaidHandler = (tx: Db, payment: PaymentRow) => Promise<(() => void) | void>;

const MAX_AGE_MS = 5 * 60_000;

/**
 * The bank says a payment was paid. Refused, with nothing changed, unless it is the bank's (signature), fresh (sent
 * within 5 minutes), new (a replayed message id: REPLAYED) and for the amount asked (PAYMENT_MISMATCH). A second
 * notification of a payment already paid (a new message id) is accepted and changes nothing. Otherwise, in one
 * transaction: the payment is paid, the ledger moves the money into its account, and `onPaid` applies it (the deposit
 * qualifies the bidder, the balance completes the sale…).
 */
export async function receivePaymentNotification(ctx: AppContext, gateway: PaymentGateway, onPaid: PaidHandler, raw: unknown): Promise<{ applied: boolean }> {
  const n = gateway.verifyNotification(raw);
  if (!n) throw new AppError('BAD_SIGNATURE', '支付通知签名无效 / The payment notification is not signed by the bank');
  const age = ctx.clock.nowMs() - n.sentAt.getTime();
  if (age > MAX_AGE_MS || age < -MAX_AGE_MS) throw new AppError('BAD_SIGNATURE', '支付通知已过期 / The payment notification is stale');
  let after: (() => void) | void = undefined;
  let applied = false;
  await ctx.db.transaction(async (tx) => {
    try {
      await insertNotification(tx, n.messageId, n.paymentId, ctx.clock.now());
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('REPLAYED', '重复的支付通知已拒绝 / This payment notification was already received');
      throw err;
    }
    const payment = await paymentForUpdate(tx, n.paymentId);
    if (!payment) throw new AppError('NOT_FOUND', '支付不存在 / No such payment');
    if (compareMoney(payment.amount, n.amount) !== 0) {
      throw new AppError('PAYMENT_MISMATCH', `支付金额${n.amount}与应付金额${payment.amount}不符 / The amount paid ${n.amount} is not the amount due ${payment.amount}`);
    }
    const paid = await markPaid(tx, payment.id, n.paidAt, n.bankRef);
    if (!paid) return;
    await postTransaction(tx, {
      at: n.paidAt,
      caseId: paid.caseId,
      kind: 'payment',
      memo: `${paid.description}（${n.bankRef}） / Payment received (${n.bankRef})`,
      ref: paid.id,
      entries: [
        { account: paid.intoAccount, debit: paid.amount },
        { account: paid.forAccount, credit: paid.amount },
      ],
    });
    // `onPaid` first: it locks the auction's (or sale's) row, and the audit chain's lock is taken last, held to the
    // commit (audit.store). The other order deadlocks on a PostgreSQL server against a deposit being opened for the
    // same auction (which locks the row, then appends its audit record).
    after = await onPaid(tx, paid);
    await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
      action: 'payment.received',
      entityType: 'payment',
      entityId: paid.id,
      data: { purpose: paid.purpose, ref: paid.ref, amount: paid.amount, bankRef: n.bankRef, paidAt: n.paidAt.toISOString(), messageId: n.messageId },
    });
    applied = true;
  });
  (after as (() => void) | void)?.();
  return { applied };
}
