import { and, asc, desc, eq, gt, ilike, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { consumptionRestrictions, creditCorrections, creditExtensions, creditListings } from './credit.tables';

export type ListingRow = typeof creditListings.$inferSelect;
export type ExtensionRow = typeof creditExtensions.$inferSelect;
export type RestrictionRow = typeof consumptionRestrictions.$inferSelect;
export type CorrectionRow = typeof creditCorrections.$inferSelect;

export async function insertListing(tx: Db, row: ListingRow, restrictions: RestrictionRow[]): Promise<void> {
  await tx.insert(creditListings).values(row);
  if (restrictions.length) await tx.insert(consumptionRestrictions).values(restrictions);
}

export async function listingById(db: Db, id: string): Promise<ListingRow | undefined> {
  const [row] = await db.select().from(creditListings).where(eq(creditListings.id, id));
  return row;
}

/** The listing with its row locked until the transaction ends. */
export async function listingForUpdate(tx: Db, id: string): Promise<ListingRow | undefined> {
  const [row] = await tx.select().from(creditListings).where(eq(creditListings.id, id)).for('update');
  return row;
}

export async function currentListingOf(db: Db, caseId: string, partyId: string): Promise<ListingRow | undefined> {
  const [row] = await db
    .select()
    .from(creditListings)
    .where(and(eq(creditListings.caseId, caseId), eq(creditListings.partyId, partyId), eq(creditListings.status, 'listed')));
  return row;
}

export async function listingsOfCase(db: Db, caseId: string): Promise<ListingRow[]> {
  return db.select().from(creditListings).where(eq(creditListings.caseId, caseId)).orderBy(desc(creditListings.listedAt), asc(creditListings.id));
}

export async function extensionsOf(db: Db, listingIds: string[]): Promise<ExtensionRow[]> {
  if (!listingIds.length) return [];
  return db.select().from(creditExtensions).where(inArray(creditExtensions.listingId, listingIds)).orderBy(asc(creditExtensions.extendedAt));
}

export async function restrictionsOf(db: Db, listingIds: string[]): Promise<RestrictionRow[]> {
  if (!listingIds.length) return [];
  return db.select().from(consumptionRestrictions).where(inArray(consumptionRestrictions.listingId, listingIds)).orderBy(asc(consumptionRestrictions.subject));
}

export async function correctionsOf(db: Db, listingIds: string[]): Promise<CorrectionRow[]> {
  if (!listingIds.length) return [];
  return db.select().from(creditCorrections).where(inArray(creditCorrections.listingId, listingIds)).orderBy(desc(creditCorrections.filedAt));
}

/** Changes a current listing; answers undefined when it is no longer current (removed meanwhile). */
export async function updateCurrentListing(tx: Db, id: string, changes: Partial<ListingRow>): Promise<ListingRow | undefined> {
  const [row] = await tx
    .update(creditListings)
    .set(changes)
    .where(and(eq(creditListings.id, id), eq(creditListings.status, 'listed')))
    .returning();
  return row;
}

export async function insertExtension(tx: Db, row: ExtensionRow): Promise<void> {
  await tx.insert(creditExtensions).values(row);
}

/** Ends the restrictions a listing imposed (限高 Art. 9: lifted with the listing); an order's rows are never touched here. */
export async function endRestrictions(tx: Db, listingId: string, now: Date): Promise<number> {
  const rows = await tx
    .update(consumptionRestrictions)
    .set({ endedAt: now })
    .where(and(eq(consumptionRestrictions.listingId, listingId), isNull(consumptionRestrictions.endedAt)))
    .returning({ id: consumptionRestrictions.id });
  return rows.length;
}

/**
 * Marks a case's current listings due for removal, once (a listing already marked keeps its first cause and
 * deadline). Answers the rows marked now.
 */
export async function markCaseDue(tx: Db, caseId: string, cause: NonNullable<ListingRow['removalCause']>, now: Date, dueBy: Date): Promise<ListingRow[]> {
  return tx
    .update(creditListings)
    .set({ removalCause: cause, removalDueAt: now, removalDueBy: dueBy, updatedAt: now })
    .where(and(eq(creditListings.caseId, caseId), eq(creditListings.status, 'listed'), isNull(creditListings.removalCause)))
    .returning();
}

/** Current listings not yet marked for removal, by case (the job checks each case's outstanding amount). */
export async function casesWithUnmarkedListings(db: Db, afterCaseId: string | null, limit: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ caseId: creditListings.caseId })
    .from(creditListings)
    .where(and(eq(creditListings.status, 'listed'), isNull(creditListings.removalCause), afterCaseId ? gt(creditListings.caseId, afterCaseId) : undefined))
    .orderBy(asc(creditListings.caseId))
    .limit(limit);
  return rows.map((r) => r.caseId);
}

