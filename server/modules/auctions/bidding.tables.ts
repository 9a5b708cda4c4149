import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { DEPOSIT_STATES } from '../../../shared/schemas/bidding';
import { auctions } from './auction.tables';

/**
 * A bidder's registration for one auction (报名). The deposit is paid through the payments module; once the bank
 * confirms it, the bidder is qualified (取得竞买资格) and gets a bidder code (网拍 Art. 18): random, unique in this
 * auction, not derived from the user. A court-confirmed priority-right holder gets a priority code and rank (Art. 19).
 * `assetId` is copied so that a bidder who reneged on the asset is found and barred from its resale (Art. 24).
 */
export const auctionRegistrations = pgTable(
  'auction_registrations',
  {
    id: uuid('id').primaryKey(),
    auctionId: uuid('auction_id')
      .notNull()
      .references(() => auctions.id),
    assetId: uuid('asset_id').notNull(),
    userId: uuid('user_id').notNull(),
    bidderCode: text('bidder_code'),
    priorityRank: integer('priority_rank'),
    priorityHolder: text('priority_holder'),
    depositAmount: numeric('deposit_amount', { precision: 18, scale: 2 }).notNull(),
    depositState: text('deposit_state', { enum: DEPOSIT_STATES }).notNull(),
    /** 竞买资格 Art. 2: the bidder's pledge to hold the purchase qualification (real estate). */
    qualificationPledge: boolean('qualification_pledge').notNull(),
    /** The reference of the purchase-restriction check (real estate). */
    eligibilityRef: text('eligibility_ref'),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
    qualifiedAt: timestamp('qualified_at', { withTimezone: true }),
  },
  (t) => [
    unique('auction_registrations_once').on(t.auctionId, t.userId),
    unique('auction_registrations_code').on(t.auctionId, t.bidderCode),
    unique('auction_registrations_holder').on(t.auctionId, t.priorityHolder),
    index('auction_registrations_asset_user').on(t.assetId, t.userId),
    index('auction_registrations_user').on(t.userId, t.registeredAt),
  ],
);

/** The bid log (网拍 Art. 20 para 3: every bid kept and shown), numbered per auction from 1. */
export const auctionBids = pgTable(
  'auction_bids',
  {
    id: uuid('id').primaryKey(),
    auctionId: uuid('auction_id')
      .notNull()
      .references(() => auctions.id),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => auctionRegistrations.id),
    bidderCode: text('bidder_code').notNull(),
    priorityRank: integer('priority_rank'),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    /** The server's receipt time (网拍 Art. 20 para 2). */
    at: timestamp('at', { withTimezone: true }).notNull(),
    seq: integer('seq').notNull(),
    /** The bidder's own id of the bid: the same id again returns the first result and places nothing. */
    clientBidId: text('client_bid_id'),
    /** Placed by the engine for the bidder's proxy maximum (代理出价). */
    auto: boolean('auto').notNull().default(false),
  },
  (t) => [
    unique('auction_bids_seq').on(t.auctionId, t.seq),
    unique('auction_bids_client_id').on(t.registrationId, t.clientBidId),
    index('auction_bids_amount').on(t.auctionId, t.amount),
    check('auction_bids_amount_positive', sql`${t.amount} > 0`),
  ],
);

/**
 * A bidder's hidden maximum (代理出价), where the court enabled it: when outbid, the engine bids the least needed for
 * them, up to it. One per registration; setting it again replaces it (and its time, which breaks ties of equal maxima).
 */
export const auctionProxyBids = pgTable(
  'auction_proxy_bids',
  {
    registrationId: uuid('registration_id')
      .primaryKey()
      .references(() => auctionRegistrations.id),
    auctionId: uuid('auction_id')
      .notNull()
      .references(() => auctions.id),
    bidderCode: text('bidder_code').notNull(),
    max: numeric('max', { precision: 18, scale: 2 }).notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('auction_proxy_bids_auction').on(t.auctionId), check('auction_proxy_bids_max_positive', sql`${t.max} > 0`)],
);

export interface ForfeitureRecord {
  deposit: string;
  costs: string;
  shortfall: string;
  debts: string;
  settledAt: string;
  resaleAuctionId: string | null;
}

/**
 * The sale of an auction (成交): to the leading bid at the end, or to the first full payment in a fixed-price sale.
 * Holds the confirmation letter (成交确认书, 网拍 Art. 22) as issued, the balance and its deadline (Art. 25), and what
 * became of it: paid (the sale ruling) or reneged (Art. 24, 拍变 Art. 22).
 */
export const auctionSales = pgTable(
  'auction_sales',
  {
    auctionId: uuid('auction_id')
      .primaryKey()
      .references(() => auctions.id),
    kind: text('kind', { enum: ['auction', 'fixed_price'] }).notNull(),
    registrationId: uuid('registration_id'),
    buyerId: uuid('buyer_id').notNull(),
    bidderCode: text('bidder_code'),
    buyerName: text('buyer_name').notNull(),
    price: numeric('price', { precision: 18, scale: 2 }).notNull(),
    depositApplied: numeric('deposit_applied', { precision: 18, scale: 2 }).notNull(),
    balance: numeric('balance', { precision: 18, scale: 2 }).notNull(),
    balanceDueAt: timestamp('balance_due_at', { withTimezone: true }),
    status: text('status', { enum: ['awaiting_balance', 'paid', 'reneged'] }).notNull(),
    letterHtml: text('letter_html').notNull(),
    letterIssuedAt: timestamp('letter_issued_at', { withTimezone: true }).notNull(),
    rulingNo: text('ruling_no'),
    ruledAt: timestamp('ruled_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    renegedAt: timestamp('reneged_at', { withTimezone: true }),
    forfeiture: jsonb('forfeiture').$type<ForfeitureRecord>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('auction_sales_due').on(t.status, t.balanceDueAt), index('auction_sales_letter').on(t.letterIssuedAt)],
);
