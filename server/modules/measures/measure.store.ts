import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { ACTIVE_STATUSES } from './measure.rules';
import { deductions, measures } from './measure.tables';

export type MeasureRow = typeof measures.$inferSelect;
export type DeductionRow = typeof deductions.$inferSelect;

/**
 * Serialises the orders of one case (and the replies that change what it binds) across connections and processes:
 * the over-seizure check reads every measure of the case and must not race another order (invariant: never
 * check-then-act without a lock). Held until the transaction ends.
 */
export async function lockCaseMeasures(tx: Db, caseId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`measures:${caseId}`}))`);
}

export async function insertMeasure(tx: Db, row: MeasureRow): Promise<void> {
  await tx.insert(measures).values(row);
}

export async function measureById(db: Db, id: string): Promise<MeasureRow | undefined> {
  const [row] = await db.select().from(measures).where(eq(measures.id, id));
  return row;
}

/** The measure with its row locked until the transaction ends. */
export async function measureForUpdate(tx: Db, id: string): Promise<MeasureRow | undefined> {
  const [row] = await tx.select().from(measures).where(eq(measures.id, id)).for('update');
  return row;
}

/** By the institution's reference; not locked (lock the case's measures first, then the row: the order every writer takes). */
export async function measureByRef(db: Db, institutionCode: string, measureRef: string): Promise<MeasureRow | undefined> {
  const [row] = await db.select().from(measures).where(and(eq(measures.institutionCode, institutionCode), eq(measures.measureRef, measureRef)));
  return row;
}

export async function measuresOfCase(db: Db, caseId: string): Promise<MeasureRow[]> {
  return db.select().from(measures).where(eq(measures.caseId, caseId)).orderBy(desc(measures.orderedAt), asc(measures.id));
}

export async function activeMeasuresOfCase(db: Db, caseId: string): Promise<MeasureRow[]> {
  return db
    .select()
    .from(measures)
    .where(and(eq(measures.caseId, caseId), inArray(measures.status, [...ACTIVE_STATUSES])));
}

export async function activeMeasureOnAsset(db: Db, caseId: string, assetId: string): Promise<MeasureRow | undefined> {
  const [row] = await db
    .select()
    .from(measures)
    .where(and(eq(measures.caseId, caseId), eq(measures.assetId, assetId), inArray(measures.status, [...ACTIVE_STATUSES])));
  return row;
}

export async function updateMeasure(tx: Db, id: string, changes: Partial<MeasureRow>): Promise<MeasureRow> {
  const [row] = await tx.update(measures).set(changes).where(eq(measures.id, id)).returning();
  return row!;
}

/** A court's measures in force or queued expiring at or before `until`, soonest first. */
export async function expiringOfCourt(db: Db, courtId: string, until: Date): Promise<MeasureRow[]> {
  return db
    .select()
    .from(measures)
    .where(and(eq(measures.courtId, courtId), inArray(measures.status, ['in_force', 'queued']), lte(measures.expiresAt, until)))
    .orderBy(asc(measures.expiresAt), asc(measures.id));
}

/** Measures past expiry that nobody renewed and with no order in flight (its answer decides first). */
export async function dueToLapse(db: Db, now: Date, limit: number): Promise<MeasureRow[]> {
  return db
    .select()
    .from(measures)
    .where(and(inArray(measures.status, ['in_force', 'queued']), lte(measures.expiresAt, now), isNull(measures.pendingOrder)))
    .orderBy(asc(measures.expiresAt))
    .limit(limit);
}

/**
 * Lapses one measure if it still qualifies: the conditional update is what makes the job idempotent and safe on
 * several processes at once; only the one whose update returns the row goes on to notify.
 */
export async function markLapsed(tx: Db, id: string, now: Date): Promise<MeasureRow | undefined> {
  const [row] = await tx
    .update(measures)
    .set({ status: 'lapsed', endedAt: now, endReason: '期限届满未续行（查扣冻第27条） / Expired without renewal (查扣冻 Art. 27)', updatedAt: now })
    .where(and(eq(measures.id, id), inArray(measures.status, ['in_force', 'queued']), lte(measures.expiresAt, now), isNull(measures.pendingOrder)))
    .returning();
  return row;
}

/** Measures in force or queued expiring within (now, remindFrom + days] that have not been reminded of. */
export async function dueForReminder(db: Db, now: Date, horizon: Date, limit: number): Promise<MeasureRow[]> {
  return db
    .select()
    .from(measures)
    .where(and(inArray(measures.status, ['in_force', 'queued']), gt(measures.expiresAt, now), lte(measures.expiresAt, horizon), isNull(measures.remindedAt)))
    .orderBy(asc(measures.expiresAt))
    .limit(limit);
}

/** Marks the reminder sent, once: false when another run already did. */
export async function markReminded(tx: Db, id: string, now: Date): Promise<MeasureRow | undefined> {
  const [row] = await tx
    .update(measures)
    .set({ remindedAt: now })
    .where(and(eq(measures.id, id), isNull(measures.remindedAt), inArray(measures.status, ['in_force', 'queued'])))
    .returning();
  return row;
}

export async function insertDeduction(tx: Db, row: DeductionRow): Promise<void> {
  await tx.insert(deductions).values(row);
}

export async function deductionById(db: Db, id: string): Promise<DeductionRow | undefined> {
  const [row] = await db.select().from(deductions).where(eq(deductions.id, id));
  return row;
}

export async function deductionForUpdate(tx: Db, id: string): Promise<DeductionRow | undefined> {
  const [row] = await tx.select().from(deductions).where(eq(deductions.id, id)).for('update');
  return row;
}

export async function deductionByMessage(tx: Db, messageId: string): Promise<DeductionRow | undefined> {
  const [row] = await tx.select().from(deductions).where(eq(deductions.messageId, messageId)).for('update');
  return row;
}

export async function openDeductionOf(db: Db, measureId: string): Promise<DeductionRow | undefined> {
  const [row] = await db
    .select()
    .from(deductions)
    .where(and(eq(deductions.measureId, measureId), inArray(deductions.status, ['awaiting_approval', 'approved'])));
  return row;
}

export async function deductionsOfCase(db: Db, caseId: string): Promise<DeductionRow[]> {
  return db.select().from(deductions).where(eq(deductions.caseId, caseId)).orderBy(desc(deductions.requestedAt), asc(deductions.id));
}

export async function updateDeduction(tx: Db, id: string, changes: Partial<DeductionRow>): Promise<DeductionRow> {
  const [row] = await tx.update(deductions).set(changes).where(eq(deductions.id, id)).returning();
  return row!;
}

/**
 * What the quality figures need of the measures of one court (or all) between `from` and `before`: the amounts frozen
 * by freezes that took effect, the deductions completed, and the measures that lapsed unrenewed (查扣冻 Art. 27).
 */
export async function measureFigures(
  db: Db,
  courtId: string | undefined,
  from: Date,
  before: Date,
): Promise<{ freezes: { at: Date; amount: string }[]; deductions: { at: Date; amount: string }[]; lapses: { at: Date }[] }> {
  const court = courtId ? [eq(measures.courtId, courtId)] : [];
  const freezes = await db
    .select({ at: measures.effectiveAt, amount: measures.frozenAmount })
    .from(measures)
    .where(and(...court, eq(measures.kind, 'freeze'), isNotNull(measures.frozenAmount), gte(measures.effectiveAt, from), lt(measures.effectiveAt, before)));
  const done = await db
    .select({ at: deductions.completedAt, amount: deductions.deductedAmount })
    .from(deductions)
    .innerJoin(measures, eq(measures.id, deductions.measureId))
    .where(and(...court, eq(deductions.status, 'completed'), gte(deductions.completedAt, from), lt(deductions.completedAt, before)));
  const lapses = await db
    .select({ at: measures.endedAt })
    .from(measures)
    .where(and(...court, eq(measures.status, 'lapsed'), gte(measures.endedAt, from), lt(measures.endedAt, before)));
  const present = <T extends { at: Date | null }>(rows: T[]) => rows.filter((r) => r.at !== null) as (T & { at: Date })[];
  return {
    freezes: present(freezes).map((r) => ({ at: r.at, amount: r.amount ?? '0' })),
    deductions: present(done).map((r) => ({ at: r.at, amount: r.amount ?? '0' })),
    lapses: present(lapses).map((r) => ({ at: r.at })),
  };
}
