import { asc, eq, inArray } from 'drizzle-orm';
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
