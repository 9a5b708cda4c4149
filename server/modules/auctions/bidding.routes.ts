import { z } from 'zod';
import { BidAck, ConfirmationLetterList, MyAuction, PlaceBidBody, SetProxyBody, PublicBidLog, RegisterForAuctionBody, RegistrationView, SaleView, SettleForfeitureBody } from '../../../shared/schemas/bidding';
import { IdParams, PageQuery } from '../../../shared/schemas/common';
import { PaymentView } from '../../../shared/schemas/payments';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { Api } from '../../platform/http/api';
import { toPaymentView } from '../payments';
import type { BiddingDeps } from './bidder-checks';
import type { BidEngine, Decision } from './bid-engine';
import { confirmationLetter, confirmationLetters, myAuctions, myRegistration, publicBidLog, saleFor, toRegistrationView } from './bidding-queries';
import { buyAtFixedPrice } from './buy-at-fixed-price';
import { payBalance } from './pay-balance';
import { payDeposit } from './pay-deposit';
import { registerForAuction } from './register-for-auction';
import { settleForfeiture } from './settle-forfeiture';

const BIDDER = ['bidder'] as const;
const ELIGIBILITY =
  'Refused: BIDDER_NOT_VERIFIED (real name, 网拍 Art. 17); BIDDER_IS_COURT_STAFF (the bidder\'s verified ID number is recorded on a judge or clerk account of the enforcing court or an administrator account, 网拍 Art. 34); BIDDER_BARRED (reneged on this asset, 网拍 Art. 24, 拍变 Art. 22); for real estate QUALIFICATION_PLEDGE_REQUIRED (竞买资格 Art. 2) and PURCHASE_NOT_ELIGIBLE (the purchase-restriction check, 竞买资格 Art. 1). Nothing is changed.';

/** An Idempotency-Key header as a client bid id: absent, or letters, digits, - and _ (at most 64). */
function idempotencyKey(header: string | undefined): string | null {
  if (header === undefined || header === '') return null;
  if (!/^[\w-]{1,64}$/.test(header)) throw new AppError('VALIDATION_FAILED', 'Idempotency-Key 只能含字母、数字、-、_，至多64个字符 / Idempotency-Key: letters, digits, - and _, at most 64', { header: 'Idempotency-Key' });
  return header;
}