/** Current listings due for removal: marked due, or whose term has ended. */
export async function dueForRemoval(db: Db, now: Date, limit: number): Promise<ListingRow[]> {
  return db
    .select()
    .from(creditListings)
    .where(and(eq(creditListings.status, 'listed'), or(isNotNull(creditListings.removalCause), lte(creditListings.expiresAt, now))))
    .orderBy(asc(creditListings.listedAt))
    .limit(limit);
}

/**
 * Public search: current listings (not removed, term not ended) whose debtor's ID number is `q` exactly, or whose
 * name contains it.
 */
export async function searchCurrent(db: Db, q: string, now: Date, limit: number): Promise<ListingRow[]> {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select()
    .from(creditListings)
    .where(
      and(
        eq(creditListings.status, 'listed'),
        or(isNull(creditListings.expiresAt), gt(creditListings.expiresAt, now)),
        or(eq(creditListings.debtorIdNumber, q.toUpperCase()), ilike(creditListings.debtorName, pattern)),
      ),
    )
    .orderBy(desc(creditListings.listedAt), asc(creditListings.id))
    .limit(limit);
}

export async function insertCorrection(tx: Db, row: CorrectionRow): Promise<void> {
  await tx.insert(creditCorrections).values(row);
}

export async function correctionById(db: Db, id: string): Promise<CorrectionRow | undefined> {
  const [row] = await db.select().from(creditCorrections).where(eq(creditCorrections.id, id));
  return row;
}

export async function pendingCorrectionOf(db: Db, listingId: string): Promise<CorrectionRow | undefined> {
  const [row] = await db.select().from(creditCorrections).where(and(eq(creditCorrections.listingId, listingId), eq(creditCorrections.status, 'pending')));
  return row;
}

/** Decides a pending request; undefined when it was decided meanwhile. */
export async function decidePending(tx: Db, id: string, changes: Partial<CorrectionRow>): Promise<CorrectionRow | undefined> {
  const [row] = await tx
    .update(creditCorrections)
    .set(changes)
    .where(and(eq(creditCorrections.id, id), eq(creditCorrections.status, 'pending')))
    .returning();
  return row;
}

/** Pending requests past their 15 days and not yet flagged. */
export async function overdueUnflagged(db: Db, now: Date, limit: number): Promise<CorrectionRow[]> {
  return db
    .select()
    .from(creditCorrections)
    .where(and(eq(creditCorrections.status, 'pending'), lte(creditCorrections.dueBy, now), isNull(creditCorrections.overdueFlaggedAt)))
    .orderBy(asc(creditCorrections.dueBy))
    .limit(limit);
}

export async function flagOverdue(tx: Db, id: string, now: Date): Promise<CorrectionRow | undefined> {
  const [row] = await tx
    .update(creditCorrections)
    .set({ overdueFlaggedAt: now })
    .where(and(eq(creditCorrections.id, id), eq(creditCorrections.status, 'pending'), isNull(creditCorrections.overdueFlaggedAt)))
    .returning();
  return row;
}

