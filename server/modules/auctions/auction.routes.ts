import { IdParams } from '../../../shared/schemas/common';
import {
  AuctionList,
  AuctionListQuery,
  AuctionSettingsBody,
  AuctionView,
  PublicAuctionList,
  PublicAuctionQuery,
  PublicAuctionView,
  RelistBody,
  ResumeAuctionBody,
  SuspendAuctionBody,
  WithdrawAuctionBody,
} from '../../../shared/schemas/auctions';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import { approveAuction } from './approve-auction';
import { auctionForCourt, courtAuctions, publicAuctionList, publicAuctionPage } from './auction-queries';
import { toAuctionView } from './auction-view';
import { draftAuction } from './draft-auction';
import { relistAuction } from './relist-auction';
import { resumeAuction } from './resume-auction';
import { startFixedPriceSale } from './start-fixed-price-sale';
import { suspendAuction } from './suspend-auction';
import { updateAuctionSettings } from './update-auction';
import { withdrawAuction } from './withdraw-auction';

const STAFF = ['judge', 'clerk'] as const;
const READERS = ['judge', 'clerk', 'admin'] as const;
const JUDGES = ['judge'] as const;
const RULES =
  'Refused with AUCTION_RULE_VIOLATION (422) listing every violation in `details.violations` ({ code, field, article, message, figures }): starting price ≥ 70 % of the reference price (网拍 Art. 10); deposit 5 %–20 % of it (Art. 17); increment positive, ≤ 10 % of it (Art. 20); announcement not in a past day and ≥ 15 days (movables) / 30 days (real estate, property rights) before bidding (Art. 12); bidding ≥ 24 h (Art. 20); balance due 10–30 days after the sale (Art. 25); every disclosure of Art. 13; priority ranks from 1 (Art. 19); the panel an odd number ≥ 3 of the court\'s judges (Art. 27); first announcement within the reference price\'s validity and the sale within 6 months after it (参考价 Art. 27). Nothing is saved.';

