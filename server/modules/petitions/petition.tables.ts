import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { PETITION_STATUSES, PETITIONER_ROLES } from '../../../shared/schemas/transparency';

/**
 * Petitions (信访) about an enforcement case: received by court staff or filed by a party with the case's query code,
 * assigned to a judge of the court, answered. Each step has a deadline fixed at receipt (petition.rules.ts); the
 * reminder and overdue marks are set once each by the scheduled job (conditional updates). Case and court are
 * referenced by id only; the case number is copied at receipt.
 */
export const petitions = pgTable(
  'petitions',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    courtId: uuid('court_id').notNull(),
    caseNo: text('case_no').notNull(),
    /** visit (来访), letter (来信), phone, online (filed by the party with the query code). */
    channel: text('channel', { enum: ['visit', 'letter', 'phone', 'online'] }).notNull(),
    petitionerName: text('petitioner_name').notNull(),
    petitionerRole: text('petitioner_role', { enum: PETITIONER_ROLES }).notNull(),
    contact: text('contact'),
    content: text('content').notNull(),
    status: text('status', { enum: PETITION_STATUSES }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** The staff member who took it in; null when the party filed it online. */
    receivedBy: uuid('received_by'),
    assignDueAt: timestamp('assign_due_at', { withTimezone: true }).notNull(),
    answerDueAt: timestamp('answer_due_at', { withTimezone: true }).notNull(),
    assigneeId: uuid('assignee_id'),
    assignedBy: uuid('assigned_by'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    answer: text('answer'),
    answeredBy: uuid('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    assignRemindedAt: timestamp('assign_reminded_at', { withTimezone: true }),
    answerRemindedAt: timestamp('answer_reminded_at', { withTimezone: true }),
    assignOverdueAt: timestamp('assign_overdue_at', { withTimezone: true }),
    answerOverdueAt: timestamp('answer_overdue_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('petitions_court_status').on(t.courtId, t.status, t.receivedAt),
    index('petitions_case').on(t.caseId, t.receivedAt),
    index('petitions_due').on(t.status, t.answerDueAt),
  ],
);
