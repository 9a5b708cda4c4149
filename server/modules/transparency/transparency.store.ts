import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { caseQueryCodes, partyQueryThrottle } from './transparency.tables';

export type QueryCodeRow = typeof caseQueryCodes.$inferSelect;
export type QueryThrottleRow = typeof partyQueryThrottle.$inferSelect;

export async function queryCodeOf(db: Db, caseId: string): Promise<QueryCodeRow | undefined> {
  const [row] = await db.select().from(caseQueryCodes).where(eq(caseQueryCodes.caseId, caseId));
  return row;
}

/** Sets the case's code, replacing any earlier one; returns whether there was one. */
export async function upsertQueryCode(tx: Db, row: QueryCodeRow): Promise<boolean> {
  const before = await tx.select({ caseId: caseQueryCodes.caseId }).from(caseQueryCodes).where(eq(caseQueryCodes.caseId, row.caseId)).for('update');
  await tx
    .insert(caseQueryCodes)
    .values(row)
    .onConflictDoUpdate({ target: caseQueryCodes.caseId, set: { codeHash: row.codeHash, issuedBy: row.issuedBy, issuedAt: row.issuedAt } });
  return before.length > 0;
}

export async function throttleRows(db: Db, keys: string[]): Promise<QueryThrottleRow[]> {
  return db.select().from(partyQueryThrottle).where(inArray(partyQueryThrottle.key, keys));
}

/**
 * Adds one failure to a key and sets its lock; atomic so concurrent failures all count. A count whose last failure is
 * older than `windowMs` starts again at 1 (a party who mistyped months ago is not locked at the first slip).
 */
export async function addFailure(db: Db, key: string, now: Date, windowMs: number, lockFor: (failures: number) => number): Promise<number> {
  const [row] = await db
    .insert(partyQueryThrottle)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({ target: partyQueryThrottle.key, set: { failures: sql`case when ${partyQueryThrottle.lastFailureAt} < ${new Date(now.getTime() - windowMs)} then 1 else ${partyQueryThrottle.failures} + 1 end`, lastFailureAt: now } })
    .returning({ failures: partyQueryThrottle.failures });
  const failures = row?.failures ?? 1;
  const ms = lockFor(failures);
  if (ms > 0) await db.update(partyQueryThrottle).set({ lockedUntil: new Date(now.getTime() + ms) }).where(eq(partyQueryThrottle.key, key));
  return failures;
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(partyQueryThrottle).where(eq(partyQueryThrottle.key, key));
}
