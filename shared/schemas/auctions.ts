/** Online judicial auctions (网络司法拍卖): the court's settings, the panel's approval, the lifecycle, the public pages. */
import { z } from 'zod';
import { AUCTION_STATUSES, AUCTIONABLE_KINDS, PUBLIC_STATUSES, TAX_BEARERS } from '../auction-rules';
import { IsoDateTime, MoneyString, PageQuery, pageOf, Uuid } from './common';

const Instant = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 timestamp with offset', example: '2027-01-05T02:00:00.000Z' });
const Reason = z.string().trim().min(2).max(500);
const Text = (max: number) => z.string().trim().max(max);

export const AuctionStatus = z.enum(AUCTION_STATUSES).meta({
  id: 'AuctionStatus',
  description:
    'draft → approved (by the panel) → announced → live → sold | unsold; suspended (网拍 Art. 28), withdrawn; after an unsold second round, fixed_price_sale (变卖, 60 days) → fixed_price_unsold when nobody paid, or sold to the first full payment; sold → reneged when the buyer does not pay the balance in time (悔拍, 网拍 Art. 24; the asset may then be auctioned anew)',
});
export const AuctionableKind = z.enum(AUCTIONABLE_KINDS).meta({ id: 'AuctionableKind' });

/**
 * The disclosures of 网拍 Art. 13. Each item is optional in the schema so that a missing one is refused with its
 * article (AUCTION_RULE_VIOLATION, code DISCLOSURE_MISSING) rather than as a bare "required".
 */
export const DisclosuresBody = z
  .strictObject({
    basis: Text(500).optional().meta({ description: '13(2): the legal document enforced (执行依据)', example: '（2026）京0105民初100号民事判决书' }),
    reportRef: Text(500).optional().meta({ description: '13(3): the appraisal report or the pricing basis', example: '当事人议价结果（参考价）' }),
    rules: Text(5000).optional().meta({ description: '13(4): the bidding rules', example: '增价拍卖，竞价时间24小时，最后5分钟内有出价的顺延5分钟' }),
    photos: z.array(z.string().trim().min(1).max(500)).max(50).optional().meta({ description: '13(5): photo or video URLs or stored ids; at least one' }),
    encumbrances: Text(5000).optional().meta({ description: '13(5), 14(3): ownership, occupation, known defects and encumbrances; "无" when none is known' }),
    priorityRights: Text(2000).optional().meta({ description: '13(6), 13(7): priority-right holders, the nature of their rights, and the notices given' }),
    taxes: Text(2000).optional().meta({ description: '13(9): taxes the transfer may cause' }),
    taxBearer: z.enum(TAX_BEARERS).optional().meta({ description: '13(9), 网拍 Art. 30: who bears the taxes: by_law (each as the law says), buyer, debtor' }),
    courtAccount: Text(200).optional().meta({ description: '13(8): the court account for the deposit and the price' }),
  })
  .meta({ id: 'AuctionDisclosures' });
export type DisclosuresBody = z.infer<typeof DisclosuresBody>;

export const PriorityHolderBody = z
  .strictObject({
    name: z.string().trim().min(2).max(100),
    right: z.string().trim().min(2).max(100).meta({ description: 'The nature of the right, e.g. 共有人, 承租人, 股东', example: '共有人' }),
    rank: z.number().int().meta({ description: '1 = first in order (网拍 Art. 19, 21); holders of the same order share a rank', example: 1 }),
  })
  .meta({ id: 'PriorityHolder' });

const settingsShape = {
  title: z.string().trim().min(2).max(100).meta({ example: '北京市朝阳区某小区1号楼101室' }),
  description: z.string().trim().min(2).max(5000),
  city: z.string().trim().min(2).max(20).optional().meta({ description: 'Where the asset is; defaults to the court\'s city', example: '北京市' }),
  startingPrice: MoneyString.meta({ description: '起拍价 = reserve price: ≥ 70 % of the reference price (网拍 Art. 10); a relisting: at most 20 % below the previous (网拍 Art. 26)' }),
  deposit: MoneyString.meta({ description: '保证金: 5 %–20 % of the starting price (网拍 Art. 17)' }),
  increment: MoneyString.meta({ description: '加价幅度: set by the court (网拍 Art. 20); positive and at most 10 % of the starting price' }),
  announcementAt: Instant.meta({ description: 'When the announcement is published: not a past day; ≥ 15 days (movables) / 30 days (real estate, property rights) before bidding (网拍 Art. 12); a relisting 7/15 (Art. 26). Within the reference price\'s validity (参考价 Art. 27)' }),
  biddingStartsAt: Instant,
  biddingEndsAt: Instant.meta({ description: 'At least 24 hours after the start (网拍 Art. 20)' }),
  balanceDueDays: z.number().int().meta({ description: 'Days after the sale for the balance, stated in the announcement (网拍 Art. 25): 10–30', example: 15 }),
  proxyBidding: z.boolean().default(false).meta({ description: 'Allow proxy bidding (代理出价): a bidder may leave a hidden maximum the engine bids up to for them' }),
  disclosures: DisclosuresBody,
  priorityHolders: z.array(PriorityHolderBody).max(20).default([]),
  panel: z
    .array(Uuid)
    .min(1)
    .max(9)
    .meta({ description: 'The collegial panel (合议庭, 网拍 Art. 27): an odd number, at least 3, of judges of the court; the first presides' }),
};

