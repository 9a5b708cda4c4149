import { sql } from 'drizzle-orm';
import { check, index, integer, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * The double-entry ledger of money the court receives: a transaction has two or more entries whose debits equal its
 * credits. `postTransaction` refuses an unbalanced one and a deferred constraint trigger (in the migration) checks it
 * again at commit; both tables are append-only.
 */
export const ledgerTransactions = pgTable(
  'ledger_transactions',
  {
    id: uuid('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    caseId: uuid('case_id'),
    /** e.g. `deduction` */
    kind: text('kind').notNull(),
    memo: text('memo').notNull(),
    /** What the transaction records (e.g. the deduction id): one transaction per kind and ref. */
    ref: text('ref').notNull(),
  },
  (t) => [unique('ledger_transactions_kind_ref').on(t.kind, t.ref), index('ledger_transactions_case').on(t.caseId, t.at)],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    transactionId: uuid('transaction_id')
      .notNull()
      .references(() => ledgerTransactions.id),
    line: integer('line').notNull(),
    /** e.g. `court:京0105:enforcement-funds`, `case:<id>:recovered` */
    account: text('account').notNull(),
    debit: numeric('debit', { precision: 18, scale: 2 }).notNull().default('0'),
    credit: numeric('credit', { precision: 18, scale: 2 }).notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.transactionId, t.line] }),
    index('ledger_entries_account').on(t.account),
    check('ledger_entries_one_side', sql`(${t.debit} > 0 and ${t.credit} = 0) or (${t.credit} > 0 and ${t.debit} = 0)`),
  ],
);
