import { and, asc, count, desc, eq, gt, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { consumptionRestrictions, creditListings } from './credit.tables';
import { creditInterceptions, jointCheckAnswers, jointChecks, jointDeliveries, jointSubscriptions } from './joint.tables';

export type CheckRow = typeof jointChecks.$inferSelect;
export type CheckAnswerRow = typeof jointCheckAnswers.$inferSelect;
export type SubscriptionRow = typeof jointSubscriptions.$inferSelect;
export type DeliveryRow = typeof jointDeliveries.$inferSelect;
export type InterceptionRow = typeof creditInterceptions.$inferSelect;

/** A restriction in force with what imposed it: a listing, or a restriction order on its own. */
export interface RestrictionInForce {
  restrictionId: string;
  subject: 'debtor' | 'legal_representative';
  idNumber: string;
  name: string;
  basis: 'listing' | 'order';
  /** Null for an order. */
  listingId: string | null;
  caseId: string;
  courtId: string;
  caseNo: string;
  courtName: string;
  /** The listing's ground (失信 Art. 1); null for an order. */
  ground: string | null;
  /** When the listing or the order took effect. */
  listedAt: Date;
  /** The listing's term; null for no fixed term and for an order (in force until lifted, 限高 Art. 9). */
  expiresAt: Date | null;
}

/**
 * The consumption restrictions in force (限高) against these ID numbers: those of listings (the restriction not ended,
 * the listing current and its term not run out, as the public search reads the list) and those made by an order on
 * its own (not ended). Both restrict alike (限高 Art. 3); only a listing makes the subject "listed".
 */
export async function restrictionsInForceOf(db: Db, idNumbers: string[], now: Date): Promise<RestrictionInForce[]> {
  if (!idNumbers.length) return [];
  const [byListing, byOrder] = await Promise.all([
    db
      .select({
        restrictionId: consumptionRestrictions.id,
        subject: consumptionRestrictions.subject,
        idNumber: consumptionRestrictions.idNumber,
        name: consumptionRestrictions.name,
        listingId: creditListings.id,
        caseId: creditListings.caseId,
        courtId: creditListings.courtId,
        caseNo: creditListings.caseNo,
        courtName: creditListings.courtName,
        ground: creditListings.ground,
        listedAt: creditListings.listedAt,
        expiresAt: creditListings.expiresAt,
      })
      .from(consumptionRestrictions)
      .innerJoin(creditListings, eq(creditListings.id, consumptionRestrictions.listingId))
      .where(
        and(
          inArray(consumptionRestrictions.idNumber, idNumbers),
          isNull(consumptionRestrictions.endedAt),
          eq(creditListings.status, 'listed'),
          or(isNull(creditListings.expiresAt), gt(creditListings.expiresAt, now)),
        ),
      ),
    db
      .select()
      .from(consumptionRestrictions)
      .where(and(inArray(consumptionRestrictions.idNumber, idNumbers), isNull(consumptionRestrictions.endedAt), isNull(consumptionRestrictions.listingId))),
  ]);
  const rows: RestrictionInForce[] = [
    ...byListing.map((r) => ({ ...r, basis: 'listing' as const })),
    ...byOrder.map((r) => ({
      restrictionId: r.id,
      subject: r.subject,
      idNumber: r.idNumber,
      name: r.name,
      basis: 'order' as const,
      listingId: null,
      caseId: r.caseId,
      courtId: r.courtId!,
      caseNo: r.caseNo ?? '',
      courtName: r.courtName ?? '',
      ground: null,
      listedAt: r.startedAt,
      expiresAt: null,
    })),
  ];
  return rows.sort((a, b) => a.listedAt.getTime() - b.listedAt.getTime() || a.restrictionId.localeCompare(b.restrictionId));
}

export async function insertCheck(tx: Db, row: CheckRow, answers: CheckAnswerRow[]): Promise<void> {
  await tx.insert(jointChecks).values(row);
  // In chunks: a batch of 1,000 answers stays well under the bind-parameter limit.
  for (let i = 0; i < answers.length; i += 200) await tx.insert(jointCheckAnswers).values(answers.slice(i, i + 200));
}

export interface CheckLogFilter {
  /** Court staff: only answers about people listed or restricted by this court; null (admin): everything, refusals too. */
  courtId: string | null;
  idNumber?: string;
  institution?: string;
  status?: 'answered' | 'refused';
  page: number;
  pageSize: number;
}

export async function checkLog(db: Db, filter: CheckLogFilter): Promise<{ rows: { check: CheckRow; answer: CheckAnswerRow | null }[]; total: number }> {
  const conditions: (SQL | undefined)[] = [
    filter.idNumber ? eq(jointCheckAnswers.idNumber, filter.idNumber) : undefined,
    filter.institution ? eq(jointChecks.institutionCode, filter.institution) : undefined,
    filter.status ? eq(jointChecks.status, filter.status) : undefined,
  ];
  if (filter.courtId) {
    conditions.push(
      inArray(
        jointCheckAnswers.idNumber,
        db
          .select({ idNumber: consumptionRestrictions.idNumber })
          .from(consumptionRestrictions)
          .leftJoin(creditListings, eq(creditListings.id, consumptionRestrictions.listingId))
          // A listing's court, or the court that made an order on its own.
          .where(or(eq(creditListings.courtId, filter.courtId), and(isNull(consumptionRestrictions.listingId), eq(consumptionRestrictions.courtId, filter.courtId)))),
      ),
    );
  }
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(jointChecks).leftJoin(jointCheckAnswers, eq(jointCheckAnswers.checkId, jointChecks.id)).where(where);
  const rows = await db
    .select({ check: jointChecks, answer: jointCheckAnswers })
    .from(jointChecks)
    .leftJoin(jointCheckAnswers, eq(jointCheckAnswers.checkId, jointChecks.id))
    .where(where)
    .orderBy(desc(jointChecks.at), asc(jointChecks.id), asc(jointCheckAnswers.position))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  return { rows, total: total?.n ?? 0 };
}

export async function subscriptionOf(db: Db, institutionCode: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select().from(jointSubscriptions).where(eq(jointSubscriptions.institutionCode, institutionCode));
  return row;
}

export async function allSubscriptions(db: Db): Promise<SubscriptionRow[]> {
  return db.select().from(jointSubscriptions).orderBy(asc(jointSubscriptions.institutionCode));
}

export async function upsertSubscription(tx: Db, institutionCode: string, url: string, now: Date): Promise<void> {
  await tx
    .insert(jointSubscriptions)
    .values({ institutionCode, url, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: jointSubscriptions.institutionCode, set: { url, updatedAt: now } });
}

export async function deleteSubscription(tx: Db, institutionCode: string): Promise<boolean> {
  const rows = await tx.delete(jointSubscriptions).where(eq(jointSubscriptions.institutionCode, institutionCode)).returning();
  return rows.length > 0;
}

export async function insertDeliveries(tx: Db, rows: DeliveryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await tx.insert(jointDeliveries).values(rows.slice(i, i + 200));
}

/** Takes up to `limit` due deliveries for this worker until `leaseUntil` (another worker skips them meanwhile). */
export async function claimDueDeliveries(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<DeliveryRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: jointDeliveries.id })
      .from(jointDeliveries)
      .where(and(eq(jointDeliveries.status, 'pending'), lte(jointDeliveries.nextAttemptAt, now), or(isNull(jointDeliveries.leaseUntil), lte(jointDeliveries.leaseUntil, now))))
      .orderBy(asc(jointDeliveries.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (!due.length) return [];
    return tx
      .update(jointDeliveries)
      .set({ leaseUntil, attempts: sql`${jointDeliveries.attempts} + 1` })
      .where(inArray(jointDeliveries.id, due.map((d) => d.id)))
      .returning();
  });
}

export async function finishDelivery(db: Db, id: string, changes: Partial<DeliveryRow>): Promise<void> {
  await db.update(jointDeliveries).set({ ...changes, leaseUntil: null }).where(eq(jointDeliveries.id, id));
}

export async function deliveriesOf(db: Db, institutionCode: string): Promise<DeliveryRow[]> {
  return db.select().from(jointDeliveries).where(eq(jointDeliveries.institutionCode, institutionCode)).orderBy(asc(jointDeliveries.createdAt), asc(jointDeliveries.id));
}

export async function insertInterceptions(tx: Db, rows: InterceptionRow[]): Promise<void> {
  await tx.insert(creditInterceptions).values(rows);
}

export async function interceptionsOfCase(db: Db, caseId: string): Promise<InterceptionRow[]> {
  return db.select().from(creditInterceptions).where(eq(creditInterceptions.caseId, caseId)).orderBy(desc(creditInterceptions.receivedAt), asc(creditInterceptions.id));
}
