import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { loginThrottle, sessions, users } from './account.tables';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export async function insertUser(db: Db, user: NewUser): Promise<void> {
  await db.insert(users).values(user);
}

export async function userByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

export async function userById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function usersByIds(db: Db, ids: string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(users).where(inArray(users.id, ids));
}

export async function staffOfCourt(db: Db, courtId: string): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.courtId, courtId), inArray(users.role, ['judge', 'clerk']), isNull(users.disabledAt)))
    .orderBy(asc(users.role), asc(users.displayName));
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return Number(row?.n ?? 0);
}

export async function insertSession(db: Db, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

/** The live session with this token hash and its user, or undefined. */
export async function liveSession(db: Db, tokenHash: string, now: Date): Promise<{ user: UserRow; expiresAt: Date } | undefined> {
  const [row] = await db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), isNull(users.disabledAt)));
  return row;
}

export async function revokeSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

export async function throttleRows(db: Db, keys: string[]): Promise<(typeof loginThrottle.$inferSelect)[]> {
  return db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
}

/** Adds one failure to a key and sets its lock; atomic so concurrent failures all count. */
export async function addFailure(db: Db, key: string, now: Date, lockFor: (failures: number) => number): Promise<number> {
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({ target: loginThrottle.key, set: { failures: sql`${loginThrottle.failures} + 1`, lastFailureAt: now } })
    .returning({ failures: loginThrottle.failures });
  const failures = row?.failures ?? 1;
  const ms = lockFor(failures);
  if (ms > 0) await db.update(loginThrottle).set({ lockedUntil: new Date(now.getTime() + ms) }).where(eq(loginThrottle.key, key));
  return failures;
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/**
 * Current staff of the court (judges, clerks) and of the platform (administrators) whose recorded identity number is
 * this one: whom 网拍 Art. 34 keeps from bidding.
 */
export async function staffWithIdentityNumber(db: Db, courtId: string, idNumber: string): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(
      and(
        sql`upper(${users.identityNumber}) = upper(${idNumber})`,
        isNull(users.disabledAt),
        sql`((${users.role} in ('judge', 'clerk') and ${users.courtId} = ${courtId}) or ${users.role} = 'admin')`,
      ),
    );
}
