import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import { ACTIVE_STATUSES } from '../../../shared/auction-rules';
import type { Db } from '../../platform/db/database';
import { auctions } from './auction.tables';
import type { ProxyMax } from '../../../shared/auction-rules';
import { formatMoney } from '../../../shared/money';
import { auctionBids, auctionProxyBids, auctionRegistrations, auctionSales } from './bidding.tables';

export type RegistrationRow = typeof auctionRegistrations.$inferSelect;
export type BidRow = typeof auctionBids.$inferSelect;
export type SaleRow = typeof auctionSales.$inferSelect;

// ---- Registrations

export async function insertRegistration(tx: Db, row: RegistrationRow): Promise<void> {
  await tx.insert(auctionRegistrations).values(row);
}

export async function registrationById(db: Db, id: string): Promise<RegistrationRow | undefined> {
  const [row] = await db.select().from(auctionRegistrations).where(eq(auctionRegistrations.id, id));
  return row;
}

export async function registrationOf(db: Db, auctionId: string, userId: string): Promise<RegistrationRow | undefined> {
  const [row] = await db
    .select()
    .from(auctionRegistrations)
    .where(and(eq(auctionRegistrations.auctionId, auctionId), eq(auctionRegistrations.userId, userId)));
  return row;
}

/** A bidder's registrations across auctions, newest first. */
export async function registrationsOfUser(db: Db, userId: string): Promise<RegistrationRow[]> {
  return db.select().from(auctionRegistrations).where(eq(auctionRegistrations.userId, userId)).orderBy(desc(auctionRegistrations.registeredAt));
}

export async function registrationsOfAuction(db: Db, auctionId: string): Promise<RegistrationRow[]> {
  return db.select().from(auctionRegistrations).where(eq(auctionRegistrations.auctionId, auctionId)).orderBy(asc(auctionRegistrations.registeredAt));
}

export async function codesOfAuction(tx: Db, auctionId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ code: auctionRegistrations.bidderCode })
    .from(auctionRegistrations)
    .where(and(eq(auctionRegistrations.auctionId, auctionId), isNotNull(auctionRegistrations.bidderCode)));
  return new Set(rows.map((r) => r.code!));
}

/** Whether the user forfeited a deposit on an auction of this asset (悔拍): then they may not bid in its resale. */
export async function hasRenegedOnAsset(db: Db, assetId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(auctionRegistrations)
    .where(and(eq(auctionRegistrations.assetId, assetId), eq(auctionRegistrations.userId, userId), eq(auctionRegistrations.depositState, 'forfeited')));
  return (row?.n ?? 0) > 0;
}

export async function updateRegistration(tx: Db, id: string, changes: Partial<RegistrationRow>): Promise<RegistrationRow> {
  const [row] = await tx.update(auctionRegistrations).set(changes).where(eq(auctionRegistrations.id, id)).returning();
  return row!;
}

/** Registrations whose deposit is still held on auctions in one of these states (the refund sweep). */
export async function heldDepositsOfEndedAuctions(db: Db, auctionIds: string[]): Promise<RegistrationRow[]> {
  if (auctionIds.length === 0) return [];
  return db
    .select()
    .from(auctionRegistrations)
    .where(and(inArray(auctionRegistrations.auctionId, auctionIds), eq(auctionRegistrations.depositState, 'held')));
}

export async function auctionsWithHeldDeposits(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ auctionId: auctionRegistrations.auctionId })
    .from(auctionRegistrations)
    .where(eq(auctionRegistrations.depositState, 'held'));
  return rows.map((r) => r.auctionId);
}

// ---- Bids

/**
 * The leading bid (网拍 Art. 11, 21), ordered as `compareBids` orders: higher amount; at the same amount a priority
 * holder before an ordinary bidder and a better rank first; then the earlier bid.
 */
export async function leadingBidOf(db: Db, auctionId: string): Promise<BidRow | undefined> {
  const [row] = await db
    .select()
    .from(auctionBids)
    .where(eq(auctionBids.auctionId, auctionId))
    .orderBy(desc(auctionBids.amount), sql`${auctionBids.priorityRank} asc nulls last`, asc(auctionBids.at), asc(auctionBids.seq))
    .limit(1);
  return row;
}

export async function lastBidSeq(tx: Db, auctionId: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`coalesce(max(${auctionBids.seq}), 0)::int` }).from(auctionBids).where(eq(auctionBids.auctionId, auctionId));
  return Number(row?.n ?? 0);
}

export async function insertBid(tx: Db, row: BidRow): Promise<void> {
  await tx.insert(auctionBids).values(row);
}