/** Pending requests of a court, oldest first. */
export async function pendingCorrectionsOfCourt(db: Db, courtId: string): Promise<CorrectionRow[]> {
  return db
    .select()
    .from(creditCorrections)
    .where(and(eq(creditCorrections.courtId, courtId), eq(creditCorrections.status, 'pending')))
    .orderBy(asc(creditCorrections.dueBy));
}

/** Serialises listing decisions on one case (listing, marking due) across connections. */
export async function lockCaseCredit(tx: Db, caseId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`credit:${caseId}`}))`);
}

/**
 * Whether a consumption restriction (限制消费令) is in force against a debtor of the case: a listing's or an order's made
 * on its own (限高 Art. 1), as the 终本 condition reads it (终本规定 Art. 1 (二)).
 */
export async function restrictionInForce(db: Db, caseId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: consumptionRestrictions.id })
    .from(consumptionRestrictions)
    .where(and(eq(consumptionRestrictions.caseId, caseId), eq(consumptionRestrictions.subject, 'debtor'), isNull(consumptionRestrictions.endedAt)))
    .limit(1);
  return row !== undefined;
}

/** Inserts the rows of a restriction order made on its own (限高 Art. 1, 5). */
export async function insertRestrictions(tx: Db, rows: RestrictionRow[]): Promise<void> {
  if (rows.length) await tx.insert(consumptionRestrictions).values(rows);
}

export async function restrictionById(db: Db, id: string): Promise<RestrictionRow | undefined> {
  const [row] = await db.select().from(consumptionRestrictions).where(eq(consumptionRestrictions.id, id));
  return row;
}

/** The restrictions made by an order (not a listing) of the case, newest first. */
export async function ordersOfCase(db: Db, caseId: string): Promise<RestrictionRow[]> {
  return db
    .select()
    .from(consumptionRestrictions)
    .where(and(eq(consumptionRestrictions.caseId, caseId), isNull(consumptionRestrictions.listingId)))
    .orderBy(desc(consumptionRestrictions.startedAt), asc(consumptionRestrictions.subject), asc(consumptionRestrictions.id));
}

/** The order-made restrictions in force against a debtor of the case (the debtor's row and a legal representative's). */
export async function orderInForceOf(db: Db, caseId: string, partyId: string): Promise<RestrictionRow[]> {
  return db
    .select()
    .from(consumptionRestrictions)
    .where(
      and(
        eq(consumptionRestrictions.caseId, caseId),
        eq(consumptionRestrictions.partyId, partyId),
        isNull(consumptionRestrictions.listingId),
        isNull(consumptionRestrictions.endedAt),
      ),
    )
    .orderBy(asc(consumptionRestrictions.subject));
}

/**
 * Ends the order-made restrictions in force of the case (of one debtor when `partyId` is given), conditionally: answers
 * the rows ended now, none when another run ended them first.
 */
export async function endOrders(tx: Db, caseId: string, partyId: string | null, now: Date, reason: string): Promise<RestrictionRow[]> {
  return tx
    .update(consumptionRestrictions)
    .set({ endedAt: now, endedReason: reason })
    .where(
      and(
        eq(consumptionRestrictions.caseId, caseId),
        partyId ? eq(consumptionRestrictions.partyId, partyId) : undefined,
        isNull(consumptionRestrictions.listingId),
        isNull(consumptionRestrictions.endedAt),
      ),
    )
    .returning();
}

/** Cases with an order-made restriction in force (the job ends them once the case's debt is satisfied). */
export async function casesWithOrdersInForce(db: Db, afterCaseId: string | null, limit: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ caseId: consumptionRestrictions.caseId })
    .from(consumptionRestrictions)
    .where(and(isNull(consumptionRestrictions.listingId), isNull(consumptionRestrictions.endedAt), afterCaseId ? gt(consumptionRestrictions.caseId, afterCaseId) : undefined))
    .orderBy(asc(consumptionRestrictions.caseId))
    .limit(limit);
  return rows.map((r) => r.caseId);
}
