import { and, asc, eq, gt, gte, inArray, like, lt, sql } from 'drizzle-orm';
import { uuidIn } from '../../platform/db/conditions';
import type { Db } from '../../platform/db/database';
import { ledgerEntries, ledgerTransactions } from './ledger.tables';

export type LedgerTransactionRow = typeof ledgerTransactions.$inferSelect;
export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;

export async function insertTransaction(tx: Db, row: LedgerTransactionRow, entries: LedgerEntryRow[]): Promise<void> {
  await tx.insert(ledgerTransactions).values(row);
  await tx.insert(ledgerEntries).values(entries);
}

export async function transactionsOfCase(db: Db, caseId: string): Promise<LedgerTransactionRow[]> {
  return db.select().from(ledgerTransactions).where(eq(ledgerTransactions.caseId, caseId)).orderBy(asc(ledgerTransactions.at), asc(ledgerTransactions.id));
}

export async function entriesOf(db: Db, transactionIds: string[]): Promise<LedgerEntryRow[]> {
  if (transactionIds.length === 0) return [];
  return db.select().from(ledgerEntries).where(inArray(ledgerEntries.transactionId, transactionIds)).orderBy(asc(ledgerEntries.transactionId), asc(ledgerEntries.line));
}

/** Debits and credits of one account so far (inside a transaction that holds the account's lock, current). */
export async function accountTotals(db: Db, account: string): Promise<{ debit: string; credit: string }> {
  const [row] = await db
    .select({ debit: sql<string>`coalesce(sum(${ledgerEntries.debit}), 0)::text`, credit: sql<string>`coalesce(sum(${ledgerEntries.credit}), 0)::text` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.account, account));
  return { debit: row?.debit ?? '0', credit: row?.credit ?? '0' };
}

/** Serialises the payouts of one case (an advisory lock for the transaction). */
export async function lockCasePayouts(tx: Db, caseId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`payout:${caseId}`}))`);
}

/**
 * Money credited to cases' recovered accounts (deductions, sale prices, forfeited deposits applied) from `from` to
 * `before`, of `caseIds` (of every case when not given), one row per entry with the case and the transaction's time.
 */
export async function recoveredCredits(db: Db, from: Date, before: Date, caseIds?: readonly string[]): Promise<{ caseId: string; at: Date; amount: string }[]> {
  const conditions = [like(ledgerEntries.account, 'case:%:recovered'), gt(ledgerEntries.credit, '0'), gte(ledgerTransactions.at, from), lt(ledgerTransactions.at, before)];
  if (caseIds) conditions.push(uuidIn(ledgerTransactions.caseId, caseIds));
  const rows = await db
    .select({ caseId: ledgerTransactions.caseId, at: ledgerTransactions.at, amount: ledgerEntries.credit })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(and(...conditions));
  return rows.filter((r): r is { caseId: string; at: Date; amount: string } => r.caseId !== null);
}