export async function bidsOf(db: Db, auctionId: string): Promise<BidRow[]> {
  return db.select().from(auctionBids).where(eq(auctionBids.auctionId, auctionId)).orderBy(desc(auctionBids.seq));
}

// ---- Sales

export async function insertSale(tx: Db, row: SaleRow): Promise<void> {
  await tx.insert(auctionSales).values(row);
}

export async function saleOf(db: Db, auctionId: string): Promise<SaleRow | undefined> {
  const [row] = await db.select().from(auctionSales).where(eq(auctionSales.auctionId, auctionId));
  return row;
}

export async function saleForUpdate(tx: Db, auctionId: string): Promise<SaleRow | undefined> {
  const [row] = await tx.select().from(auctionSales).where(eq(auctionSales.auctionId, auctionId)).for('update');
  return row;
}

export async function updateSale(tx: Db, auctionId: string, changes: Partial<SaleRow>): Promise<SaleRow> {
  const [row] = await tx.update(auctionSales).set(changes).where(eq(auctionSales.auctionId, auctionId)).returning();
  return row!;
}

export async function salesDueToRenege(db: Db, now: Date, limit: number): Promise<SaleRow[]> {
  return db
    .select()
    .from(auctionSales)
    .where(and(eq(auctionSales.status, 'awaiting_balance'), lte(auctionSales.balanceDueAt, now)))
    .orderBy(asc(auctionSales.balanceDueAt))
    .limit(limit);
}

/** Marks an unpaid sale reneged if its deadline has passed; undefined when another run (or the payment) got there first. */
export async function markReneged(tx: Db, auctionId: string, now: Date): Promise<SaleRow | undefined> {
  const [row] = await tx
    .update(auctionSales)
    .set({ status: 'reneged', renegedAt: now })
    .where(and(eq(auctionSales.auctionId, auctionId), eq(auctionSales.status, 'awaiting_balance'), lte(auctionSales.balanceDueAt, now)))
    .returning();
  return row;
}

export async function publishedLetters(db: Db, page: number, pageSize: number): Promise<{ rows: SaleRow[]; total: number }> {
  const [total] = await db.select({ n: count() }).from(auctionSales);
  const rows = await db
    .select()
    .from(auctionSales)
    .orderBy(desc(auctionSales.letterIssuedAt), asc(auctionSales.auctionId))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: total?.n ?? 0 };
}

/** How many sales of the case's auctions have been paid (the sale rulings issued so far, numbering the next). */
export async function paidSalesOfCase(tx: Db, caseId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(auctionSales)
    .innerJoin(auctions, eq(auctions.id, auctionSales.auctionId))
    .where(and(eq(auctions.caseId, caseId), eq(auctionSales.status, 'paid')));
  return row?.n ?? 0;
}

/** The first sale of the asset paid after `after` (the resale after a reneging, 拍变 Art. 22). */
export async function paidResaleOf(db: Db, assetId: string, after: Date): Promise<SaleRow | undefined> {
  const [row] = await db
    .select({ sale: auctionSales })
    .from(auctionSales)
    .innerJoin(auctions, eq(auctions.id, auctionSales.auctionId))
    .where(and(eq(auctions.assetId, assetId), eq(auctionSales.status, 'paid'), sql`${auctionSales.createdAt} > ${after}`))
    .orderBy(asc(auctionSales.createdAt))
    .limit(1);
  return row?.sale;
}

/** Whether a registration already stands for this confirmed priority-right holder (each holder registers once). */
export async function holderRegistered(tx: Db, auctionId: string, holder: string): Promise<boolean> {
  const [row] = await tx
    .select({ n: count() })
    .from(auctionRegistrations)
    .where(and(eq(auctionRegistrations.auctionId, auctionId), eq(auctionRegistrations.priorityHolder, holder)));
  return (row?.n ?? 0) > 0;
}

/**
 * Whether the asset's resale line after `after` has ended without a sale: no auction of the asset is active and one
 * made since ended unsold at fixed price (变卖不成) or was withdrawn. Returns that auction's id, or undefined.
 */
export async function resaleEndedUnsold(db: Db, assetId: string, after: Date): Promise<string | undefined> {
  const rows = await db
    .select({ id: auctions.id, status: auctions.status })
    .from(auctions)
    .where(and(eq(auctions.assetId, assetId), sql`${auctions.createdAt} >= ${after}`))
    .orderBy(asc(auctions.createdAt));
  if (rows.some((r) => (ACTIVE_STATUSES as readonly string[]).includes(r.status))) return undefined;
  return rows.reverse().find((r) => r.status === 'fixed_price_unsold' || r.status === 'withdrawn')?.id;
}

// ---- Live bidding (the engine and the room)

