import { randomUUID } from 'node:crypto';
import { formatMoney } from '../../../shared/money';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { GatewayError, type PaymentGateway } from './payment-gateway';
import { insertPaymentIfAbsent, paymentById, setPayUrl, type PaymentRow } from './payment.store';
import type { PaymentPurpose } from './payment.tables';

export interface PaymentOrder {
  purpose: PaymentPurpose;
  ref: string;
  auctionId: string;
  caseId: string;
  payerId: string;
  payerName: string;
  amount: string;
  /** The cash account that holds the money once paid (debited), and what it stands for (credited). */
  intoAccount: string;
  forAccount: string;
  description: string;
}

export interface PaymentDeps {
  gateway: PaymentGateway;
  /** Where the bank POSTs its notifications (known once the server listens). */
  readonly notifyUrl: string;
}

/**
 * Records the payment (inside the caller's transaction, so that it stands or falls with the caller's checks);
 * idempotent by purpose and ref: asking again returns the payment already recorded.
 */
export async function recordPayment(tx: Db, ctx: AppContext, actor: Actor, order: PaymentOrder): Promise<PaymentRow> {
  const now = ctx.clock.now();
  const { row, created } = await insertPaymentIfAbsent(tx, {
    id: randomUUID(),
    purpose: order.purpose,
    ref: order.ref,
    auctionId: order.auctionId,
    caseId: order.caseId,
    payerId: order.payerId,
    amount: formatMoney(order.amount),
    intoAccount: order.intoAccount,
    forAccount: order.forAccount,
    description: order.description,
    status: 'created',
    payUrl: null,
    bankRef: null,
    createdAt: now,
    paidAt: null,
  });
  if (created) {
    await recordAudit(tx, ctx.clock, actor, {
      action: 'payment.opened',
      entityType: 'payment',
      entityId: row.id,
      data: { purpose: row.purpose, ref: row.ref, auctionId: row.auctionId, amount: row.amount },
    });
  }
  return row;
}

/**
 * Opens a recorded payment at the bank, after the caller's transaction committed (no network call holds a lock).
 * The bank is idempotent by the payment id, so this is safe to repeat; a paid payment is returned as it is.
 */
export async function openAtBank(ctx: AppContext, deps: PaymentDeps, payment: PaymentRow, payerName: string): Promise<PaymentRow> {
  if (payment.status === 'paid') return payment;
  try {
    const opened = await deps.gateway.createPayment({
      paymentId: payment.id,
      amount: payment.amount,
      description: payment.description,
      payerName,
      notifyUrl: deps.notifyUrl,
    });
    if (opened.payUrl !== payment.payUrl) await setPayUrl(ctx.db, payment.id, opened.payUrl);
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err;
    ctx.logger.warn({ err: err.message, paymentId: payment.id }, 'bank unavailable for a payment');
    throw new AppError('PAYMENT_GATEWAY_UNAVAILABLE', '银行支付系统暂不可用，请稍后重试（支付编号不变，不会重复扣款） / The bank is not available; try again later (the same payment, never charged twice)', { paymentId: payment.id });
  }
  return (await paymentById(ctx.db, payment.id))!;
}