export function auctionRoutes(api: Api, ctx: AppContext): void {
  api.route({
    method: 'post',
    path: '/api/measures/:id/auctions',
    tag: 'auctions',
    summary: 'Draft an auction of the asset under a measure in force (网络司法拍卖)',
    description: `The measure must be in force, on an asset that is not money, in an open case of the user's court, with a valid reference price (参考价). ${RULES}`,
    auth: STAFF,
    params: IdParams,
    body: AuctionSettingsBody,
    response: AuctionView,
    status: 201,
    errors: ['NOT_FOUND', 'CASE_NOT_OPEN', 'MEASURE_NOT_IN_FORCE', 'ASSET_NOT_AUCTIONABLE', 'REFERENCE_PRICE_REQUIRED', 'AUCTION_EXISTS', 'AUCTION_RULE_VIOLATION'],
    handler: async ({ params, body, actor }) => toAuctionView(ctx.db, await draftAuction(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'get',
    path: '/api/auctions',
    tag: 'auctions',
    summary: 'The court\'s auctions, in every state',
    auth: STAFF,
    query: AuctionListQuery,
    response: AuctionList,
    errors: ['NOT_FOUND'],
    handler: async ({ query, actor }) => courtAuctions(ctx, actor, query),
  });

  api.route({
    method: 'get',
    path: '/api/auctions/:id',
    tag: 'auctions',
    summary: 'An auction as its court sees it: settings, panel and approvals, state',
    auth: READERS,
    params: IdParams,
    response: AuctionView,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => auctionForCourt(ctx, actor, params.id),
  });

  api.route({
    method: 'put',
    path: '/api/auctions/:id',
    tag: 'auctions',
    summary: 'Replace the settings of a draft or approved auction',
    description: `An approved auction goes back to draft and the panel's approvals lapse. Once announced, an auction cannot be edited (AUCTION_NOT_EDITABLE), only withdrawn. ${RULES}`,
    auth: STAFF,
    params: IdParams,
    body: AuctionSettingsBody,
    response: AuctionView,
    errors: ['NOT_FOUND', 'AUCTION_NOT_EDITABLE', 'CASE_NOT_OPEN', 'MEASURE_NOT_IN_FORCE', 'REFERENCE_PRICE_REQUIRED', 'AUCTION_RULE_VIOLATION', 'CONFLICT'],
    handler: async ({ params, body, actor }) => toAuctionView(ctx.db, await updateAuctionSettings(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/auctions/:id/approve',
    tag: 'auctions',
    summary: 'A panel member approves the settings (合议庭评议, 网拍 Art. 27)',
    description:
      'Only a member of the auction\'s panel with approval rights (PANEL_MEMBER_REQUIRED, FORBIDDEN). Approved when a majority of the panel has approved the current version; so the drafting judge alone never suffices. The rules are checked again (a date may have passed); REFERENCE_PRICE_CHANGED when the reference price was fixed anew since.',
    auth: STAFF,
    params: IdParams,
    response: AuctionView,
    errors: ['NOT_FOUND', 'PANEL_MEMBER_REQUIRED', 'AUCTION_ALREADY_APPROVED', 'AUCTION_WRONG_STATE', 'AUCTION_RULE_VIOLATION', 'REFERENCE_PRICE_REQUIRED', 'REFERENCE_PRICE_CHANGED', 'MEASURE_NOT_IN_FORCE', 'CASE_NOT_OPEN'],
    handler: async ({ params, actor }) => toAuctionView(ctx.db, await approveAuction(ctx, actor, params.id)),
  });

  api.route({
    method: 'post',
    path: '/api/auctions/:id/relist',
    tag: 'auctions',
    summary: 'Relist an unsold first auction (再次拍卖, 网拍 Art. 26)',
    description: `A new draft, round 2, linked to the unsold one: bidding starting within 30 days of the failure (RELIST_TOO_LATE), the starting price cut by at most 20 % (RELIST_CUT_TOO_DEEP), announced ≥ 7 days (movables) / 15 days (real estate, property rights) ahead; title, description, disclosures, priority holders, panel and balance period default to the unsold auction's. The panel approves it as any draft. After a second failure: RELIST_NOT_ALLOWED (fixed-price sale instead). ${RULES}`,
    auth: STAFF,
    params: IdParams,
    body: RelistBody,
    response: AuctionView,
    status: 201,
    errors: ['NOT_FOUND', 'RELIST_NOT_ALLOWED', 'AUCTION_EXISTS', 'MEASURE_NOT_IN_FORCE', 'CASE_NOT_OPEN', 'AUCTION_RULE_VIOLATION'],
    handler: async ({ params, body, actor }) => toAuctionView(ctx.db, await relistAuction(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/auctions/:id/fixed-price-sale',
    tag: 'auctions',
    summary: 'Sell at a fixed price after the second failure (变卖, 网拍 Art. 26 para 2)',
    description:
      'Only an unsold second auction: at its starting price, for 60 days from now, published at once; the first buyer to pay in full takes it. Within 6 months after the reference price\'s validity (参考价 Art. 27). Violations as AUCTION_RULE_VIOLATION.',
    auth: JUDGES,
    params: IdParams,
    response: AuctionView,
    errors: ['NOT_FOUND', 'AUCTION_RULE_VIOLATION', 'MEASURE_NOT_IN_FORCE', 'CASE_NOT_OPEN'],
    handler: async ({ params, actor }) => toAuctionView(ctx.db, await startFixedPriceSale(ctx, actor, params.id)),
  });

  api.route({
    method: 'post',
    path: '/api/auctions/:id/suspend',
    tag: 'auctions',
    summary: 'Suspend an announced, live or fixed-price auction (暂缓/中止, 网拍 Art. 28)',
    description: 'The reason is published. The scheduled steps leave it alone until it is resumed or withdrawn.',
    auth: JUDGES,
    params: IdParams,
    body: SuspendAuctionBody,
    response: AuctionView,
    errors: ['NOT_FOUND', 'AUCTION_WRONG_STATE'],
    handler: async ({ params, body, actor }) => toAuctionView(ctx.db, await suspendAuction(ctx, actor, params.id, body.reason)),
  });

  api.route({
    method: 'post',
    path: '/api/auctions/:id/resume',
    tag: 'auctions',
    summary: 'Resume a suspended auction within 5 days after the cause ended (网拍 Art. 28)',
    description:
      'The schedule shifts by the time suspended: whatever was still ahead at the suspension (bidding start, end, end of a fixed-price sale) moves by (now − suspendedAt). Later than the 5th day after `causeEndedAt`: AUCTION_RULE_VIOLATION RESUME_TOO_LATE (withdraw and auction anew).',
    auth: JUDGES,
    params: IdParams,
    body: ResumeAuctionBody,
    response: AuctionView,
    errors: ['NOT_FOUND', 'AUCTION_WRONG_STATE', 'AUCTION_RULE_VIOLATION'],
    handler: async ({ params, body, actor }) => toAuctionView(ctx.db, await resumeAuction(ctx, actor, params.id, new Date(body.causeEndedAt))),
  });

  api.route({
    method: 'post',
    path: '/api/auctions/:id/withdraw',
    tag: 'auctions',
    summary: 'Withdraw an auction (撤回), with the reason',
    description: 'From any state but sold, withdrawn and a finished fixed-price sale. The reason is published once the auction was announced.',
    auth: JUDGES,
    params: IdParams,
    body: WithdrawAuctionBody,
    response: AuctionView,
    errors: ['NOT_FOUND', 'AUCTION_WRONG_STATE'],
    handler: async ({ params, body, actor }) => toAuctionView(ctx.db, await withdrawAuction(ctx, actor, params.id, body.reason)),
  });

  api.route({
    method: 'get',
    path: '/api/public/auctions',
    tag: 'public auctions',
    summary: 'Published auctions: list and search (no login)',
    description:
      'Only auctions that have been announced (drafts and approved ones never). Filters: `status`, `assetKind`, `city` (part of the name), `q` (title, description, case number), `minPrice`/`maxPrice` (starting price), `from`/`to` (bidding start). Newest bidding start first.',
    auth: 'public',
    query: PublicAuctionQuery,
    response: PublicAuctionList,
    handler: async ({ query }) => publicAuctionList(ctx, query),
  });

  api.route({
    method: 'get',
    path: '/api/public/auctions/:id',
    tag: 'public auctions',
    summary: 'The public page of an auction (no login)',
    description:
      'The announcement and special notices, the disclosures of 网拍 Art. 13, the reference and starting prices, deposit, increment, schedule, state, and `serverNow`. An unpublished auction answers 404. Live changes: socket.io namespace `/public`, emit `watch` with `auction:<id>`, then `auction.updated` events carry this view.',
    auth: 'public',
    params: IdParams,
    response: PublicAuctionView,
    errors: ['NOT_FOUND'],
    handler: async ({ params }) => publicAuctionPage(ctx, params.id),
  });
}
