import { and, asc, count, desc, eq, gt, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { petitions } from './petition.tables';
import { ANSWER_REMIND_BEFORE_DAYS, ASSIGN_REMIND_BEFORE_DAYS, DAY_MS } from './petition.rules';

export type PetitionRow = typeof petitions.$inferSelect;

export async function insertPetition(tx: Db, row: PetitionRow): Promise<void> {
  await tx.insert(petitions).values(row);
}

export async function petitionById(db: Db, id: string): Promise<PetitionRow | undefined> {
  const [row] = await db.select().from(petitions).where(eq(petitions.id, id));
  return row;
}

export async function petitionForUpdate(tx: Db, id: string): Promise<PetitionRow | undefined> {
  const [row] = await tx.select().from(petitions).where(eq(petitions.id, id)).for('update');
  return row;
}

export async function updatePetition(tx: Db, id: string, changes: Partial<PetitionRow>): Promise<PetitionRow> {
  const [row] = await tx.update(petitions).set(changes).where(eq(petitions.id, id)).returning();
  return row!;
}

export async function petitionsOfCase(db: Db, caseId: string): Promise<PetitionRow[]> {
  return db.select().from(petitions).where(eq(petitions.caseId, caseId)).orderBy(asc(petitions.receivedAt), asc(petitions.id));
}

/** The deadline running now (null, sorted last, once answered). */
const RUNNING_DUE_AT = sql`case ${petitions.status} when 'received' then ${petitions.assignDueAt} when 'assigned' then ${petitions.answerDueAt} end`;
const RUNNING_DUE = sql`${RUNNING_DUE_AT} asc nulls last`;

export interface PetitionFilter {
  courtId?: string | undefined;
  status?: PetitionRow['status'] | undefined;
  caseId?: string | undefined;
  /** Only those whose running deadline passed before this time (overdue now). */
  overdueAt?: Date | undefined;
}

/** Open petitions first by the deadline running now; answered ones after, newest first. */
export async function listPetitions(db: Db, f: PetitionFilter, page: number, pageSize: number): Promise<{ rows: PetitionRow[]; total: number }> {
  const conditions: (SQL | undefined)[] = [];
  if (f.courtId) conditions.push(eq(petitions.courtId, f.courtId));
  if (f.status) conditions.push(eq(petitions.status, f.status));
  if (f.caseId) conditions.push(eq(petitions.caseId, f.caseId));
  if (f.overdueAt) conditions.push(sql`${RUNNING_DUE_AT} < ${f.overdueAt}`);
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(petitions).where(where);
  const rows = await db
    .select()
    .from(petitions)
    .where(where)
    .orderBy(RUNNING_DUE, desc(petitions.receivedAt), asc(petitions.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: total?.n ?? 0 };
}

// ---- The scheduled job's queries and marks: each mark a conditional update, so a second run (or process) does nothing.

const REMIND = {
  assign: { remindedAt: petitions.assignRemindedAt, dueAt: petitions.assignDueAt, statuses: ['received'] as const, days: ASSIGN_REMIND_BEFORE_DAYS },
  answer: { remindedAt: petitions.answerRemindedAt, dueAt: petitions.answerDueAt, statuses: ['received', 'assigned'] as const, days: ANSWER_REMIND_BEFORE_DAYS },
};

/** Petitions whose step's reminder is due (within its window before the deadline, deadline not passed, not reminded). */
function remindable(step: 'assign' | 'answer', now: Date): SQL {
  const r = REMIND[step];
  return and(
    inArray(petitions.status, [...r.statuses]),
    isNull(r.remindedAt),
    gt(r.dueAt, now),
    lte(r.dueAt, new Date(now.getTime() + r.days * DAY_MS)),
  )!;
}

function overdueable(step: 'assign' | 'answer', now: Date): SQL {
  const r = REMIND[step];
  const overdueAt = step === 'assign' ? petitions.assignOverdueAt : petitions.answerOverdueAt;
  return and(inArray(petitions.status, [...r.statuses]), isNull(overdueAt), lte(r.dueAt, now))!;
}

export async function dueForReminder(db: Db, step: 'assign' | 'answer', now: Date, limit: number): Promise<PetitionRow[]> {
  return db.select().from(petitions).where(remindable(step, now)).orderBy(asc(petitions.id)).limit(limit);
}

export async function markReminded(tx: Db, step: 'assign' | 'answer', id: string, now: Date): Promise<PetitionRow | undefined> {
  const set = step === 'assign' ? { assignRemindedAt: now } : { answerRemindedAt: now };
  const [row] = await tx.update(petitions).set(set).where(and(eq(petitions.id, id), remindable(step, now))).returning();
  return row;
}

export async function dueToMarkOverdue(db: Db, step: 'assign' | 'answer', now: Date, limit: number): Promise<PetitionRow[]> {
  return db.select().from(petitions).where(overdueable(step, now)).orderBy(asc(petitions.id)).limit(limit);
}

export async function markOverdue(tx: Db, step: 'assign' | 'answer', id: string, now: Date): Promise<PetitionRow | undefined> {
  const set = step === 'assign' ? { assignOverdueAt: now } : { answerOverdueAt: now };
  const [row] = await tx.update(petitions).set(set).where(and(eq(petitions.id, id), overdueable(step, now))).returning();
  return row;
}
