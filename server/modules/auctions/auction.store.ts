import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { PUBLIC_STATUSES, type AuctionStatus } from '../../../shared/auction-rules';
import type { Db } from '../../platform/db/database';
import { auctionApprovals, auctionPanelMembers, auctions } from './auction.tables';

export type AuctionRow = typeof auctions.$inferSelect;
export type PanelMemberRow = typeof auctionPanelMembers.$inferSelect;

export async function insertAuction(tx: Db, row: AuctionRow, panel: string[]): Promise<void> {
  await tx.insert(auctions).values(row);
  await replacePanel(tx, row.id, panel);
}

export async function replacePanel(tx: Db, auctionId: string, panel: string[]): Promise<void> {
  await tx.delete(auctionPanelMembers).where(eq(auctionPanelMembers.auctionId, auctionId));
  if (panel.length) await tx.insert(auctionPanelMembers).values(panel.map((userId, position) => ({ auctionId, userId, position })));
}

export async function auctionById(db: Db, id: string): Promise<AuctionRow | undefined> {
  const [row] = await db.select().from(auctions).where(eq(auctions.id, id));
  return row;
}

/** The auction with its row locked until the transaction ends: every writer of one auction takes this lock first. */
export async function auctionForUpdate(tx: Db, id: string): Promise<AuctionRow | undefined> {
  const [row] = await tx.select().from(auctions).where(eq(auctions.id, id)).for('update');
  return row;
}

export async function updateAuction(tx: Db, id: string, changes: Partial<AuctionRow>): Promise<AuctionRow> {
  const [row] = await tx
    .update(auctions)
    .set({ ...changes, seq: sql`${auctions.seq} + 1` })
    .where(eq(auctions.id, id))
    .returning();
  return row!;
}

export async function activeAuctionOfAsset(db: Db, assetId: string): Promise<AuctionRow | undefined> {
  const [row] = await db
    .select()
    .from(auctions)
    .where(and(eq(auctions.assetId, assetId), inArray(auctions.status, ['draft', 'approved', 'announced', 'live', 'suspended', 'fixed_price_sale'])));
  return row;
}

/** The relisting of an unsold auction (not counting a withdrawn one). */
export async function relistingOf(db: Db, auctionId: string): Promise<AuctionRow | undefined> {
  const [row] = await db
    .select()
    .from(auctions)
    .where(and(eq(auctions.previousAuctionId, auctionId), ne(auctions.status, 'withdrawn')));
  return row;
}

export async function relistingsOf(db: Db, auctionIds: string[]): Promise<Map<string, string>> {
  if (auctionIds.length === 0) return new Map();
  const rows = await db
    .select({ id: auctions.id, previous: auctions.previousAuctionId })
    .from(auctions)
    .where(and(inArray(auctions.previousAuctionId, auctionIds), ne(auctions.status, 'withdrawn')));
  return new Map(rows.map((r) => [r.previous!, r.id]));
}

export async function panelOf(db: Db, auctionIds: string[]): Promise<PanelMemberRow[]> {
  if (auctionIds.length === 0) return [];
  return db.select().from(auctionPanelMembers).where(inArray(auctionPanelMembers.auctionId, auctionIds)).orderBy(asc(auctionPanelMembers.position));
}

export async function approvalsOf(db: Db, auctionIds: string[]): Promise<(typeof auctionApprovals.$inferSelect)[]> {
  if (auctionIds.length === 0) return [];
  return db.select().from(auctionApprovals).where(inArray(auctionApprovals.auctionId, auctionIds));
}

/** Records a member's approval of a version; false when they had already approved it. */
export async function insertApproval(tx: Db, auctionId: string, version: number, userId: string, at: Date): Promise<boolean> {
  const rows = await tx.insert(auctionApprovals).values({ auctionId, version, userId, approvedAt: at }).onConflictDoNothing().returning();
  return rows.length > 0;
}

export async function approvalCount(tx: Db, auctionId: string, version: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(auctionApprovals)
    .where(and(eq(auctionApprovals.auctionId, auctionId), eq(auctionApprovals.version, version)));
  return row?.n ?? 0;
}