export const AuctionSettingsBody = z.strictObject(settingsShape).meta({ id: 'AuctionSettings' });
export type AuctionSettingsBody = z.infer<typeof AuctionSettingsBody>;

/** A relisting: the new prices and dates; what is left out is taken from the unsold auction. */
export const RelistBody = z
  .strictObject({
    ...settingsShape,
    title: settingsShape.title.optional(),
    description: settingsShape.description.optional(),
    disclosures: DisclosuresBody.optional(),
    priorityHolders: z.array(PriorityHolderBody).max(20).optional(),
    panel: settingsShape.panel.optional(),
    balanceDueDays: settingsShape.balanceDueDays.optional(),
    proxyBidding: z.boolean().optional(),
  })
  .meta({ id: 'RelistAuction' });
export type RelistBody = z.infer<typeof RelistBody>;

export const SuspendAuctionBody = z.strictObject({ reason: Reason.meta({ description: 'Why the court suspends (暂缓/中止, 网拍 Art. 28); published', example: '案外人提出执行异议' }) });
export const ResumeAuctionBody = z.strictObject({
  causeEndedAt: Instant.meta({ description: 'When the cause of the suspension ended; resumption within 5 days of it (网拍 Art. 28)' }),
});
export const WithdrawAuctionBody = z.strictObject({ reason: Reason.meta({ description: 'Why the auction is withdrawn (撤回); published once announced', example: '被执行人已履行完毕' }) });

const Person = z.object({ id: Uuid, displayName: z.string() });

export const ViolationView = z
  .object({
    code: z.string().meta({ example: 'STARTING_PRICE_TOO_LOW' }),
    field: z.string().meta({ example: 'startingPrice' }),
    article: z.string().meta({ example: '网拍 Art. 10' }),
    message: z.string(),
    figures: z.record(z.string(), z.string()),
  })
  .meta({ id: 'AuctionRuleViolation', description: 'AUCTION_RULE_VIOLATION answers with `details.violations`, a list of these' });

const ReferencePriceView = z.object({
  valuationId: Uuid,
  method: z.string(),
  amount: MoneyString,
  fixedAt: IsoDateTime,
  validUntil: IsoDateTime.meta({ description: 'The first announcement must come by then; the sale may go ahead up to 6 months after (参考价 Art. 27)' }),
});

const FixedPriceSaleView = z
  .object({ price: MoneyString, startsAt: IsoDateTime, endsAt: IsoDateTime })
  .meta({ id: 'FixedPriceSale', description: '变卖 at the second auction\'s starting price for 60 days; the first buyer to pay in full takes it' });

const DisclosuresView = z.object({
  basis: z.string(),
  reportRef: z.string(),
  rules: z.string(),
  photos: z.array(z.string()),
  encumbrances: z.string(),
  priorityRights: z.string(),
  taxes: z.string(),
  taxBearer: z.string(),
  courtAccount: z.string(),
});

const PriorityHolderView = z.object({ name: z.string(), right: z.string(), rank: z.number().int() });

export const AuctionView = z
  .object({
    id: Uuid,
    courtId: Uuid,
    caseId: Uuid,
    caseNo: z.string(),
    measureId: Uuid,
    assetId: Uuid,
    assetKind: AuctionableKind,
    assetIdentifier: z.string(),
    title: z.string(),
    description: z.string(),
    city: z.string(),
    round: z.number().int(),
    previousAuctionId: Uuid.nullable(),
    relistedAs: Uuid.nullable().meta({ description: 'The relisting of this unsold auction, if any' }),
    status: AuctionStatus,
    version: z.number().int().meta({ description: 'Bumped by every edit; approvals count for one version' }),
    seq: z.number().int().meta({ description: 'Bumped by every change pushed to clients' }),
    bidSeq: z.number().int().meta({ description: 'The number of the last bid (the live room\'s `seq`)' }),
    referencePrice: ReferencePriceView,
    startingPrice: MoneyString,
    deposit: MoneyString,
    increment: MoneyString,
    announcementAt: IsoDateTime,
    biddingStartsAt: IsoDateTime,
    biddingEndsAt: IsoDateTime,
    balanceDueDays: z.number().int(),
    proxyBidding: z.boolean(),
    disclosures: DisclosuresView,
    priorityHolders: z.array(PriorityHolderView),
    panel: z.object({
      members: z.array(Person.extend({ approved: z.boolean().meta({ description: 'Approved the current version' }) })),
      approvals: z.number().int(),
      needed: z.number().int().meta({ description: 'A majority of the panel' }),
    }),
    createdBy: Person,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    approvedAt: IsoDateTime.nullable(),
    announcedAt: IsoDateTime.nullable(),
    firstAnnouncedAt: IsoDateTime.nullable(),
    liveAt: IsoDateTime.nullable(),
    endedAt: IsoDateTime.nullable(),
    suspension: z.object({ from: AuctionStatus, at: IsoDateTime, reason: z.string() }).nullable(),
    resumedAt: IsoDateTime.nullable(),
    withdrawal: z.object({ at: IsoDateTime, reason: z.string() }).nullable(),
    fixedPriceSale: FixedPriceSaleView.nullable(),
    relistDeadline: IsoDateTime.nullable().meta({ description: 'An unsold first round: bidding of the relisting must start before this (网拍 Art. 26)' }),
  })
  .meta({ id: 'Auction', description: 'The court\'s view. Also pushed to the court\'s room as `auction.updated`' });
