import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { networkJournal } from './network.tables';

export type JournalRow = typeof networkJournal.$inferSelect;

/** A case's journal, newest first. */
export async function journalOfCase(db: Db, caseId: string, page: number, pageSize: number, institutionCode?: string): Promise<{ rows: JournalRow[]; total: number }> {
  const conditions: SQL[] = [eq(networkJournal.caseId, caseId)];
  if (institutionCode) conditions.push(eq(networkJournal.institutionCode, institutionCode));
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(networkJournal).where(where);
  const rows = await db.select().from(networkJournal).where(where).orderBy(desc(networkJournal.seq)).limit(pageSize).offset((page - 1) * pageSize);
  return { rows, total: Number(total?.n ?? 0) };
}
