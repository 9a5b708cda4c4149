/** Registration and deposits, bids, and the sale after the end (网拍 Art. 17–26, 拍变 Art. 22, 竞买资格). */
import { z } from 'zod';
import { IsoDateTime, MoneyString, pageOf, Uuid } from './common';
import { PaymentView } from './payments';

export const RegisterForAuctionBody = z
  .strictObject({
    qualificationPledge: z
      .boolean()
      .optional()
      .meta({ description: '竞买资格 Art. 2: for real estate the bidder pledges to hold the purchase qualification and accepts the consequences; required (true) for real estate' }),
  })
  .meta({ id: 'RegisterForAuction' });
export type RegisterForAuctionBody = z.infer<typeof RegisterForAuctionBody>;

export const DEPOSIT_STATES = ['unpaid', 'held', 'applied', 'forfeited', 'refunded'] as const;

export const RegistrationView = z
  .object({
    id: Uuid,
    auctionId: Uuid,
    bidderCode: z.string().nullable().meta({ description: '竞买代码 (网拍 Art. 18): given once the deposit is confirmed; unique to this auction, random, not linkable to the bidder\'s codes elsewhere. A priority code starts with P and the rank (网拍 Art. 19)', example: 'K7Q2MX' }),
    priorityRank: z.number().int().nullable().meta({ description: 'The rank of a court-confirmed priority-right holder (网拍 Art. 19, 21); null for other bidders' }),
    status: z.enum(['awaiting_deposit', 'qualified']).meta({ description: 'qualified (取得竞买资格) once the deposit is confirmed (网拍 Art. 18)' }),
    deposit: z.object({
      amount: MoneyString,
      state: z.enum(DEPOSIT_STATES).meta({ description: 'unpaid; held in escrow; applied to the price (the buyer, 网拍 Art. 25); forfeited (reneging, Art. 24); refunded (requested or done, see payment.refund; Art. 23)' }),
      payment: PaymentView.nullable(),
    }),
    registeredAt: IsoDateTime,
    qualifiedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'AuctionRegistration' });
export type RegistrationView = z.infer<typeof RegistrationView>;

export const MyAuction = RegistrationView.extend({
  auction: z.object({
    id: Uuid,
    title: z.string(),
    status: z.string().meta({ description: 'The auction\'s state (AuctionStatus)' }),
    biddingStartsAt: IsoDateTime,
    biddingEndsAt: IsoDateTime,
  }),
  sale: z
    .object({ status: z.enum(['awaiting_balance', 'paid', 'reneged']), balanceDueAt: IsoDateTime.nullable() })
    .nullable()
    .meta({ description: 'Set when this bidder bought the asset: the balance and its deadline are then on GET /api/auctions/{id}/sale' }),
}).meta({ id: 'MyAuction' });
export type MyAuction = z.infer<typeof MyAuction>;

export const PlaceBidBody = z
  .strictObject({
    amount: MoneyString.meta({ description: 'The first bid at least the starting price; then the leading amount plus a whole number of increments (a priority-right holder may match the leading amount; 网拍 Art. 20, 21)' }),
    clientBidId: z
      .string()
      .regex(/^[\w-]{1,64}$/)
      .optional()
      .meta({ description: 'The client\'s own id of this bid (or the Idempotency-Key header): the same id again returns the first result and bids nothing' }),
  })
  .meta({ id: 'PlaceBid' });

export const SetProxyBody = z.strictObject({ max: MoneyString.meta({ description: 'The hidden maximum: at least the least bid allowed now (or, for the leader, their leading amount)' }) }).meta({ id: 'SetProxy' });

export const PublicBid = z
  .object({
    seq: z.number().int().meta({ description: 'The bid\'s number in this auction, from 1' }),
    bidderCode: z.string(),
    priority: z.boolean().meta({ description: 'Made with a priority code (网拍 Art. 19)' }),
    amount: MoneyString,
    at: IsoDateTime.meta({ description: 'The server\'s receipt time (网拍 Art. 20 para 2)' }),
    auto: z.boolean().meta({ description: 'Placed by the engine for the bidder\'s proxy maximum (代理出价)' }),
  })
  .meta({ id: 'PublicBid' });

