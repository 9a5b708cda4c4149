import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Joint punishment (联合惩戒): every check an institution or platform makes against the list, one row per request.
 * Refused attempts (unsigned, forged, unknown institution, wrong role) are kept too, with the code and no answer, so
 * the court can see who probes the list; an answered request's id is unique per institution (a replay is refused).
 */
export const jointChecks = pgTable(
  'joint_checks',
  {
    id: uuid('id').primaryKey(),
    /** The caller's request id (signed requests); null for session calls and for refusals. */
    requestId: uuid('request_id'),
    /** As authenticated; for a refused attempt, the code the caller claimed (or '?'). */
    institutionCode: text('institution_code').notNull(),
    via: text('via', { enum: ['signature', 'session'] }),
    kind: text('kind', { enum: ['single', 'batch'] }).notNull(),
    status: text('status', { enum: ['answered', 'refused'] }).notNull(),
    refusalCode: text('refusal_code'),
    subjectCount: integer('subject_count').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('joint_checks_request').on(t.institutionCode, t.requestId).where(sql`${t.status} = 'answered' and ${t.requestId} is not null`),
    index('joint_checks_at').on(t.at),
  ],
);

/** The answer given about each subject of a check (who asked is on the check). */
export const jointCheckAnswers = pgTable(
  'joint_check_answers',
  {
    id: uuid('id').primaryKey(),
    checkId: uuid('check_id')
      .notNull()
      .references(() => jointChecks.id),
    position: integer('position').notNull(),
    idNumber: text('id_number').notNull(),
    name: text('name'),
    listed: boolean('listed').notNull(),
    restricted: boolean('restricted').notNull(),
    answer: jsonb('answer').notNull(),
  },
  (t) => [index('joint_check_answers_check').on(t.checkId, t.position), index('joint_check_answers_id_number').on(t.idNumber)],
);

/** One webhook per institution for list changes. */
export const jointSubscriptions = pgTable('joint_subscriptions', {
  institutionCode: text('institution_code').primaryKey(),
  url: text('url').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Webhook deliveries, a transactional outbox (ARCHITECTURE invariant 5): inserted in the transaction that lists or
 * removes, delivered by the worker with retries and back-off until the receiver answers with a valid signed ack.
 */
export const jointDeliveries = pgTable(
  'joint_deliveries',
  {
    id: uuid('id').primaryKey(),
    institutionCode: text('institution_code').notNull(),
    url: text('url').notNull(),
    event: text('event', { enum: ['listing.added', 'listing.removed', 'restriction.added', 'restriction.ended'] }).notNull(),
    /** The event's fields (without delivery id, attempt, sentAt and signature, added at each attempt). */
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [index('joint_deliveries_due').on(t.status, t.nextAttemptAt), index('joint_deliveries_institution').on(t.institutionCode, t.createdAt)],
);

/** Interceptions reported by institutions (限高 Art. 3, 11; 一处失信，处处受限): one row per case whose restriction applied. */
export const creditInterceptions = pgTable(
  'credit_interceptions',
  {
    id: uuid('id').primaryKey(),
    requestId: uuid('request_id').notNull(),
    institutionCode: text('institution_code').notNull(),
    /** Null when the restriction that applied was made by an order, not a listing. */
    listingId: uuid('listing_id'),
    caseId: uuid('case_id').notNull(),
    courtId: uuid('court_id').notNull(),
    caseNo: text('case_no').notNull(),
    idNumber: text('id_number').notNull(),
    name: text('name').notNull(),
    action: text('action', { enum: ['real_estate_transfer', 'purchase'] }).notNull(),
    role: text('role', { enum: ['buyer', 'seller'] }).notNull(),
    prohibition: text('prohibition'),
    description: text('description').notNull(),
    amount: text('amount'),
    checkId: uuid('check_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // A report is recorded once per case: a retried report is refused as a replay.
    uniqueIndex('credit_interceptions_request_case').on(t.institutionCode, t.requestId, t.caseId),
    index('credit_interceptions_case').on(t.caseId, t.receivedAt),
  ],
);
