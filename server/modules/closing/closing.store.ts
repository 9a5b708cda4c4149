import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { closingAlerts, closingRechecks, creditorInterviews } from './closing.tables';

export type InterviewRow = typeof creditorInterviews.$inferSelect;
export type RecheckRow = typeof closingRechecks.$inferSelect;
export type AlertRow = typeof closingAlerts.$inferSelect;

export async function insertInterview(tx: Db, row: InterviewRow): Promise<void> {
  await tx.insert(creditorInterviews).values(row);
}

export async function interviewsOfCase(db: Db, caseId: string): Promise<InterviewRow[]> {
  return db.select().from(creditorInterviews).where(eq(creditorInterviews.caseId, caseId)).orderBy(asc(creditorInterviews.recordedAt), asc(creditorInterviews.id));
}

export async function insertRechecks(tx: Db, rows: RecheckRow[]): Promise<void> {
  if (rows.length > 0) await tx.insert(closingRechecks).values(rows);
}

export async function rechecksOfCase(db: Db, caseId: string): Promise<RecheckRow[]> {
  return db.select().from(closingRechecks).where(eq(closingRechecks.caseId, caseId)).orderBy(asc(closingRechecks.dueAt), asc(closingRechecks.seq));
}

/** Stops the re-checks of the case that are not done (a restoration). Returns how many. */
export async function cancelOpenRechecks(tx: Db, caseId: string, now: Date): Promise<number> {
  const rows = await tx
    .update(closingRechecks)
    .set({ status: 'cancelled', completedAt: now })
    .where(and(eq(closingRechecks.caseId, caseId), inArray(closingRechecks.status, ['scheduled', 'running'])))
    .returning({ id: closingRechecks.id });
  return rows.length;
}

/**
 * Re-checks to start: due and scheduled, or taken by a run that died before it recorded its inquiries (running, no
 * inquiry, started before `staleBefore`).
 */
export async function dueRechecks(db: Db, now: Date, staleBefore: Date, limit: number): Promise<RecheckRow[]> {
  return db
    .select()
    .from(closingRechecks)
    .where(
      sql`${closingRechecks.dueAt} <= ${now} and (${closingRechecks.status} = 'scheduled' or (${closingRechecks.status} = 'running' and ${closingRechecks.inquiryIds} = '[]'::jsonb and ${closingRechecks.startedAt} < ${staleBefore}))`,
    )
    .orderBy(asc(closingRechecks.dueAt))
    .limit(limit);
}

/** Takes a due re-check for this run (a conditional update: of two processes, one gets it). */
export async function claimRecheck(tx: Db, recheck: RecheckRow, now: Date): Promise<RecheckRow | undefined> {
  const [row] = await tx
    .update(closingRechecks)
    .set({ status: 'running', startedAt: now })
    .where(
      and(
        eq(closingRechecks.id, recheck.id),
        eq(closingRechecks.status, recheck.status),
        recheck.startedAt ? eq(closingRechecks.startedAt, recheck.startedAt) : isNull(closingRechecks.startedAt),
      ),
    )
    .returning();
  return row;
}

export async function setRecheckInquiries(tx: Db, id: string, inquiryIds: string[]): Promise<void> {
  await tx.update(closingRechecks).set({ inquiryIds }).where(and(eq(closingRechecks.id, id), eq(closingRechecks.status, 'running')));
}

/** Re-checks whose inquiries were started, waiting for them to complete. */
export async function runningRechecks(db: Db, limit: number): Promise<RecheckRow[]> {
  return db
    .select()
    .from(closingRechecks)
    .where(and(eq(closingRechecks.status, 'running'), sql`${closingRechecks.inquiryIds} <> '[]'::jsonb`))
    .orderBy(asc(closingRechecks.startedAt))
    .limit(limit);
}

/** Marks a running re-check done (once: only the run whose update returns the row records the outcome). */
export async function completeRecheck(tx: Db, id: string, now: Date, assetsFound: number, valueFound: string): Promise<RecheckRow | undefined> {
  const [row] = await tx
    .update(closingRechecks)
    .set({ status: 'done', completedAt: now, assetsFound, valueFound })
    .where(and(eq(closingRechecks.id, id), eq(closingRechecks.status, 'running')))
    .returning();
  return row;
}

export async function insertAlert(tx: Db, row: AlertRow): Promise<void> {
  await tx.insert(closingAlerts).values(row);
}

export async function alertsOfCase(db: Db, caseId: string): Promise<AlertRow[]> {
  return db.select().from(closingAlerts).where(eq(closingAlerts.caseId, caseId)).orderBy(desc(closingAlerts.at));
}

export async function alertsOfCourt(db: Db, courtId: string | null, since: Date, limit: number): Promise<AlertRow[]> {
  const where = courtId ? and(eq(closingAlerts.courtId, courtId), gt(closingAlerts.at, since)) : gt(closingAlerts.at, since);
  return db.select().from(closingAlerts).where(where).orderBy(desc(closingAlerts.at)).limit(limit);
}
