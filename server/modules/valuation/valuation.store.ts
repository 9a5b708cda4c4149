import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { valuationObjections, valuationResults, valuations, valuationSteps } from './valuation.tables';

export type ValuationRow = typeof valuations.$inferSelect;
export type StepRow = typeof valuationSteps.$inferSelect;
export type ResultRow = typeof valuationResults.$inferSelect;
export type ObjectionRow = typeof valuationObjections.$inferSelect;

/** Serialises the starts of valuations of one measure (the unique index is the backstop). */
export async function lockMeasureValuations(tx: Db, measureId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`valuation:${measureId}`}))`);
}

export async function insertValuation(tx: Db, row: ValuationRow): Promise<void> {
  await tx.insert(valuations).values(row);
}

export async function valuationById(db: Db, id: string): Promise<ValuationRow | undefined> {
  const [row] = await db.select().from(valuations).where(eq(valuations.id, id));
  return row;
}

/**
 * The valuation with its row locked until the transaction ends: every writer of a valuation (use cases and jobs)
 * takes this lock first, so steps, results and objections of one valuation change one transaction at a time.
 */
export async function valuationForUpdate(tx: Db, id: string): Promise<ValuationRow | undefined> {
  const [row] = await tx.select().from(valuations).where(eq(valuations.id, id)).for('update');
  return row;
}

/** The measure's valuation whose price is fixed (at most one: a unique index). */
export async function fixedValuationOfMeasure(db: Db, measureId: string): Promise<ValuationRow | undefined> {
  const [row] = await db
    .select()
    .from(valuations)
    .where(and(eq(valuations.measureId, measureId), eq(valuations.status, 'fixed')));
  return row;
}

/** The measure's valuation running or fixed (at most one: a unique index). */
export async function liveValuationOfMeasure(db: Db, measureId: string): Promise<ValuationRow | undefined> {
  const [row] = await db
    .select()
    .from(valuations)
    .where(and(eq(valuations.measureId, measureId), inArray(valuations.status, ['running', 'fixed'])));
  return row;
}

export async function valuationsOfMeasure(db: Db, measureId: string): Promise<ValuationRow[]> {
  return db.select().from(valuations).where(eq(valuations.measureId, measureId)).orderBy(desc(valuations.startedAt), asc(valuations.id));
}

export async function valuationsOfCase(db: Db, caseId: string): Promise<ValuationRow[]> {
  return db.select().from(valuations).where(eq(valuations.caseId, caseId)).orderBy(desc(valuations.startedAt), asc(valuations.id));
}

export async function updateValuation(tx: Db, id: string, changes: Partial<ValuationRow>): Promise<ValuationRow> {
  const [row] = await tx.update(valuations).set(changes).where(eq(valuations.id, id)).returning();
  return row!;
}

export async function insertStep(tx: Db, row: StepRow): Promise<void> {
  await tx.insert(valuationSteps).values(row);
}

export async function stepsOf(db: Db, valuationIds: string[]): Promise<StepRow[]> {
  if (valuationIds.length === 0) return [];
  return db.select().from(valuationSteps).where(inArray(valuationSteps.valuationId, valuationIds)).orderBy(asc(valuationSteps.seq));
}

export async function stepById(db: Db, id: string): Promise<StepRow | undefined> {
  const [row] = await db.select().from(valuationSteps).where(eq(valuationSteps.id, id));
  return row;
}

/** The step in progress or last closed: the one with the highest sequence number. */
export async function currentStepOf(db: Db, valuationId: string): Promise<StepRow | undefined> {
  const [row] = await db.select().from(valuationSteps).where(eq(valuationSteps.valuationId, valuationId)).orderBy(desc(valuationSteps.seq)).limit(1);
  return row;
}

export async function updateStep(tx: Db, id: string, changes: Partial<StepRow>): Promise<StepRow> {
  const [row] = await tx.update(valuationSteps).set(changes).where(eq(valuationSteps.id, id)).returning();
  return row!;
}

export async function insertResults(tx: Db, rows: ResultRow[]): Promise<void> {
  if (rows.length) await tx.insert(valuationResults).values(rows);
}

export async function resultsOfSteps(db: Db, stepIds: string[]): Promise<ResultRow[]> {
  if (stepIds.length === 0) return [];
  return db.select().from(valuationResults).where(inArray(valuationResults.stepId, stepIds)).orderBy(asc(valuationResults.position));
}

export async function resultById(db: Db, id: string): Promise<ResultRow | undefined> {
  const [row] = await db.select().from(valuationResults).where(eq(valuationResults.id, id));
  return row;
}

export async function updateResult(tx: Db, id: string, changes: Partial<ResultRow>): Promise<ResultRow> {
  const [row] = await tx.update(valuationResults).set(changes).where(eq(valuationResults.id, id)).returning();
  return row!;
}

/** Pending platform commissions not yet acknowledged by their platform: to be sent (again). */
export async function unsentCommissions(db: Db, limit: number, valuationId?: string): Promise<ResultRow[]> {
  return db
    .select()
    .from(valuationResults)
    .where(
      and(
        eq(valuationResults.source, 'platform'),
        eq(valuationResults.status, 'pending'),
        isNull(valuationResults.acknowledgedAt),
        valuationId ? eq(valuationResults.valuationId, valuationId) : undefined,
      ),
    )
    .orderBy(asc(valuationResults.requestedAt))
    .limit(limit);
}

/**
 * Acknowledged platform commissions still without a report: pending ones, and for a week after their step closed the
 * unanswered ones too, so that a late report is still recorded with its time (and never counted).
 */
export async function awaitedReports(db: Db, now: Date, limit: number): Promise<ResultRow[]> {
  const since = new Date(now.getTime() - 7 * 86_400_000);
  return db
    .select()
    .from(valuationResults)
    .where(
      and(
        eq(valuationResults.source, 'platform'),
        isNotNull(valuationResults.acknowledgedAt),
        or(eq(valuationResults.status, 'pending'), and(eq(valuationResults.status, 'unanswered'), gte(valuationResults.endedAt, since))),
      ),
    )
    .orderBy(asc(valuationResults.requestedAt))
    .limit(limit);
}

/** Records a platform's acknowledgement once (a repeat send changes nothing). */
export async function markAcknowledged(tx: Db, id: string, at: Date): Promise<void> {
  await tx
    .update(valuationResults)
    .set({ acknowledgedAt: at, updatedAt: at })
    .where(and(eq(valuationResults.id, id), isNull(valuationResults.acknowledgedAt)));
}

/** Steps of running valuations in a state a job acts on at `now`. */
export async function dueSteps(db: Db, now: Date, limit: number): Promise<StepRow[]> {
  return db
    .select({ step: valuationSteps })
    .from(valuationSteps)
    .innerJoin(valuations, eq(valuations.id, valuationSteps.valuationId))
    .where(
      and(
        eq(valuations.status, 'running'),
        sql`(
          (${valuationSteps.status} in ('open', 'choosing') and ${valuationSteps.deadline} <= ${now})
          or (${valuationSteps.status} = 'open' and ${valuationSteps.method} = 'onlineInquiry')
          or (${valuationSteps.status} = 'reported' and ${valuationSteps.objectionDeadline} <= ${now})
        )`,
      ),
    )
    .orderBy(asc(valuationSteps.openedAt))
    .limit(limit)
    .then((rows) => rows.map((r) => r.step));
}

/** Fixed prices whose validity has ended (参考价 Art. 27). */
export async function dueToExpire(db: Db, now: Date, limit: number): Promise<ValuationRow[]> {
  return db
    .select()
    .from(valuations)
    .where(and(eq(valuations.status, 'fixed'), lte(valuations.validUntil, now)))
    .orderBy(asc(valuations.validUntil))
    .limit(limit);
}

/** Expires a fixed price once: the conditional update makes the job idempotent across processes. */
export async function markExpired(tx: Db, id: string, now: Date): Promise<ValuationRow | undefined> {
  const [row] = await tx
    .update(valuations)
    .set({ status: 'expired', endedAt: now, endReason: '参考价有效期届满（参考价第27条） / The reference price\'s validity ended (参考价 Art. 27)', updatedAt: now })
    .where(and(eq(valuations.id, id), eq(valuations.status, 'fixed'), lte(valuations.validUntil, now)))
    .returning();
  return row;
}

export async function insertObjection(tx: Db, row: ObjectionRow): Promise<void> {
  await tx.insert(valuationObjections).values(row);
}

export async function objectionById(db: Db, id: string): Promise<ObjectionRow | undefined> {
  const [row] = await db.select().from(valuationObjections).where(eq(valuationObjections.id, id));
  return row;
}

export async function objectionsOfSteps(db: Db, stepIds: string[]): Promise<ObjectionRow[]> {
  if (stepIds.length === 0) return [];
  return db.select().from(valuationObjections).where(inArray(valuationObjections.stepId, stepIds)).orderBy(asc(valuationObjections.filedAt), asc(valuationObjections.id));
}

export async function updateObjection(tx: Db, id: string, changes: Partial<ObjectionRow>): Promise<ObjectionRow> {
  const [row] = await tx.update(valuationObjections).set(changes).where(eq(valuationObjections.id, id)).returning();
  return row!;
}
