import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { AUCTION_STATUSES, type Disclosures, type PriorityHolder } from '../../../shared/auction-rules';

/**
 * Online judicial auctions (网络司法拍卖) of one seized asset. Case, court, measure, asset and valuation are referenced by
 * id only (modules do not share tables); what the announcement shows of them is copied when the draft is made. A
 * relisting (round 2) is a new row linked to the unsold one; the fixed-price sale (变卖) after the second failure is a
 * state of the second round's row.
 */
export const auctions = pgTable(
  'auctions',
  {
    id: uuid('id').primaryKey(),
    courtId: uuid('court_id').notNull(),
    caseId: uuid('case_id').notNull(),
    caseNo: text('case_no').notNull(),
    measureId: uuid('measure_id').notNull(),
    assetId: uuid('asset_id').notNull(),
    assetKind: text('asset_kind').notNull(),
    assetIdentifier: text('asset_identifier').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    city: text('city').notNull(),
    /** 1: first auction; 2: relisting after an unsold first (网拍 Art. 26). */
    round: integer('round').notNull(),
    previousAuctionId: uuid('previous_auction_id'),
    status: text('status', { enum: AUCTION_STATUSES }).notNull(),
    /** Bumped by every edit: panel approvals count only for the version they approved. */
    version: integer('version').notNull(),
    /** Bumped by every change pushed to clients, so a client that missed an event can tell. */
    seq: integer('seq').notNull(),
    // The reference price (参考价) the settings rest on, as the valuation fixed it.
    valuationId: uuid('valuation_id').notNull(),
    referenceMethod: text('reference_method').notNull(),
    referencePrice: numeric('reference_price', { precision: 18, scale: 2 }).notNull(),
    referenceFixedAt: timestamp('reference_fixed_at', { withTimezone: true }).notNull(),
    referenceValidUntil: timestamp('reference_valid_until', { withTimezone: true }).notNull(),
    // The court's settings (网拍 Art. 10, 12, 17, 20, 25, 27).
    startingPrice: numeric('starting_price', { precision: 18, scale: 2 }).notNull(),
    deposit: numeric('deposit', { precision: 18, scale: 2 }).notNull(),
    increment: numeric('increment', { precision: 18, scale: 2 }).notNull(),
    announcementAt: timestamp('announcement_at', { withTimezone: true }).notNull(),
    biddingStartsAt: timestamp('bidding_starts_at', { withTimezone: true }).notNull(),
    /** The current end: moved by a suspension, and by bids in the last 5 minutes (网拍 Art. 20). */
    biddingEndsAt: timestamp('bidding_ends_at', { withTimezone: true }).notNull(),
    /** Proxy bidding (代理出价) allowed in this auction: a court's choice, off by default. */
    proxyBidding: boolean('proxy_bidding').notNull().default(false),
    /** The number of the last bid (auction_bids.seq); every live event carries it. */
    bidSeq: integer('bid_seq').notNull().default(0),
    /** The bid that leads now (网拍 Art. 21 order), kept with the row the bids lock. */
    leadingBidId: uuid('leading_bid_id'),
    balanceDueDays: integer('balance_due_days').notNull(),
    disclosures: jsonb('disclosures').$type<Disclosures>().notNull(),
    priorityHolders: jsonb('priority_holders').$type<PriorityHolder[]>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    announcedAt: timestamp('announced_at', { withTimezone: true }),
    /** When the first auction of this asset's line was announced (参考价 Art. 27 counts from it). */
    firstAnnouncedAt: timestamp('first_announced_at', { withTimezone: true }),
    liveAt: timestamp('live_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    // Suspension (暂缓/中止, 网拍 Art. 28).
    suspendedFrom: text('suspended_from', { enum: AUCTION_STATUSES }),
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    suspensionReason: text('suspension_reason'),
    resumedAt: timestamp('resumed_at', { withTimezone: true }),
    // Withdrawal (撤回).
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawalReason: text('withdrawal_reason'),
    // Fixed-price sale (变卖) after the second failure (网拍 Art. 26 para 2).
    fixedPrice: numeric('fixed_price', { precision: 18, scale: 2 }),
    fixedPriceStartsAt: timestamp('fixed_price_starts_at', { withTimezone: true }),
    fixedPriceEndsAt: timestamp('fixed_price_ends_at', { withTimezone: true }),
  },
  (t) => [
    index('auctions_court').on(t.courtId, t.createdAt),
    index('auctions_case').on(t.caseId),
    index('auctions_status_announce').on(t.status, t.announcementAt),
    index('auctions_status_start').on(t.status, t.biddingStartsAt),
    index('auctions_status_end').on(t.status, t.biddingEndsAt),
    index('auctions_public').on(t.announcedAt, t.biddingStartsAt),
    // One auction at a time per asset: a second draft of the same asset is refused, not duplicated.
    uniqueIndex('auctions_one_active_per_asset')
      .on(t.assetId)
      .where(sql`status in ('draft', 'approved', 'announced', 'live', 'suspended', 'fixed_price_sale')`),
    // One relisting per unsold auction (a withdrawn relisting draft frees the place).
    uniqueIndex('auctions_one_relist').on(t.previousAuctionId).where(sql`previous_auction_id is not null and status <> 'withdrawn'`),
    check('auctions_round', sql`${t.round} between 1 and 2`),
    check('auctions_amounts_positive', sql`${t.startingPrice} > 0 and ${t.deposit} > 0 and ${t.increment} > 0 and ${t.referencePrice} > 0`),
    check('auctions_window', sql`${t.biddingEndsAt} > ${t.biddingStartsAt}`),
  ],
);

/** The collegial panel (合议庭) that decides the auction's settings (网拍 Art. 27): three or more judges of the court. */
export const auctionPanelMembers = pgTable(
  'auction_panel_members',
  {
    auctionId: uuid('auction_id')
      .notNull()
      .references(() => auctions.id),
    userId: uuid('user_id').notNull(),
    /** Order in which the members were named; the first presides (审判长). */
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.auctionId, t.userId] })],
);

/** A panel member's approval of one version of the settings; an edit makes a new version and voids the old approvals. */
export const auctionApprovals = pgTable(
  'auction_approvals',
  {
    auctionId: uuid('auction_id')
      .notNull()
      .references(() => auctions.id),
    version: integer('version').notNull(),
    userId: uuid('user_id').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.auctionId, t.version, t.userId] })],
);
