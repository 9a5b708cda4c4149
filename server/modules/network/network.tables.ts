import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The transactional outbox (ARCHITECTURE invariant 5): an order to an institution is a row here, inserted in the same
 * transaction as the measure it carries. The worker delivers it; `id` is the message id the institution deduplicates
 * on, so redelivery after a crash executes nothing twice.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey(),
    correlationId: text('correlation_id').notNull(),
    caseId: uuid('case_id'),
    type: text('type').notNull(),
    institutionCode: text('institution_code').notNull(),
    /** Everything of the envelope but the signature and the send time, fixed when the order is given. */
    envelope: jsonb('envelope').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'inbox', 'rejected'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** A worker holding the message until then; a crashed worker's lease simply runs out. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    reply: jsonb('reply'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [index('outbox_due').on(t.status, t.nextAttemptAt), index('outbox_case').on(t.caseId)],
);

/** Every request to and reply from an institution, and every callback, as sent and received. */
export const networkJournal = pgTable(
  'network_journal',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    caseId: uuid('case_id'),
    messageId: text('message_id').notNull(),
    correlationId: text('correlation_id').notNull(),
    institutionCode: text('institution_code').notNull(),
    type: text('type').notNull(),
    /** `handoff`: the institution answers by hand, so the message went to its operators' inbox. */
    direction: text('direction', { enum: ['request', 'reply', 'error', 'callback', 'handoff'] }).notNull(),
    attempt: integer('attempt').notNull(),
    httpStatus: integer('http_status'),
    durationMs: integer('duration_ms'),
    payload: jsonb('payload'),
    error: text('error'),
  },
  (t) => [index('network_journal_case').on(t.caseId, t.seq), index('network_journal_message').on(t.messageId)],
);

/** Callback message ids already processed: a replayed callback is refused. */
export const receivedCallbacks = pgTable('received_callbacks', {
  messageId: uuid('message_id').primaryKey(),
  institutionCode: text('institution_code').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});
