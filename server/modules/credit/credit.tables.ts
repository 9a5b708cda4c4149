import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The dishonest-debtor list (失信被执行人名单): one row per debtor listed in one case. Case, court and party are
 * referenced by id only (modules do not share tables); the debtor's name and ID number, the case number and the
 * court's name are copied at listing, as the decision states them (失信 Art. 6).
 */
export const creditListings = pgTable(
  'credit_listings',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    courtId: uuid('court_id').notNull(),
    caseNo: text('case_no').notNull(),
    courtName: text('court_name').notNull(),
    partyId: uuid('party_id').notNull(),
    debtorKind: text('debtor_kind', { enum: ['person', 'organisation'] }).notNull(),
    debtorName: text('debtor_name').notNull(),
    debtorIdNumber: text('debtor_id_number').notNull(),
    /** Organisations only: the legal representative (限高 Art. 3 para 2 restricts them too). */
    legalRepName: text('legal_rep_name'),
    legalRepIdNumber: text('legal_rep_id_number'),
    ground: text('ground').notNull(),
    evidence: text('evidence').notNull(),
    status: text('status', { enum: ['listed', 'removed'] }).notNull(),
    listedBy: uuid('listed_by').notNull(),
    listedAt: timestamp('listed_at', { withTimezone: true }).notNull(),
    /** Null for ground (一): no fixed term (失信 Art. 2). */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    extensions: integer('extensions').notNull().default(0),
    /** Set when a cause for removal arises (debt satisfied…): the job removes it, by `removalDueBy` at the latest. */
    removalCause: text('removal_cause', { enum: ['debt_satisfied', 'term_ended', 'correction_upheld', 'court_decision'] }),
    removalDueAt: timestamp('removal_due_at', { withTimezone: true }),
    removalDueBy: timestamp('removal_due_by', { withTimezone: true }),
    removalReason: text('removal_reason'),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One current listing per debtor and case: a second listing races into this index, not past a check.
    uniqueIndex('credit_listings_current').on(t.caseId, t.partyId).where(sql`${t.status} = 'listed'`),
    index('credit_listings_case').on(t.caseId),
    index('credit_listings_id_number').on(t.debtorIdNumber),
    index('credit_listings_name').on(t.debtorName),
    index('credit_listings_status_expires').on(t.status, t.expiresAt),
  ],
);

/** Extensions of a listing's term (失信 Art. 2 para 2), with reasons. */
export const creditExtensions = pgTable(
  'credit_extensions',
  {
    id: uuid('id').primaryKey(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => creditListings.id),
    years: integer('years').notNull(),
    reason: text('reason').notNull(),
    fromExpiresAt: timestamp('from_expires_at', { withTimezone: true }).notNull(),
    toExpiresAt: timestamp('to_expires_at', { withTimezone: true }).notNull(),
    extendedBy: uuid('extended_by').notNull(),
    extendedAt: timestamp('extended_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('credit_extensions_listing').on(t.listingId)],
);

/**
 * Consumption restrictions (限制消费, 限高 Art. 1, 3) on the debtor and, for a company, its legal representative
 * (Art. 3 para 2). Made one of two ways:
 * - by a listing (`listingId` set): they end with the listing (限高 Art. 9);
 * - by a restriction order on its own (限制消费令, 限高 Art. 1, 4, 5; `listingId` null, `orderedBy` set): a judge may
 *   restrict a debtor who fails to perform without listing them. The order's rows carry the case, court and debtor
 *   themselves, and end when lifted (Art. 9: security, the creditor's consent) or when the debt is performed.
 */
export const consumptionRestrictions = pgTable(
  'consumption_restrictions',
  {
    id: uuid('id').primaryKey(),
    /** Null for a restriction order made on its own. */
    listingId: uuid('listing_id').references(() => creditListings.id),
    caseId: uuid('case_id').notNull(),
    subject: text('subject', { enum: ['debtor', 'legal_representative'] }).notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** The debtor party, court and case number as ordered; set on a listing's rows too since 0016 (older ones: read the listing). */
    partyId: uuid('party_id'),
    courtId: uuid('court_id'),
    courtName: text('court_name'),
    caseNo: text('case_no'),
    /** Orders only: the judge who made it and why (限高 Art. 2: the debtor's conduct and ability to perform). */
    orderedBy: uuid('ordered_by'),
    orderReason: text('order_reason'),
    /** Orders only: why it ended (lifted with the reason, or the debt performed). */
    endedReason: text('ended_reason'),
  },
  (t) => [
    index('consumption_restrictions_listing').on(t.listingId),
    index('consumption_restrictions_id_number').on(t.idNumber),
    index('consumption_restrictions_case').on(t.caseId),
    // One order in force per debtor and case: a second order races into this index, not past a check.
    uniqueIndex('consumption_restrictions_order_in_force')
      .on(t.caseId, t.partyId, t.subject)
      .where(sql`${t.listingId} is null and ${t.endedAt} is null`),
  ],
);

/** Correction requests (纠正申请, 失信 Art. 11): decided within 15 days of receipt. */
export const creditCorrections = pgTable(
  'credit_corrections',
  {
    id: uuid('id').primaryKey(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => creditListings.id),
    caseId: uuid('case_id').notNull(),
    courtId: uuid('court_id').notNull(),
    applicantName: text('applicant_name').notNull(),
    contact: text('contact'),
    reasons: text('reasons').notNull(),
    status: text('status', { enum: ['pending', 'upheld', 'rejected'] }).notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    dueBy: timestamp('due_by', { withTimezone: true }).notNull(),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** When the job found the decision overdue and flagged it to the court. */
    overdueFlaggedAt: timestamp('overdue_flagged_at', { withTimezone: true }),
  },
  (t) => [
    // One pending request per listing.
    uniqueIndex('credit_corrections_pending').on(t.listingId).where(sql`${t.status} = 'pending'`),
    index('credit_corrections_court_status').on(t.courtId, t.status),
  ],
);
