import { randomUUID } from 'node:crypto';
import { formatMoney } from '../../../shared/money';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { recordAudit } from '../audit';
import { postTransaction } from '../ledger';
import type { PaymentGateway } from './payment-gateway';
import { flagOverdue, insertRefundIfAbsent, markRefundCompleted, noteRefundFailure, paymentById, refundForUpdate, requestedRefunds, type PaymentRow, type RefundRow } from './payment.store';

/**
 * Requests the refund of a paid payment inside the caller's transaction (so the decision and the request commit
 * together); at most one refund per payment, so requesting again changes nothing. `dueBy` is the legal deadline
 * (网拍 Art. 23: within 24 hours of the end of bidding). The refund job sends it.
 */
export async function requestRefund(tx: Db, ctx: AppContext, payment: PaymentRow, reason: string, dueBy: Date): Promise<RefundRow> {
  if (payment.status !== 'paid') throw new Error(`requestRefund: payment ${payment.id} is not paid`);
  const now = ctx.clock.now();
  const { row, created } = await insertRefundIfAbsent(tx, {
    id: randomUUID(),
    paymentId: payment.id,
    amount: formatMoney(payment.amount),
    reason,
    status: 'requested',
    requestedAt: now,
    dueBy,
    attempts: 0,
    lastError: null,
    overdueAt: null,
    completedAt: null,
    bankRef: null,
  });
  if (created) {
    await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
      action: 'payment.refund_requested',
      entityType: 'payment',
      entityId: payment.id,
      data: { refundId: row.id, amount: row.amount, reason, dueBy: dueBy.toISOString() },
    });
  }
  return row;
}

export interface RefundRun {
  refunded: number;
  failed: number;
  overdue: number;
}

/**
 * The refund job, safe to run twice and on several processes: sends every requested refund to the bank (idempotent
 * by refund id there), and on the bank's receipt completes it once, with the ledger moving the money back out of its
 * account. Then flags, once each, refunds still outstanding past their legal deadline (网拍 Art. 23: 24 hours), as an
 * audit record and an error in the log.
 */
export async function sendRefunds(ctx: AppContext, gateway: PaymentGateway, now: Date, batch = 200): Promise<RefundRun> {
  let refunded = 0;
  let failed = 0;
  const seen = new Set<string>();
  for (;;) {
    const due = (await requestedRefunds(ctx.db, batch)).filter((r) => !seen.has(r.id));
    for (const r of due) {
      seen.add(r.id);
      const payment = (await paymentById(ctx.db, r.paymentId))!;
      let receipt;
      try {
        receipt = await gateway.refund({ refundId: r.id, paymentId: r.paymentId, amount: r.amount, reason: r.reason });
      } catch (err) {
        failed++;
        await noteRefundFailure(ctx.db, r.id, (err as Error).message);
        ctx.logger.warn({ refundId: r.id, err: (err as Error).message }, 'refund not sent; retried at the next run');
        continue;
      }
      const done = await ctx.db.transaction(async (tx) => {
        const locked = await refundForUpdate(tx, r.id);
        if (locked?.status !== 'requested') return false;
        await markRefundCompleted(tx, r.id, receipt.completedAt, receipt.bankRef);
        await postTransaction(tx, {
          at: receipt.completedAt,
          caseId: payment.caseId,
          kind: 'refund',
          memo: `退还：${payment.description}（${receipt.bankRef}） / Refund (${receipt.bankRef})`,
          ref: r.id,
          entries: [
            { account: payment.forAccount, debit: r.amount },
            { account: payment.intoAccount, credit: r.amount },
          ],
        });
        await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
          action: 'payment.refunded',
          entityType: 'payment',
          entityId: payment.id,
          data: { refundId: r.id, amount: r.amount, bankRef: receipt.bankRef, completedAt: receipt.completedAt.toISOString() },
        });
        return true;
      });
      if (done) refunded++;
    }
    if (due.length < batch) break;
  }
  const flagged = await ctx.db.transaction(async (tx) => {
    const rows = await flagOverdue(tx, now);
    for (const r of rows) {
      await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
        action: 'payment.refund_overdue',
        entityType: 'payment',
        entityId: r.paymentId,
        data: { refundId: r.id, amount: r.amount, dueBy: r.dueBy.toISOString(), attempts: r.attempts, lastError: r.lastError },
      });
    }
    return rows;
  });
  for (const r of flagged) ctx.logger.error({ refundId: r.id, paymentId: r.paymentId, dueBy: r.dueBy }, 'deposit refund overdue (网拍 Art. 23: within 24 hours)');
  return { refunded, failed, overdue: flagged.length };
}
