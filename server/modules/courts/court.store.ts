import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { courts } from './court.tables';

export type CourtRow = typeof courts.$inferSelect;

export async function listCourts(db: Db): Promise<CourtRow[]> {
  return db.select().from(courts).orderBy(asc(courts.code));
}

export async function courtById(db: Db, id: string): Promise<CourtRow | undefined> {
  const [row] = await db.select().from(courts).where(eq(courts.id, id));
  return row;
}

/** Inserts or refreshes reference rows; safe to run at every start and from several processes. */
export async function upsertCourts(db: Db, rows: CourtRow[]): Promise<void> {
  for (const row of rows) {
    await db.insert(courts).values(row).onConflictDoUpdate({ target: courts.id, set: { code: row.code, name: row.name, level: row.level, province: row.province } });
  }
}
