import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { institutions } from './institution.tables';

export type InstitutionRow = typeof institutions.$inferSelect;

export async function institutionById(db: Db, id: string): Promise<InstitutionRow | undefined> {
  const [row] = await db.select().from(institutions).where(eq(institutions.id, id));
  return row;
}

export async function listInstitutions(db: Db): Promise<InstitutionRow[]> {
  return db.select().from(institutions).orderBy(asc(institutions.code));
}

export async function upsertInstitutions(db: Db, rows: InstitutionRow[]): Promise<void> {
  for (const row of rows) {
    await db.insert(institutions).values(row).onConflictDoUpdate({ target: institutions.id, set: { code: row.code, name: row.name, kind: row.kind, channel: row.channel } });
  }
}
