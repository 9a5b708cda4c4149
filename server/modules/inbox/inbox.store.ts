import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { inboxNotices } from './inbox.tables';

export type NoticeRow = typeof inboxNotices.$inferSelect;

export async function insertNotice(tx: Db, row: NoticeRow): Promise<void> {
  await tx.insert(inboxNotices).values(row).onConflictDoNothing();
}

export async function noticeById(db: Db, id: string): Promise<NoticeRow | undefined> {
  const [row] = await db.select().from(inboxNotices).where(eq(inboxNotices.id, id));
  return row;
}

export async function noticesOf(db: Db, institutionCode: string, status: NoticeRow['status'] | undefined, page: number, pageSize: number): Promise<{ rows: NoticeRow[]; total: number }> {
  const conditions: SQL[] = [eq(inboxNotices.institutionCode, institutionCode)];
  if (status) conditions.push(eq(inboxNotices.status, status));
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(inboxNotices).where(where);
  const rows = await db.select().from(inboxNotices).where(where).orderBy(desc(inboxNotices.receivedAt)).limit(pageSize).offset((page - 1) * pageSize);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Closes a notice that is still new; false when someone answered it first. */
export async function closeNotice(tx: Db, id: string, patch: Pick<NoticeRow, 'status' | 'result' | 'reason' | 'answeredAt' | 'answeredBy'>): Promise<boolean> {
  const rows = await tx
    .update(inboxNotices)
    .set(patch)
    .where(and(eq(inboxNotices.id, id), eq(inboxNotices.status, 'new')))
    .returning({ id: inboxNotices.id });
  return rows.length > 0;
}
