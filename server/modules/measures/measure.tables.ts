import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Control measures (控): a freeze (冻结) of funds or rights, or a seizure (查封/扣押) of registered property, ordered
 * by a court against one asset of a debtor of one case and executed by the institution that holds the asset.
 * Case, court and asset are referenced by id only (modules do not share tables); the case number, the asset's
 * identifier and kind are copied when the order is given, as they appear on the notice.
 */
export const measures = pgTable(
  'measures',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    courtId: uuid('court_id').notNull(),
    caseNo: text('case_no').notNull(),
    assetId: uuid('asset_id').notNull(),
    debtorIdNumber: text('debtor_id_number').notNull(),
    institutionCode: text('institution_code').notNull(),
    assetRef: text('asset_ref').notNull(),
    assetKind: text('asset_kind').notNull(),
    assetIdentifier: text('asset_identifier').notNull(),
    assetDescription: text('asset_description').notNull(),
    kind: text('kind', { enum: ['freeze', 'seizure'] }).notNull(),
    status: text('status', { enum: ['pending', 'in_force', 'queued', 'rejected', 'released', 'lapsed', 'exhausted'] }).notNull(),
    /** Freeze: the amount ordered. Seizure: the asset's indicative value when ordered (null when unknown). */
    requestedAmount: numeric('requested_amount', { precision: 18, scale: 2 }),
    /** Freeze in force: what the institution actually froze (may be less than requested). */
    frozenAmount: numeric('frozen_amount', { precision: 18, scale: 2 }),
    deductedAmount: numeric('deducted_amount', { precision: 18, scale: 2 }).notNull().default('0'),
    /** 1 = first-rank (首封); n > 1 = queued (轮候) in position n. */
    rank: integer('rank'),
    /** Recorded by the judge to order beyond the over-seizure limit (查扣冻 Art. 19 para 2). */
    indivisible: boolean('indivisible').notNull().default(false),
    indivisibleReason: text('indivisible_reason'),
    /** The institution's reference of the measure. */
    measureRef: text('measure_ref'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    orderedBy: uuid('ordered_by').notNull(),
    orderedAt: timestamp('ordered_at', { withTimezone: true }).notNull(),
    effectiveAt: timestamp('effective_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /** An order sent to the institution and not yet answered: one at a time per measure. */
    pendingOrder: text('pending_order', { enum: ['renew', 'release', 'deduct'] }),
    renewUntil: timestamp('renew_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('measures_case').on(t.caseId, t.orderedAt),
    index('measures_due').on(t.status, t.expiresAt),
    index('measures_court_expiry').on(t.courtId, t.expiresAt),
    uniqueIndex('measures_institution_ref').on(t.institutionCode, t.measureRef),
    // One live measure per case and asset: a second order on the same asset is refused, not duplicated.
    uniqueIndex('measures_one_active_per_asset').on(t.caseId, t.assetId).where(sql`status in ('pending', 'in_force', 'queued')`),
    check('measures_amounts_not_negative', sql`coalesce(${t.requestedAmount}, 0) >= 0 and coalesce(${t.frozenAmount}, 0) >= 0 and ${t.deductedAmount} >= 0`),
  ],
);

/** Deductions (扣划) of frozen funds to the court's account; each needs a second approver before it is sent. */
export const deductions = pgTable(
  'deductions',
  {
    id: uuid('id').primaryKey(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => measures.id),
    caseId: uuid('case_id').notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    status: text('status', { enum: ['awaiting_approval', 'approved', 'completed', 'rejected_by_institution', 'declined'] }).notNull(),
    requestedBy: uuid('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    approvedBy: uuid('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    declinedBy: uuid('declined_by'),
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    declinedReason: text('declined_reason'),
    /** The outbox message that carries the deduct order, once approved. */
    messageId: uuid('message_id').unique(),
    transferRef: text('transfer_ref'),
    deductedAmount: numeric('deducted_amount', { precision: 18, scale: 2 }),
    rejectionReason: text('rejection_reason'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('deductions_case').on(t.caseId, t.requestedAt),
    // One open deduction per measure at a time.
    uniqueIndex('deductions_one_open_per_measure').on(t.measureId).where(sql`status in ('awaiting_approval', 'approved')`),
    check('deductions_amount_positive', sql`${t.amount} > 0`),
  ],
);
