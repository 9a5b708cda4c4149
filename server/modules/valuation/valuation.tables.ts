import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const VALUATION_METHODS = ['negotiated', 'directedInquiry', 'onlineInquiry', 'appraisal'] as const;
export type ValuationMethod = (typeof VALUATION_METHODS)[number];

/**
 * A valuation (确定财产处置参考价) of the asset under one control measure in force: the methods tried in their legal
 * order (参考价 Art. 2, 4–7, 14), each a step, until one fixes the reference price. Measure, case, court and asset are
 * referenced by id; what identifies the asset is copied when the valuation starts, as it appears on the letters.
 */
export const valuations = pgTable(
  'valuations',
  {
    id: uuid('id').primaryKey(),
    measureId: uuid('measure_id').notNull(),
    caseId: uuid('case_id').notNull(),
    courtId: uuid('court_id').notNull(),
    caseNo: text('case_no').notNull(),
    assetId: uuid('asset_id').notNull(),
    assetKind: text('asset_kind').notNull(),
    assetIdentifier: text('asset_identifier').notNull(),
    assetDescription: text('asset_description').notNull(),
    /** The asset's indicative value when the valuation started (sent to the inquiry platforms; null when unknown). */
    indicativeValue: numeric('indicative_value', { precision: 18, scale: 2 }),
    status: text('status', { enum: ['running', 'fixed', 'failed', 'expired', 'withdrawn'] }).notNull(),
    /** The method of the step in progress (running) or the one that fixed the price. */
    method: text('method', { enum: VALUATION_METHODS }).notNull(),
    startedBy: uuid('started_by').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** The reference price (参考价) once fixed. */
    amount: numeric('amount', { precision: 18, scale: 2 }),
    fixedAt: timestamp('fixed_at', { withTimezone: true }),
    /** At most 1 year after fixedAt (参考价 Art. 27). */
    validUntil: timestamp('valid_until', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('valuations_case').on(t.caseId, t.startedAt),
    index('valuations_measure').on(t.measureId, t.startedAt),
    index('valuations_due').on(t.status, t.validUntil),
    // One valuation running or in force per measure: a second start is refused, not duplicated.
    uniqueIndex('valuations_one_live_per_measure').on(t.measureId).where(sql`status in ('running', 'fixed')`),
    check('valuations_amount_positive', sql`${t.amount} is null or ${t.amount} > 0`),
  ],
);

/**
 * One method tried in a valuation (or skipped by the parties' agreement). Deadlines are the court's (negotiation,
 * directed inquiry, the parties' choice of appraisal firms) or the law's (3 days for the inquiry platforms, once
 * extended; 参考价 Art. 11). A step with a report delivered to the parties waits for the 5-day objection window.
 */
export const valuationSteps = pgTable(
  'valuation_steps',
  {
    id: uuid('id').primaryKey(),
    valuationId: uuid('valuation_id')
      .notNull()
      .references(() => valuations.id),
    seq: integer('seq').notNull(),
    method: text('method', { enum: VALUATION_METHODS }).notNull(),
    status: text('status', { enum: ['choosing', 'open', 'reported', 'succeeded', 'failed', 'skipped'] }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    deadline: timestamp('deadline', { withTimezone: true }),
    /** Online inquiry: when the one 3-day extension was granted (参考价 Art. 11 para 2). */
    extendedAt: timestamp('extended_at', { withTimezone: true }),
    /** The step's result: negotiated or directed price, mean of the platforms' results, appraised price. */
    amount: numeric('amount', { precision: 18, scale: 2 }),
    resultAt: timestamp('result_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    deliveryMethod: text('delivery_method'),
    /** When the parties are deemed to have received the report (public notice: 15 days after, 参考价 Art. 21). */
    receivedAt: timestamp('received_at', { withTimezone: true }),
    /** Received + 5 days (参考价 Art. 22). */
    objectionDeadline: timestamp('objection_deadline', { withTimezone: true }),
    /** The parties' agreement: the negotiated price, or the skip of this method ({ text, parties, agreedAt }). */
    agreement: jsonb('agreement'),
    /** By method: directed { institution, reference }; appraisal { choice, firms, lottery { seed, pool, draw } }. */
    details: jsonb('details'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    outcome: text('outcome'),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('valuation_steps_seq').on(t.valuationId, t.seq),
    index('valuation_steps_due').on(t.status, t.deadline),
    index('valuation_steps_objections_due').on(t.status, t.objectionDeadline),
    check('valuation_steps_amount_positive', sql`${t.amount} is null or ${t.amount} > 0`),
  ],
);

/**
 * What one inquiry platform (网络询价) or appraisal firm (委托评估) was asked, and what it answered and when.
 * Platforms: one row each, all asked at once (参考价 Art. 10). Firms: three rows in their order; one commissioned at
 * a time (Art. 17, 19).
 */
export const valuationResults = pgTable(
  'valuation_results',
  {
    id: uuid('id').primaryKey(),
    valuationId: uuid('valuation_id')
      .notNull()
      .references(() => valuations.id),
    stepId: uuid('step_id')
      .notNull()
      .references(() => valuationSteps.id),
    source: text('source', { enum: ['platform', 'firm'] }).notNull(),
    sourceCode: text('source_code').notNull(),
    sourceName: text('source_name').notNull(),
    /** Firms: 1, 2, 3 in the order chosen or drawn. Platforms: the order of the list. */
    position: integer('position').notNull(),
    status: text('status', { enum: ['standby', 'pending', 'received', 'late', 'unanswered', 'withdrawn', 'dropped'] }).notNull(),
    /** When the court asked (commission letter); the 3 or 30 days run from here. */
    requestedAt: timestamp('requested_at', { withTimezone: true }),
    /** Platforms: when the platform acknowledged the signed request. */
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** Firms: extensions granted (at most 2 of at most 15 days, 参考价 Art. 19) as [{ days, at, by }]. */
    extensions: jsonb('extensions').notNull().default([]),
    amount: numeric('amount', { precision: 18, scale: 2 }),
    reportNo: text('report_no'),
    /** When the platform or firm issued its report (the platform's signed time). */
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    /** When the platform reported it; for a firm, when court staff recorded the report. */
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    reportValidUntil: timestamp('report_valid_until', { withTimezone: true }),
    details: jsonb('details'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('valuation_results_step').on(t.stepId, t.position),
    index('valuation_results_due').on(t.status, t.dueAt),
    uniqueIndex('valuation_results_source').on(t.stepId, t.sourceCode),
    check('valuation_results_amount_positive', sql`${t.amount} is null or ${t.amount} > 0`),
  ],
);

/** A party's written objection to an online-inquiry or appraisal report (参考价 Art. 22–24), and the court's ruling. */
export const valuationObjections = pgTable(
  'valuation_objections',
  {
    id: uuid('id').primaryKey(),
    valuationId: uuid('valuation_id')
      .notNull()
      .references(() => valuations.id),
    stepId: uuid('step_id')
      .notNull()
      .references(() => valuationSteps.id),
    resultId: uuid('result_id')
      .notNull()
      .references(() => valuationResults.id),
    party: text('party', { enum: ['creditor', 'debtor', 'interested'] }).notNull(),
    partyName: text('party_name').notNull(),
    grounds: text('grounds').notNull(),
    statement: text('statement').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    status: text('status', { enum: ['pending', 'upheld', 'rejected'] }).notNull(),
    ruledAt: timestamp('ruled_at', { withTimezone: true }),
    ruledBy: uuid('ruled_by'),
    ruling: text('ruling'),
  },
  (t) => [index('valuation_objections_step').on(t.stepId, t.filedAt)],
);