export type AuctionView = z.infer<typeof AuctionView>;

export const AuctionListQuery = PageQuery.extend({
  status: AuctionStatus.optional(),
  caseId: Uuid.optional(),
});

export const AuctionList = pageOf(AuctionView, 'AuctionList');

export const PublicAuctionSummary = z
  .object({
    id: Uuid,
    title: z.string(),
    city: z.string(),
    assetKind: AuctionableKind,
    status: z.enum(PUBLIC_STATUSES),
    round: z.number().int(),
    courtName: z.string(),
    referencePrice: MoneyString,
    startingPrice: MoneyString,
    deposit: MoneyString,
    fixedPrice: MoneyString.nullable(),
    announcedAt: IsoDateTime,
    biddingStartsAt: IsoDateTime,
    biddingEndsAt: IsoDateTime,
    photo: z.string().nullable(),
  })
  .meta({ id: 'PublicAuctionSummary' });

export const PublicAuctionQuery = PageQuery.extend({
  status: z.enum(PUBLIC_STATUSES).optional(),
  assetKind: AuctionableKind.optional(),
  city: z.string().trim().min(1).max(20).optional(),
  q: z.string().trim().min(1).max(50).optional().meta({ description: 'Words of the title, description or case number' }),
  minPrice: MoneyString.optional().meta({ description: 'Starting price at least' }),
  maxPrice: MoneyString.optional().meta({ description: 'Starting price at most' }),
  from: Instant.optional().meta({ description: 'Bidding starts at or after' }),
  to: Instant.optional().meta({ description: 'Bidding starts at or before' }),
});
export type PublicAuctionQuery = z.infer<typeof PublicAuctionQuery>;

export const PublicAuctionList = pageOf(PublicAuctionSummary, 'PublicAuctionList');

export const PublicAuctionView = z
  .object({
    id: Uuid,
    title: z.string(),
    description: z.string(),
    city: z.string(),
    assetKind: AuctionableKind,
    round: z.number().int(),
    previousAuctionId: Uuid.nullable(),
    status: z.enum(PUBLIC_STATUSES),
    seq: z.number().int().meta({ description: 'Bumped by every change pushed to clients' }),
    bidSeq: z.number().int().meta({ description: 'The number of the last bid (the live room\'s `seq`): every event of the room carries it' }),
    court: z.object({ name: z.string(), code: z.string() }),
    caseNo: z.string(),
    announcement: z.object({ publishedAt: IsoDateTime, text: z.string().meta({ description: 'The announcement (拍卖公告, 网拍 Art. 12 para 2) and the special notices (Art. 14)' }) }),
    disclosures: DisclosuresView,
    priorityHolders: z.array(PriorityHolderView).meta({ description: '13(6): who holds a priority right and its nature' }),
    referencePrice: z.object({ amount: MoneyString, method: z.string(), validUntil: IsoDateTime }),
    startingPrice: MoneyString,
    deposit: MoneyString,
    increment: MoneyString,
    proxyBidding: z.boolean().meta({ description: 'Proxy bidding (代理出价) allowed' }),
    schedule: z.object({
      announcedAt: IsoDateTime,
      biddingStartsAt: IsoDateTime,
      biddingEndsAt: IsoDateTime,
      balanceDueDays: z.number().int(),
      endedAt: IsoDateTime.nullable(),
    }),
    fixedPriceSale: FixedPriceSaleView.nullable(),
    suspension: z.object({ since: IsoDateTime, reason: z.string() }).nullable(),
    withdrawal: z.object({ at: IsoDateTime, reason: z.string() }).nullable(),
    serverNow: IsoDateTime.meta({ description: 'The server\'s time, for countdowns (the server owns time)' }),
  })
  .meta({ id: 'PublicAuction', description: 'The public auction page. Pushed to the room `auction:<id>` of the `/public` socket.io namespace as `auction.updated`' });
export type PublicAuctionView = z.infer<typeof PublicAuctionView>;
