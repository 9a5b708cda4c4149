import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Notices for institutions whose operators answer by hand (协助执行通知书 in the inbox). An order notice comes from the
 * outbox (source 'order', source_id = the message id); an inquiry from an inquiry target (source 'inquiry').
 */
export const inboxNotices = pgTable(
  'inbox_notices',
  {
    id: uuid('id').primaryKey(),
    institutionCode: text('institution_code').notNull(),
    source: text('source', { enum: ['order', 'inquiry'] }).notNull(),
    sourceId: text('source_id').notNull(),
    type: text('type').notNull(),
    caseId: uuid('case_id'),
    caseNo: text('case_no').notNull(),
    courtName: text('court_name').notNull(),
    officialName: text('official_name').notNull(),
    /** The notice's content: debtor, asset, amount, term… as sent. */
    body: jsonb('body').notNull(),
    status: text('status', { enum: ['new', 'executed', 'rejected'] }).notNull(),
    result: jsonb('result'),
    reason: text('reason'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: uuid('answered_by'),
  },
  (t) => [index('inbox_institution_status').on(t.institutionCode, t.status, t.receivedAt)],
);
