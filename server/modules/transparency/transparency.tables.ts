import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The query code (查询码) of each case: one at a time, replaced when reissued. Only a keyed hash of the code is kept
 * (HMAC with the app secret, see query-code.rules.ts); the code itself is shown once, to the staff who issued it.
 */
export const caseQueryCodes = pgTable('case_query_codes', {
  caseId: uuid('case_id').primaryKey(),
  codeHash: text('code_hash').notNull(),
  issuedBy: uuid('issued_by').notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
});

/** Failed party queries per case number and per client address, shared by every server process (the login throttle's shape). */
export const partyQueryThrottle = pgTable('party_query_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
});
