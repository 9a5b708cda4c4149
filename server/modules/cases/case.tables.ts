import { index, integer, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/account.tables';
import { courts } from '../courts/court.tables';

export const enforcementCases = pgTable(
  'enforcement_cases',
  {
    id: uuid('id').primaryKey(),
    caseNo: text('case_no').notNull().unique(),
    courtId: uuid('court_id')
      .notNull()
      .references(() => courts.id),
    year: integer('year').notNull(),
    caseType: text('case_type').notNull(),
    seq: integer('seq').notNull(),
    cause: text('cause').notNull(),
    basis: text('basis').notNull(),
    claimAmount: numeric('claim_amount', { precision: 18, scale: 2 }).notNull(),
    outstandingAmount: numeric('outstanding_amount', { precision: 18, scale: 2 }).notNull(),
    status: text('status', { enum: ['open', 'satisfied', 'terminated', 'closed'] }).notNull(),
    judgeId: uuid('judge_id')
      .notNull()
      .references(() => users.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('enforcement_cases_number').on(t.courtId, t.year, t.caseType, t.seq),
    index('enforcement_cases_court_filed').on(t.courtId, t.filedAt),
  ],
);

export const caseParties = pgTable(
  'case_parties',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => enforcementCases.id),
    role: text('role', { enum: ['creditor', 'debtor'] }).notNull(),
    kind: text('kind', { enum: ['person', 'organisation'] }).notNull(),
    name: text('name').notNull(),
    /** Resident ID number (person) or unified social credit code (organisation). */
    idNumber: text('id_number').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('case_parties_case').on(t.caseId), index('case_parties_id_number').on(t.idNumber)],
);
