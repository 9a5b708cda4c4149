import { and, asc, count, desc, eq, exists, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { caseParties, enforcementCases } from './case.tables';

export type CaseRow = typeof enforcementCases.$inferSelect;
export type PartyRow = typeof caseParties.$inferSelect;

/** Serialises number assignment for one court and year across connections and processes. */
export async function lockCaseNumbering(tx: Db, courtId: string, year: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`case-no:${courtId}:${year}`}))`);
}

export async function maxSeq(tx: Db, courtId: string, year: number, caseType: string): Promise<number> {
  const [row] = await tx
    .select({ max: sql<number | null>`max(${enforcementCases.seq})` })
    .from(enforcementCases)
    .where(and(eq(enforcementCases.courtId, courtId), eq(enforcementCases.year, year), eq(enforcementCases.caseType, caseType)));
  return Number(row?.max ?? 0);
}

export async function insertCase(tx: Db, row: CaseRow, parties: PartyRow[]): Promise<void> {
  await tx.insert(enforcementCases).values(row);
  await tx.insert(caseParties).values(parties);
}

export async function caseById(db: Db, id: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(enforcementCases).where(eq(enforcementCases.id, id));
  return row;
}

/** The case with this number (案号), as written in the standard form. */
export async function caseByNo(db: Db, caseNo: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(enforcementCases).where(eq(enforcementCases.caseNo, caseNo));
  return row;
}

export async function partiesOf(db: Db, caseIds: string[]): Promise<PartyRow[]> {
  if (caseIds.length === 0) return [];
  return db.select().from(caseParties).where(inArray(caseParties.caseId, caseIds)).orderBy(asc(caseParties.position));
}

export interface CaseFilter {
  courtId?: string | undefined;
  status?: CaseRow['status'] | undefined;
  judgeId?: string | undefined;
  q?: string | undefined;
  filedFrom?: Date | undefined;
  /** Exclusive. */
  filedBefore?: Date | undefined;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listCases(db: Db, filter: CaseFilter, page: number, pageSize: number): Promise<{ rows: CaseRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.courtId) conditions.push(eq(enforcementCases.courtId, filter.courtId));
  if (filter.status) conditions.push(eq(enforcementCases.status, filter.status));
  if (filter.judgeId) conditions.push(eq(enforcementCases.judgeId, filter.judgeId));
  if (filter.filedFrom) conditions.push(gte(enforcementCases.filedAt, filter.filedFrom));
  if (filter.filedBefore) conditions.push(lt(enforcementCases.filedAt, filter.filedBefore));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    conditions.push(
      or(
        ilike(enforcementCases.caseNo, pattern),
        exists(db.select({ one: sql`1` }).from(caseParties).where(and(eq(caseParties.caseId, enforcementCases.id), ilike(caseParties.name, pattern)))),
      )!,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [totalRow] = await db.select({ n: count() }).from(enforcementCases).where(where);
  const rows = await db
    .select()
    .from(enforcementCases)
    .where(where)
    .orderBy(desc(enforcementCases.filedAt), desc(enforcementCases.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: Number(totalRow?.n ?? 0) };
}

export async function countCases(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(enforcementCases);
  return Number(row?.n ?? 0);
}

/** The case with its row locked until the transaction ends. */
export async function caseForUpdate(tx: Db, id: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(enforcementCases).where(eq(enforcementCases.id, id)).for('update');
  return row;
}

export async function setOutstanding(tx: Db, id: string, outstandingAmount: string, now: Date): Promise<void> {
  await tx.update(enforcementCases).set({ outstandingAmount, updatedAt: now }).where(eq(enforcementCases.id, id));
}

/**
 * Moves the case from one status to another, only if it is still in `from` (a conditional update: two closings of
 * the same case never both succeed). Returns the updated row, or undefined when the case was not in `from`.
 */
export async function updateCaseStatus(tx: Db, id: string, from: CaseRow['status'], to: CaseRow['status'], now: Date): Promise<CaseRow | undefined> {
  const [row] = await tx
    .update(enforcementCases)
    .set({ status: to, updatedAt: now })
    .where(and(eq(enforcementCases.id, id), eq(enforcementCases.status, from)))
    .returning();
  return row;
}

/** Id and filing time of every case (of one court, or all) filed before `before`: what the quality figures count. */
export async function casesFiledBefore(db: Db, courtId: string | undefined, before: Date): Promise<{ id: string; filedAt: Date }[]> {
  const conditions: SQL[] = [lt(enforcementCases.filedAt, before)];
  if (courtId) conditions.push(eq(enforcementCases.courtId, courtId));
  return db.select({ id: enforcementCases.id, filedAt: enforcementCases.filedAt }).from(enforcementCases).where(and(...conditions));
}
