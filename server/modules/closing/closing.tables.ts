import { date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Interviews with the creditor (约谈) before terminating for lack of assets (终本规定 Art. 1 (五), Art. 5): the court
 * tells the creditor how enforcement went and hears them. Case and court are referenced by id only.
 */
export const creditorInterviews = pgTable(
  'creditor_interviews',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    courtId: uuid('court_id').notNull(),
    /** The day the interview took place (China calendar day). */
    interviewedOn: date('interviewed_on', { mode: 'string' }).notNull(),
    content: text('content').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('creditor_interviews_case').on(t.caseId, t.recordedAt)],
);

/**
 * The re-checks after termination (终本规定 Art. 9: every 6 months for 5 years the court queries the debtor's assets
 * online). One row per due date of one termination; a restoration cancels those not done.
 */
export const closingRechecks = pgTable(
  'closing_rechecks',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    courtId: uuid('court_id').notNull(),
    /** The termination (its audit-free id) this schedule belongs to; a case terminated again gets a new one. */
    terminationId: uuid('termination_id').notNull(),
    /** 1…10: the n-th re-check, due n × 6 months after termination. */
    seq: integer('seq').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['scheduled', 'running', 'done', 'cancelled'] }).notNull(),
    /** The inquiries it started, one per debtor. */
    inquiryIds: jsonb('inquiry_ids').$type<string[]>().notNull().default([]),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    assetsFound: integer('assets_found').notNull().default(0),
    valueFound: numeric('value_found', { precision: 18, scale: 2 }).notNull().default('0'),
  },
  (t) => [
    uniqueIndex('closing_rechecks_termination_seq').on(t.terminationId, t.seq),
    index('closing_rechecks_due').on(t.status, t.dueAt),
    index('closing_rechecks_case').on(t.caseId, t.seq),
  ],
);

/** A re-check found assets with a value: the judge is alerted and may restore the case (民诉解释 Art. 517 para 2). */
export const closingAlerts = pgTable(
  'closing_alerts',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    courtId: uuid('court_id').notNull(),
    caseNo: text('case_no').notNull(),
    recheckId: uuid('recheck_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    assetCount: integer('asset_count').notNull(),
    valueFound: numeric('value_found', { precision: 18, scale: 2 }).notNull(),
    /** What was found, as reported: institution, kind, identifier, description, balance, indicative value. */
    assets: jsonb('assets').notNull(),
  },
  (t) => [uniqueIndex('closing_alerts_recheck').on(t.recheckId), index('closing_alerts_court').on(t.courtId, t.at)],
);