export async function auctionsOfCourt(db: Db, courtId: string, filter: { status?: AuctionStatus | undefined; caseId?: string | undefined }, page: number, pageSize: number): Promise<{ rows: AuctionRow[]; total: number }> {
  const where = and(eq(auctions.courtId, courtId), filter.status ? eq(auctions.status, filter.status) : undefined, filter.caseId ? eq(auctions.caseId, filter.caseId) : undefined);
  const [total] = await db.select({ n: count() }).from(auctions).where(where);
  const rows = await db
    .select()
    .from(auctions)
    .where(where)
    .orderBy(desc(auctions.createdAt), asc(auctions.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: total?.n ?? 0 };
}

export interface PublicFilter {
  status?: AuctionStatus | undefined;
  assetKind?: string | undefined;
  city?: string | undefined;
  q?: string | undefined;
  minPrice?: string | undefined;
  maxPrice?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Published auctions only: an auction becomes public when announced and stays so (drafts and approved ones never are). */
export async function publicAuctions(db: Db, f: PublicFilter, page: number, pageSize: number): Promise<{ rows: AuctionRow[]; total: number }> {
  const conditions: (SQL | undefined)[] = [isNotNull(auctions.announcedAt), inArray(auctions.status, [...PUBLIC_STATUSES])];
  if (f.status) conditions.push(eq(auctions.status, f.status));
  if (f.assetKind) conditions.push(eq(auctions.assetKind, f.assetKind));
  if (f.city) conditions.push(ilike(auctions.city, `%${escapeLike(f.city)}%`));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conditions.push(or(ilike(auctions.title, like), ilike(auctions.description, like), ilike(auctions.caseNo, like)));
  }
  if (f.minPrice) conditions.push(gte(auctions.startingPrice, f.minPrice));
  if (f.maxPrice) conditions.push(lte(auctions.startingPrice, f.maxPrice));
  if (f.from) conditions.push(gte(auctions.biddingStartsAt, f.from));
  if (f.to) conditions.push(lte(auctions.biddingStartsAt, f.to));
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(auctions).where(where);
  const rows = await db
    .select()
    .from(auctions)
    .where(where)
    .orderBy(desc(auctions.biddingStartsAt), asc(auctions.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: total?.n ?? 0 };
}

/** The case's published auctions (announced at some point), oldest first: what its parties may follow. */
export async function publishedAuctionsOfCase(db: Db, caseId: string): Promise<AuctionRow[]> {
  return db
    .select()
    .from(auctions)
    .where(and(eq(auctions.caseId, caseId), isNotNull(auctions.announcedAt), inArray(auctions.status, [...PUBLIC_STATUSES])))
    .orderBy(asc(auctions.createdAt), asc(auctions.id));
}

// ---- Scheduled transitions: each a conditional update, so that a second run (or another process) changes nothing.

export async function dueToAnnounce(db: Db, now: Date, limit: number): Promise<AuctionRow[]> {
  return db
    .select()
    .from(auctions)
    .where(and(eq(auctions.status, 'approved'), lte(auctions.announcementAt, now), or(sql`${auctions.round} > 1`, gte(auctions.referenceValidUntil, now))))
    .orderBy(asc(auctions.announcementAt))
    .limit(limit);
}

/**
 * Publishes an approved auction whose announcement time has come. A first round only while its reference price is
 * valid (参考价 Art. 27); a relisting rests on the first round's announcement.
 */
export async function markAnnounced(tx: Db, id: string, now: Date): Promise<AuctionRow | undefined> {
  const [row] = await tx
    .update(auctions)
    .set({ status: 'announced', announcedAt: now, firstAnnouncedAt: sql`coalesce(${auctions.firstAnnouncedAt}, ${now})`, updatedAt: now, seq: sql`${auctions.seq} + 1` })
    .where(
      and(
        eq(auctions.id, id),
        eq(auctions.status, 'approved'),
        lte(auctions.announcementAt, now),
        or(sql`${auctions.round} > 1`, gte(auctions.referenceValidUntil, now)),
      ),
    )
    .returning();
  return row;
}

export async function dueToGoLive(db: Db, now: Date, limit: number): Promise<AuctionRow[]> {
  return db
    .select()
    .from(auctions)
    .where(and(eq(auctions.status, 'announced'), lte(auctions.biddingStartsAt, now)))
    .orderBy(asc(auctions.biddingStartsAt))
    .limit(limit);
}

export async function markLive(tx: Db, id: string, now: Date): Promise<AuctionRow | undefined> {
  const [row] = await tx
    .update(auctions)
    .set({ status: 'live', liveAt: now, updatedAt: now, seq: sql`${auctions.seq} + 1` })
    .where(and(eq(auctions.id, id), eq(auctions.status, 'announced'), lte(auctions.biddingStartsAt, now)))
    .returning();
  return row;
}

export async function dueToClose(db: Db, now: Date, limit: number): Promise<AuctionRow[]> {
  return db
    .select()
    .from(auctions)
    .where(and(eq(auctions.status, 'live'), lte(auctions.biddingEndsAt, now)))
    .orderBy(asc(auctions.biddingEndsAt))
    .limit(limit);
}

/** Locks a live auction whose end has come, or returns nothing when another run closed it (or a bid moved the end). */
export async function liveAuctionDueForUpdate(tx: Db, id: string, now: Date): Promise<AuctionRow | undefined> {
  const [row] = await tx
    .select()
    .from(auctions)
    .where(and(eq(auctions.id, id), eq(auctions.status, 'live'), lte(auctions.biddingEndsAt, now)))
    .for('update');
  return row;
}

export async function dueToEndFixedPriceSale(db: Db, now: Date, limit: number): Promise<AuctionRow[]> {
  return db
    .select()
    .from(auctions)
    .where(and(eq(auctions.status, 'fixed_price_sale'), lte(auctions.fixedPriceEndsAt, now)))
    .orderBy(asc(auctions.fixedPriceEndsAt))
    .limit(limit);
}

export async function markFixedPriceUnsold(tx: Db, id: string, now: Date): Promise<AuctionRow | undefined> {
  const [row] = await tx
    .update(auctions)
    .set({ status: 'fixed_price_unsold', endedAt: now, updatedAt: now, seq: sql`${auctions.seq} + 1` })
    .where(and(eq(auctions.id, id), eq(auctions.status, 'fixed_price_sale'), lte(auctions.fixedPriceEndsAt, now)))
    .returning();
  return row;
}

/** Auctions whose start (announced) or end (live) falls before `until`: the precise timers arm for them. */
export async function startingOrEndingBefore(db: Db, until: Date): Promise<{ id: string; status: string; at: Date }[]> {
  const live = await db
    .select({ id: auctions.id, status: auctions.status, at: auctions.biddingEndsAt })
    .from(auctions)
    .where(and(eq(auctions.status, 'live'), lte(auctions.biddingEndsAt, until)));
  const starting = await db
    .select({ id: auctions.id, status: auctions.status, at: auctions.biddingStartsAt })
    .from(auctions)
    .where(and(eq(auctions.status, 'announced'), lte(auctions.biddingStartsAt, until)));
  return [...live, ...starting];
}

/** The bidding columns after a group of bids, as `updateAuction` without reading the row back (the engine needs nothing). */
export async function setBiddingState(tx: Db, id: string, state: { bidSeq: number; leadingBidId: string; biddingEndsAt: Date; updatedAt: Date }): Promise<void> {
  await tx
    .update(auctions)
    .set({ ...state, seq: sql`${auctions.seq} + 1` })
    .where(eq(auctions.id, id));
}

/** The live figures of the auctions a process has watchers for (the room's tick). */
export async function liveFigures(db: Db, ids: string[]): Promise<{ id: string; status: string; endsAt: Date; seq: number }[]> {
  if (ids.length === 0) return [];
  return db.select({ id: auctions.id, status: auctions.status, endsAt: auctions.biddingEndsAt, seq: auctions.bidSeq }).from(auctions).where(inArray(auctions.id, ids));
}