export const BidAck = z
  .object({
    seq: z.number().int().meta({ description: 'The bid\'s number (for a proxy maximum that caused no bid: the auction\'s last bid number)' }),
    bidderCode: z.string().nullable(),
    priority: z.boolean(),
    amount: MoneyString.nullable().meta({ description: 'The bid; for a proxy maximum, the last bid it placed now (null: none was needed)' }),
    at: IsoDateTime.nullable(),
    auto: z.boolean(),
    leading: z.boolean(),
    biddingEndsAt: IsoDateTime.meta({ description: 'The end after this bid (moved to bid time + 5 min by a bid in the last 5 minutes, 网拍 Art. 20)' }),
    extended: z.boolean(),
    replayed: z.boolean().meta({ description: 'The same client bid id was decided before: this is its first result, and nothing new was bid' }),
    price: MoneyString.nullable().meta({ description: 'The leading amount now' }),
    leaderCode: z.string().nullable(),
    serverNow: IsoDateTime,
    proxyMax: MoneyString.optional().meta({ description: 'The proxy maximum now in force (proxy only)' }),
  })
  .meta({ id: 'BidAck' });

export const PublicBidLog = z
  .object({
    auctionId: Uuid,
    status: z.string(),
    startingPrice: MoneyString,
    increment: MoneyString,
    leading: PublicBid.nullable(),
    nextMinimum: MoneyString.meta({ description: 'The least amount an ordinary bidder may bid now' }),
    biddingEndsAt: IsoDateTime,
    bids: z.array(PublicBid).meta({ description: 'The whole bid log, by bidder codes only, newest first (网拍 Art. 20 para 3)' }),
    serverNow: IsoDateTime,
  })
  .meta({ id: 'PublicBidLog' });

export const SaleView = z
  .object({
    auctionId: Uuid,
    kind: z.enum(['auction', 'fixed_price']),
    status: z.enum(['awaiting_balance', 'paid', 'reneged']),
    bidderCode: z.string().nullable(),
    price: MoneyString,
    depositApplied: MoneyString.meta({ description: 'The buyer\'s deposit, moved to the court account and counted toward the price (网拍 Art. 25)' }),
    balance: MoneyString,
    balanceDueAt: IsoDateTime.nullable().meta({ description: 'The end of the period the announcement gave for the balance (网拍 Art. 25)' }),
    confirmationLetterUrl: z.string(),
    ruling: z.object({ no: z.string(), at: IsoDateTime }).nullable().meta({ description: 'The sale ruling (拍卖成交裁定), once the price is paid in full' }),
    renegedAt: IsoDateTime.nullable(),
    forfeiture: z
      .object({ deposit: MoneyString, costs: MoneyString, shortfall: MoneyString, debts: MoneyString, settledAt: IsoDateTime, resaleAuctionId: Uuid.nullable().meta({ description: 'The resale the shortfall was measured against (sold and paid), or the one that ended the line unsold or withdrawn (no shortfall)' }) })
      .nullable()
      .meta({ description: '网拍 Art. 24: the forfeited deposit applied to costs, then the resale shortfall, then the debtor\'s debts' }),
    payment: PaymentView.nullable().meta({ description: 'The buyer\'s balance (or full-price) payment; only the buyer sees it' }),
  })
  .meta({ id: 'AuctionSale' });
export type SaleView = z.infer<typeof SaleView>;

export const ConfirmationLetterSummary = z
  .object({
    auctionId: Uuid,
    title: z.string(),
    courtName: z.string(),
    caseNo: z.string(),
    buyerName: z.string(),
    price: MoneyString,
    issuedAt: IsoDateTime,
    url: z.string().meta({ description: 'The printable letter (text/html)' }),
  })
  .meta({ id: 'ConfirmationLetterSummary', description: '成交确认书, published with the buyer\'s real identity (网拍 Art. 22)' });

export const ConfirmationLetterList = pageOf(ConfirmationLetterSummary, 'ConfirmationLetterList');

export const SettleForfeitureBody = z
  .strictObject({ costs: MoneyString.meta({ description: 'The costs and losses the auction caused (拍卖产生的费用损失), paid first from the forfeited deposit (网拍 Art. 24)' }) })
  .meta({ id: 'SettleForfeiture' });
