import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { institutions } from './institution.tables';

export type InstitutionRow = typeof institutions.$inferSelect;
export type NewInstitution = Omit<typeof institutions.$inferInsert, 'webhookUrl'>;

export async function institutionById(db: Db, id: string): Promise<InstitutionRow | undefined> {
  const [row] = await db.select().from(institutions).where(eq(institutions.id, id));
  return row;
}

export async function institutionByCode(db: Db, code: string): Promise<InstitutionRow | undefined> {
  const [row] = await db.select().from(institutions).where(eq(institutions.code, code));
  return row;
}

export async function listInstitutions(db: Db, kinds?: string[]): Promise<InstitutionRow[]> {
  const q = db.select().from(institutions);
  return (kinds?.length ? q.where(inArray(institutions.kind, kinds)) : q).orderBy(asc(institutions.code));
}

/** Inserts or refreshes institutions by code, keeping the ids (and webhook URLs) of those already known. */
export async function upsertInstitutions(db: Db, rows: NewInstitution[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db
      .insert(institutions)
      .values(chunk)
      .onConflictDoUpdate({
        target: institutions.code,
        set: { name: sqlExcluded('name'), kind: sqlExcluded('kind'), channel: sqlExcluded('channel'), mode: sqlExcluded('mode') },
      });
  }
}

const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);

export async function setWebhook(db: Db, id: string, url: string | null): Promise<void> {
  await db.update(institutions).set({ webhookUrl: url }).where(eq(institutions.id, id));
}
