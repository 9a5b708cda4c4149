import type { AuctionList, AuctionView, PublicAuctionQuery, PublicAuctionView } from '../../../shared/schemas/auctions';
import { formatMoney } from '../../../shared/money';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { listCourts } from '../courts';
import { caseVisibleTo } from '../cases';
import { auctionVisibleTo, requireStaff } from './auction-access';
import { isPublic, toAuctionView, toAuctionViews, toPublicAuctionView } from './auction-view';
import { auctionById, auctionsOfCourt, publicAuctions, publishedAuctionsOfCase } from './auction.store';
import { leadingBidOf, saleOf } from './bidding.store';
import type { Db } from '../../platform/db/database';
import type { z } from 'zod';
import type { PublicAuctionList } from '../../../shared/schemas/auctions';
import type { AuctionStatus } from '../../../shared/auction-rules';

/** One auction, as its court sees it. */
export async function auctionForCourt(ctx: AppContext, actor: Actor, id: string): Promise<AuctionView> {
  return toAuctionView(ctx.db, await auctionVisibleTo(ctx.db, actor, id));
}

/** The court's auctions, newest first, in every state; filtered by state or case. */
export async function courtAuctions(
  ctx: AppContext,
  actor: Actor,
  query: { status?: AuctionStatus | undefined; caseId?: string | undefined; page: number; pageSize: number },
): Promise<z.input<typeof AuctionList>> {
  requireStaff(actor);
  if (query.caseId) await caseVisibleTo(ctx.db, actor, query.caseId);
  const { rows, total } = await auctionsOfCourt(ctx.db, actor.courtId!, query, query.page, query.pageSize);
  return { items: await toAuctionViews(ctx.db, rows), total, page: query.page, pageSize: query.pageSize };
}

/** Published auctions for anyone, searched and paged (drafts and approved ones never appear). */
export async function publicAuctionList(ctx: AppContext, query: PublicAuctionQuery): Promise<z.input<typeof PublicAuctionList>> {
  const { rows, total } = await publicAuctions(
    ctx.db,
    { ...query, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined },
    query.page,
    query.pageSize,
  );
  const courts = new Map((await listCourts(ctx.db)).map((c) => [c.id, c.name]));
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      city: r.city,
      assetKind: r.assetKind as PublicAuctionView['assetKind'],
      status: r.status as PublicAuctionView['status'],
      round: r.round,
      courtName: courts.get(r.courtId) ?? '',
      referencePrice: formatMoney(r.referencePrice),
      startingPrice: formatMoney(r.startingPrice),
      deposit: formatMoney(r.deposit),
      fixedPrice: r.fixedPrice ? formatMoney(r.fixedPrice) : null,
      announcedAt: r.announcedAt!.toISOString(),
      biddingStartsAt: r.biddingStartsAt.toISOString(),
      biddingEndsAt: r.biddingEndsAt.toISOString(),
      photo: r.disclosures.photos?.[0] ?? null,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The public page of a published auction; an unpublished or unknown one answers 404. */
export async function publicAuctionPage(ctx: AppContext, id: string): Promise<PublicAuctionView> {
  const row = await auctionById(ctx.db, id);
  if (!row || !isPublic(row)) throw notFound('auction', '拍卖');
  return toPublicAuctionView(ctx.db, row, ctx.clock.now());
}


/** A published auction of a case as its parties see it: no bidder, no buyer, only the public figures. */
export interface PartyAuction {
  id: string;
  title: string;
  status: AuctionStatus;
  round: number;
  startingPrice: string;
  /** The leading bid while live, the sale price once sold; null when there is none. */
  currentPrice: string | null;
  salePrice: string | null;
  biddingStartsAt: string;
  biddingEndsAt: string;
}

/** The case's published auctions with their public figures (the caller checked who may know). */
export async function partyAuctionsOfCase(db: Db, caseId: string): Promise<PartyAuction[]> {
  const rows = await publishedAuctionsOfCase(db, caseId);
  return Promise.all(
    rows.map(async (a) => {
      const [sale, leading] = await Promise.all([saleOf(db, a.id), leadingBidOf(db, a.id)]);
      return {
        id: a.id,
        title: a.title,
        status: a.status,
        round: a.round,
        startingPrice: formatMoney(a.startingPrice),
        currentPrice: sale ? formatMoney(sale.price) : leading ? formatMoney(leading.amount) : null,
        salePrice: sale && sale.status !== 'reneged' ? formatMoney(sale.price) : null,
        biddingStartsAt: a.biddingStartsAt.toISOString(),
        biddingEndsAt: a.biddingEndsAt.toISOString(),
      };
    }),
  );
}