export function biddingRoutes(api: Api, ctx: AppContext, deps: BiddingDeps & { engine: BidEngine }): void {
  api.route({
    method: 'post',
    path: '/api/auctions/:id/registration',
    tag: 'bidding',
    summary: 'Register for a published auction (报名, 网拍 Art. 18)',
    description: `From the announcement until bidding ends (REGISTRATION_CLOSED otherwise); once per bidder (ALREADY_REGISTERED). A bidder whose verified name is a priority-right holder the court confirmed registers with that holder's rank (网拍 Art. 19). Then pay the deposit. ${ELIGIBILITY}`,
    auth: BIDDER,
    params: IdParams,
    body: RegisterForAuctionBody,
    response: RegistrationView,
    status: 201,
    errors: ['NOT_FOUND', 'REGISTRATION_CLOSED', 'ALREADY_REGISTERED', 'BIDDER_NOT_VERIFIED', 'BIDDER_IS_COURT_STAFF', 'BIDDER_BARRED', 'QUALIFICATION_PLEDGE_REQUIRED', 'PURCHASE_NOT_ELIGIBLE'],
    handler: async ({ params, body, actor }) => toRegistrationView(ctx.db, await registerForAuction(ctx, deps, actor, params.id, body)),
  });

  api.route({
    method: 'get',
    path: '/api/me/auction-registrations',
    tag: 'bidding',
    summary: 'My auctions: every registration with its bidder code, deposit and refund, and the sales I won',
    auth: BIDDER,
    response: z.array(MyAuction),
    handler: async ({ actor }) => myAuctions(ctx, actor),
  });

  api.route({
    method: 'get',
    path: '/api/auctions/:id/registration',
    tag: 'bidding',
    summary: 'My registration for an auction: bidder code, deposit, refund',
    auth: BIDDER,
    params: IdParams,
    response: RegistrationView,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => myRegistration(ctx, actor, params.id),
  });

  api.route({
    method: 'post',
    path: '/api/auctions/:id/registration/deposit',
    tag: 'bidding',
    summary: 'Pay the deposit through the bank (保证金, 网拍 Art. 17)',
    description:
      'Opens the deposit payment at the bank (idempotent: asking again returns the same payment) and answers with its `payUrl`, where the bidder pays. When the bank\'s signed notification arrives the deposit is held in the court\'s escrow and the bidder gets the bidder code (网拍 Art. 18). DEPOSIT_ALREADY_PAID once paid; REGISTRATION_CLOSED after bidding ended; PAYMENT_GATEWAY_UNAVAILABLE (503) when the bank cannot be reached (retry: the same payment).',
    auth: BIDDER,
    params: IdParams,
    response: PaymentView,
    errors: ['NOT_FOUND', 'DEPOSIT_ALREADY_PAID', 'REGISTRATION_CLOSED', 'PAYMENT_GATEWAY_UNAVAILABLE'],
    handler: async ({ params, actor }) => toPaymentView(ctx.db, await payDeposit(ctx, deps, actor, params.id)),
  });

  const ackOf = (d: Decision) => ({
    seq: d.bid?.seq ?? d.auction.seq,
    bidderCode: d.bid?.bidderCode ?? null,
    priority: d.bid?.priority ?? false,
    amount: d.bid?.amount ?? null,
    at: d.bid ? new Date(d.bid.at).toISOString() : null,
    auto: d.bid?.auto ?? false,
    leading: d.leading,
    biddingEndsAt: new Date(d.auction.endsAt).toISOString(),
    extended: d.extended,
    replayed: d.replayed,
    price: d.auction.price,
    leaderCode: d.auction.leaderCode,
    serverNow: new Date(d.auction.serverNow).toISOString(),
    ...(d.proxyMax ? { proxyMax: d.proxyMax } : {}),
  });

  api.route({
    method: 'post',
    path: '/api/auctions/:id/bids',
    tag: 'bidding',
    summary: 'Bid (出价, 网拍 Art. 20, 21); the same as the live room\'s `bid` event, for clients without WebSocket',
    description:
      'By a bidder whose deposit is confirmed (NOT_QUALIFIED otherwise), while the auction is live and before its end (AUCTION_NOT_LIVE). The first bid at least the starting price (a lower bid is void); after it the leading amount plus a whole number of increments (BID_TOO_LOW, BID_NOT_ON_INCREMENT, with `details.minimum`); a priority-right holder may match the leading amount of an ordinary bidder or a lower-ranked holder. The time is the server\'s receipt time; a bid in the last 5 minutes moves the end to its time + 5 minutes. Each bid is numbered (`seq`). Idempotent by the `Idempotency-Key` header (or `clientBidId` in the body): the same key again returns the first result (`replayed: true`) and bids nothing. RATE_LIMITED beyond BID_RATE_PER_SEC bids a second. The live room `auction:<id>` gets `bid`.',
    auth: BIDDER,
    params: IdParams,
    body: PlaceBidBody,
    response: BidAck,
    status: 201,
    errors: ['NOT_FOUND', 'NOT_QUALIFIED', 'AUCTION_NOT_LIVE', 'BID_TOO_LOW', 'BID_NOT_ON_INCREMENT', 'RATE_LIMITED', 'VALIDATION_FAILED'],
    handler: async ({ params, body, actor, req }) => {
      const clientBidId = body.clientBidId ?? idempotencyKey(req.header('idempotency-key'));
      return ackOf(await deps.engine.submit(actor, params.id, { kind: 'bid', amount: body.amount, clientBidId }));
    },
  });

  api.route({
    method: 'post',
    path: '/api/auctions/:id/proxy',
    tag: 'bidding',
    summary: 'Set a proxy maximum (代理出价), where the court enabled it; the same as the live room\'s `proxy` event',
    description:
      'The engine bids for the bidder, the least needed, up to the maximum, whenever they are outbid, in the same transaction as the bid that outbid them; at equal maxima the earlier one leads. Setting it again replaces it. The maximum stays hidden; the bids it causes are in the log like any bid of the code (`auto: true`) and extend the end like any bid. PROXY_NOT_ENABLED when the court did not allow it; PROXY_TOO_LOW below the least bid allowed now.',
    auth: BIDDER,
    params: IdParams,
    body: SetProxyBody,
    response: BidAck,
    status: 201,
    errors: ['NOT_FOUND', 'NOT_QUALIFIED', 'AUCTION_NOT_LIVE', 'PROXY_NOT_ENABLED', 'PROXY_TOO_LOW', 'RATE_LIMITED', 'VALIDATION_FAILED'],
    handler: async ({ params, body, actor }) => ackOf(await deps.engine.submit(actor, params.id, { kind: 'proxy', max: body.max })),
  });

  api.route({
    method: 'get',
    path: '/api/public/auctions/:id/bids',
    tag: 'public auctions',
    summary: 'The bid log of a published auction, by bidder codes (no login)',
    description: 'Every bid, newest first, with the leading bid and the next minimum (网拍 Art. 20 para 3). Identities never appear (Art. 18 para 2).',
    auth: 'public',
    params: IdParams,
    response: PublicBidLog,
    errors: ['NOT_FOUND'],
    handler: async ({ params }) => publicBidLog(ctx, params.id),
  });

  api.route({
    method: 'post',
    path: '/api/auctions/:id/purchase',
    tag: 'bidding',
    summary: 'Buy in a fixed-price sale: pay the full price (变卖, 网拍 Art. 26 para 2)',
    description: `Opens the full-price payment at the bank (idempotent). The first full payment the bank confirms while the sale is open takes the asset (sold and paid at once); later ones are refunded. NOT_FOR_SALE outside the sale; ALREADY_PAID once paid. ${ELIGIBILITY}`,
    auth: BIDDER,
    params: IdParams,
    body: RegisterForAuctionBody,
    response: PaymentView,
    errors: ['NOT_FOUND', 'NOT_FOR_SALE', 'ALREADY_PAID', 'BIDDER_NOT_VERIFIED', 'BIDDER_IS_COURT_STAFF', 'BIDDER_BARRED', 'QUALIFICATION_PLEDGE_REQUIRED', 'PURCHASE_NOT_ELIGIBLE', 'PAYMENT_GATEWAY_UNAVAILABLE'],
    handler: async ({ params, body, actor }) => toPaymentView(ctx.db, await buyAtFixedPrice(ctx, deps, actor, params.id, body)),
  });

  api.route({
    method: 'get',
    path: '/api/auctions/:id/sale',
    tag: 'bidding',
    summary: 'The sale of an auction: price, deposit applied, balance and deadline, ruling, reneging',
    description: 'For the buyer (with their balance or full-price payment) and the court\'s staff.',
    auth: ['bidder', 'judge', 'clerk', 'admin'],
    params: IdParams,
    response: SaleView,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => saleFor(ctx, actor, params.id),
  });

  api.route({
    method: 'post',
    path: '/api/auctions/:id/sale/balance',
    tag: 'bidding',
    summary: 'Pay the balance through the bank (尾款, 网拍 Art. 25)',
    description:
      'By the buyer, before the deadline the announcement gave (BALANCE_OVERDUE after it, or once reneged). Idempotent; ALREADY_PAID once paid. When the bank confirms it: the sale ruling is recorded, the price credited to the case and the outstanding claim reduced.',
    auth: BIDDER,
    params: IdParams,
    response: PaymentView,
    errors: ['NOT_FOUND', 'ALREADY_PAID', 'BALANCE_OVERDUE', 'PAYMENT_GATEWAY_UNAVAILABLE'],
    handler: async ({ params, actor }) => toPaymentView(ctx.db, await payBalance(ctx, deps, actor, params.id)),
  });

  api.route({
    method: 'post',
    path: '/api/auctions/:id/forfeiture',
    tag: 'bidding',
    summary: 'Apply a reneging buyer\'s forfeited deposit in the legal order (网拍 Art. 24)',
    description:
      'By a judge of the court, once the resale of the asset is sold and paid (FORFEITURE_NOT_READY before): the costs stated, then the resale shortfall (first price − resale price), then the debtor\'s debts (credited to the case). Once (FORFEITURE_SETTLED).',
    auth: ['judge'],
    params: IdParams,
    body: SettleForfeitureBody,
    response: SaleView,
    errors: ['NOT_FOUND', 'FORFEITURE_NOT_READY', 'FORFEITURE_SETTLED'],
    handler: async ({ params, body, actor }) => {
      await settleForfeiture(ctx, actor, params.id, body.costs);
      return saleFor(ctx, actor, params.id);
    },
  });

  api.route({
    method: 'get',
    path: '/api/public/auctions/:id/confirmation-letter',
    tag: 'public auctions',
    summary: 'The confirmation letter of a sale, printable (成交确认书, 网拍 Art. 22; no login)',
    description: 'The letter as issued at the sale, with the buyer\'s real identity (a resident ID shown with its middle digits hidden).',
    auth: 'public',
    params: IdParams,
    response: z.string(),
    produces: 'text/html; charset=utf-8',
    errors: ['NOT_FOUND'],
    handler: async ({ params }) => confirmationLetter(ctx, params.id),
  });

  api.route({
    method: 'get',
    path: '/api/public/confirmation-letters',
    tag: 'public auctions',
    summary: 'Published confirmation letters, newest first (no login)',
    auth: 'public',
    query: PageQuery,
    response: ConfirmationLetterList,
    handler: async ({ query }) => confirmationLetters(ctx, query.page, query.pageSize),
  });
}