export async function bidById(db: Db, id: string): Promise<BidRow | null> {
  const [row] = await db.select().from(auctionBids).where(eq(auctionBids.id, id));
  return row ?? null;
}

export async function insertBids(tx: Db, rows: BidRow[]): Promise<void> {
  if (rows.length > 0) await tx.insert(auctionBids).values(rows);
}

/** Bids placed under any of these (registration, client bid id) pairs. */
export async function bidsByClientIds(db: Db, pairs: { registrationId: string; clientBidId: string }[]): Promise<BidRow[]> {
  if (pairs.length === 0) return [];
  const rows = await db
    .select()
    .from(auctionBids)
    .where(and(inArray(auctionBids.registrationId, [...new Set(pairs.map((p) => p.registrationId))]), inArray(auctionBids.clientBidId, [...new Set(pairs.map((p) => p.clientBidId))])));
  const wanted = new Set(pairs.map((p) => `${p.registrationId}:${p.clientBidId}`));
  return rows.filter((r) => wanted.has(`${r.registrationId}:${r.clientBidId}`));
}

/** The bids after `afterSeq`, in order, at most `limit`. */
export async function bidsAfter(db: Db, auctionId: string, afterSeq: number, limit: number): Promise<BidRow[]> {
  return db
    .select()
    .from(auctionBids)
    .where(and(eq(auctionBids.auctionId, auctionId), sql`${auctionBids.seq} > ${afterSeq}`))
    .orderBy(asc(auctionBids.seq))
    .limit(limit);
}

/** The proxy maxima of an auction, with each holder's priority rank. */
export async function proxiesOf(db: Db, auctionId: string): Promise<ProxyMax[]> {
  const rows = await db
    .select({ proxy: auctionProxyBids, rank: auctionRegistrations.priorityRank })
    .from(auctionProxyBids)
    .innerJoin(auctionRegistrations, eq(auctionRegistrations.id, auctionProxyBids.registrationId))
    .where(eq(auctionProxyBids.auctionId, auctionId));
  return rows.map(({ proxy: r, rank }) => ({ registrationId: r.registrationId, bidderCode: r.bidderCode, priorityRank: rank, max: formatMoney(r.max), setAt: r.setAt }));
}

/** Sets a bidder's proxy maximum (replacing theirs, with its new time). */
export async function upsertProxy(tx: Db, auctionId: string, p: ProxyMax): Promise<void> {
  await tx
    .insert(auctionProxyBids)
    .values({ registrationId: p.registrationId, auctionId, bidderCode: p.bidderCode, max: p.max, setAt: p.setAt })
    .onConflictDoUpdate({ target: auctionProxyBids.registrationId, set: { max: p.max, setAt: p.setAt } });
}

/** One auction round as the quality figures see it: when its bidding ended (null if it never did) and its sale. */
export interface AuctionOutcome {
  auctionId: string;
  startingPrice: string;
  biddingEndedAt: Date | null;
  sale: { kind: 'auction' | 'fixed_price'; price: string; status: 'awaiting_balance' | 'paid' | 'reneged'; at: Date } | null;
}

/**
 * The auctions of one court (or all) whose bidding ended, or whose sale was made, between `from` and `before`. The
 * bidding end is `bidding_ends_at` of a round that ended (`ended_at` is set): a fixed-price sale later overwrites
 * `ended_at` with its payment time, while `bidding_ends_at` stays the end of the bidding (with its extensions).
 */
export async function auctionOutcomes(db: Db, courtId: string | undefined, from: Date, before: Date): Promise<AuctionOutcome[]> {
  const ended = and(isNotNull(auctions.endedAt), gte(auctions.biddingEndsAt, from), lt(auctions.biddingEndsAt, before));
  const sold = and(gte(auctionSales.createdAt, from), lt(auctionSales.createdAt, before));
  const rows = await db
    .select({
      auctionId: auctions.id,
      startingPrice: auctions.startingPrice,
      endedAt: auctions.endedAt,
      biddingEndsAt: auctions.biddingEndsAt,
      kind: auctionSales.kind,
      price: auctionSales.price,
      status: auctionSales.status,
      soldAt: auctionSales.createdAt,
    })
    .from(auctions)
    .leftJoin(auctionSales, eq(auctionSales.auctionId, auctions.id))
    .where(and(courtId ? eq(auctions.courtId, courtId) : undefined, or(ended, sold)));
  return rows.map((r) => ({
    auctionId: r.auctionId,
    startingPrice: r.startingPrice,
    biddingEndedAt: r.endedAt ? r.biddingEndsAt : null,
    sale: r.kind && r.price && r.status && r.soldAt ? { kind: r.kind, price: r.price, status: r.status, at: r.soldAt } : null,
  }));
}
