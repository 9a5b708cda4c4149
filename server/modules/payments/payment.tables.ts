import { sql } from 'drizzle-orm';
import { check, index, integer, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const PAYMENT_PURPOSES = ['deposit', 'balance', 'full_price'] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

/**
 * Money a payer pays through the bank (PaymentGateway): a bidder's deposit (保证金), a buyer's balance (尾款), or the
 * full price in a fixed-price sale (变卖). The row exists before the bank is asked, with its id, so that asking again
 * after a failure opens the same payment (the bank is idempotent by id). When the bank's signed notification arrives
 * the payment is `paid` and the ledger transaction moves the amount into `intoAccount` (the cash account that now
 * holds it) against `forAccount` (what the money stands for); a refund is the reverse.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey(),
    purpose: text('purpose', { enum: PAYMENT_PURPOSES }).notNull(),
    /** What it pays for (a registration id, a sale id, an auction and buyer): one payment per purpose and ref. */
    ref: text('ref').notNull(),
    auctionId: uuid('auction_id').notNull(),
    caseId: uuid('case_id').notNull(),
    payerId: uuid('payer_id').notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    intoAccount: text('into_account').notNull(),
    forAccount: text('for_account').notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: ['created', 'paid'] }).notNull(),
    payUrl: text('pay_url'),
    bankRef: text('bank_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
  },
  (t) => [
    unique('payments_purpose_ref').on(t.purpose, t.ref),
    index('payments_auction').on(t.auctionId),
    index('payments_payer').on(t.payerId),
    check('payments_amount_positive', sql`${t.amount} > 0`),
  ],
);

/**
 * A refund of a paid payment (a loser's deposit, 网拍 Art. 23; a payment that came too late). Requested inside the
 * transaction that decides it, sent by the refund job (idempotent by id at the bank) and completed when the bank's
 * signed receipt comes back; `dueBy` is the legal deadline the job watches.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['requested', 'completed'] }).notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    dueBy: timestamp('due_by', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** When the job found it past `dueBy` and raised the alarm (once). */
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    bankRef: text('bank_ref'),
  },
  (t) => [unique('refunds_one_per_payment').on(t.paymentId), index('refunds_status_due').on(t.status, t.dueBy), check('refunds_amount_positive', sql`${t.amount} > 0`)],
);

/** Notifications received from the bank, by message id: a replayed one is refused and changes nothing. */
export const paymentNotifications = pgTable('payment_notifications', {
  messageId: uuid('message_id').primaryKey(),
  paymentId: uuid('payment_id').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});
