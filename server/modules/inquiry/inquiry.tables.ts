import { integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid, index } from 'drizzle-orm/pg-core';

/** One search of a debtor's assets across the network (网络查询), for one case. */
export const inquiries = pgTable(
  'inquiries',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    partyId: uuid('party_id').notNull(),
    debtorName: text('debtor_name').notNull(),
    debtorIdNumber: text('debtor_id_number').notNull(),
    debtorKind: text('debtor_kind', { enum: ['person', 'organisation'] }).notNull(),
    requestedBy: uuid('requested_by').notNull(),
    /** Limited to these kinds of institution; null = all. */
    kinds: jsonb('kinds').$type<string[] | null>(),
    status: text('status', { enum: ['running', 'completed'] }).notNull(),
    total: integer('total').notNull(),
    answered: integer('answered').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    timedOut: integer('timed_out').notNull().default(0),
    assetsFound: integer('assets_found').notNull().default(0),
    balanceFound: numeric('balance_found', { precision: 18, scale: 2 }).notNull().default('0'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** The process running the inquiry, and until when it holds it: a process that stops renewing loses it to another. */
    runnerId: uuid('runner_id'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
  },
  (t) => [index('inquiries_case').on(t.caseId, t.startedAt)],
);

/** Each institution asked in an inquiry, and how it went. */
export const inquiryTargets = pgTable(
  'inquiry_targets',
  {
    inquiryId: uuid('inquiry_id').notNull(),
    institutionCode: text('institution_code').notNull(),
    messageId: uuid('message_id').notNull(),
    status: text('status', { enum: ['pending', 'answered', 'failed', 'timed_out'] }).notNull(),
    assetCount: integer('asset_count').notNull().default(0),
    balanceFound: numeric('balance_found', { precision: 18, scale: 2 }).notNull().default('0'),
    error: text('error'),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.inquiryId, t.institutionCode] }), index('inquiry_targets_status').on(t.inquiryId, t.status)],
);

/** What the network has reported a debtor to hold, merged across institutions and inquiries. */
export const debtorAssets = pgTable(
  'debtor_assets',
  {
    id: uuid('id').primaryKey(),
    debtorIdNumber: text('debtor_id_number').notNull(),
    institutionCode: text('institution_code').notNull(),
    assetRef: text('asset_ref').notNull(),
    kind: text('kind').notNull(),
    identifier: text('identifier').notNull(),
    description: text('description').notNull(),
    balance: numeric('balance', { precision: 18, scale: 2 }),
    indicativeValue: numeric('indicative_value', { precision: 18, scale: 2 }),
    encumbrances: jsonb('encumbrances').notNull(),
    lastInquiryId: uuid('last_inquiry_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('debtor_assets_ref').on(t.institutionCode, t.assetRef), index('debtor_assets_debtor').on(t.debtorIdNumber)],
);
