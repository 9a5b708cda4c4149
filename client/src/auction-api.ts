/**
 * The HTTP calls of valuation (确定财产处置参考价) and online judicial auctions (网络司法拍卖): the court's side and the
 * public pages. Same client as `api.ts` (session cookie, JSON, ApiError).
 */
import type { z } from 'zod';
import type {
  AuctionSettingsBody,
  AuctionView,
  PublicAuctionList,
  PublicAuctionQuery,
  PublicAuctionView,
  RelistBody,
  ViolationView,
} from '@shared/schemas/auctions';
import type {
  AppraisalFirmView,
  AppraisalReportBody,
  ChooseFirmsBody,
  DeliveryBody,
  DirectedResultBody,
  ExtensionBody,
  FailStepBody,
  LotteryBody,
  NegotiatedBody,
  ObjectionBody,
  ObjectionView,
  RulingBody,
  SkipBody,
  StartValuationBody,
  ValuationView,
} from '@shared/schemas/valuation';
import type { MyAuction, PublicBidLog, RegisterForAuctionBody, RegistrationView, SaleView } from '@shared/schemas/bidding';
import type { PaymentView } from '@shared/schemas/payments';
import type { AuctionStatus } from '@shared/auction-rules';
import { ApiError, request, type Page } from './api';

export type { AuctionView, PublicAuctionView, ValuationView, ObjectionView, RegistrationView, SaleView, PaymentView };
export type BidLog = z.infer<typeof PublicBidLog>;
export type AuctionViolation = z.infer<typeof ViolationView>;
export type PublicAuctionSummary = z.infer<typeof PublicAuctionList>['items'][number];
export type AppraisalFirm = z.infer<typeof AppraisalFirmView>;
export type ValuationStep = ValuationView['steps'][number];
export type ValuationResult = ValuationStep['results'][number];

const id = encodeURIComponent;

/** The violations an AUCTION_RULE_VIOLATION answer lists in `details.violations` (empty for any other error). */
export function violationsOf(err: unknown): AuctionViolation[] {
  if (!(err instanceof ApiError) || err.code !== 'AUCTION_RULE_VIOLATION') return [];
  const list = (err.details as { violations?: unknown } | undefined)?.violations;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (v): v is AuctionViolation =>
      typeof v === 'object' && v !== null && typeof (v as AuctionViolation).field === 'string' && typeof (v as AuctionViolation).message === 'string',
  );
}

export const valuationApi = {
  start: (measureId: string, body: StartValuationBody) => request<ValuationView>('POST', `/api/measures/${id(measureId)}/valuations`, body),
  ofCase: (caseId: string) => request<ValuationView[]>('GET', `/api/cases/${id(caseId)}/valuations`),
  get: (valuationId: string) => request<ValuationView>('GET', `/api/valuations/${id(valuationId)}`),
  negotiated: (valuationId: string, body: NegotiatedBody) => request<ValuationView>('POST', `/api/valuations/${id(valuationId)}/negotiated`, body),
  fail: (valuationId: string, body: FailStepBody) => request<ValuationView>('POST', `/api/valuations/${id(valuationId)}/fail`, body),
  skipMethod: (valuationId: string, body: SkipBody) => request<ValuationView>('POST', `/api/valuations/${id(valuationId)}/skip`, body),
  directed: (valuationId: string, body: DirectedResultBody) => request<ValuationView>('POST', `/api/valuations/${id(valuationId)}/directed-result`, body),
  chooseFirms: (valuationId: string, body: ChooseFirmsBody) => request<ValuationView>('POST', `/api/valuations/${id(valuationId)}/appraisal/firms`, body),
  lottery: (valuationId: string, body: LotteryBody) => request<ValuationView>('POST', `/api/valuations/${id(valuationId)}/appraisal/lottery`, body),
  extend: (valuationId: string, body: ExtensionBody) => request<ValuationView>('POST', `/api/valuations/${id(valuationId)}/appraisal/extension`, body),
  report: (valuationId: string, body: AppraisalReportBody) => request<ValuationView>('POST', `/api/valuations/${id(valuationId)}/appraisal/report`, body),
  deliver: (valuationId: string, body: DeliveryBody) => request<ValuationView>('POST', `/api/valuations/${id(valuationId)}/delivery`, body),
  object: (valuationId: string, body: ObjectionBody) => request<ObjectionView>('POST', `/api/valuations/${id(valuationId)}/objections`, body),
  rule: (objectionId: string, body: RulingBody) => request<ObjectionView>('POST', `/api/valuation-objections/${id(objectionId)}/ruling`, body),
  firms: (assetKind?: string) => request<AppraisalFirm[]>('GET', '/api/valuation/appraisal-firms', undefined, { assetKind }),
};

export const auctionApi = {
  draft: (measureId: string, body: AuctionSettingsBody) => request<AuctionView>('POST', `/api/measures/${id(measureId)}/auctions`, body),
  list: (query: { status?: AuctionStatus; caseId?: string; page?: number; pageSize?: number }) =>
    request<Page<AuctionView>>('GET', '/api/auctions', undefined, { ...query }),
  get: (auctionId: string) => request<AuctionView>('GET', `/api/auctions/${id(auctionId)}`),
  update: (auctionId: string, body: AuctionSettingsBody) => request<AuctionView>('PUT', `/api/auctions/${id(auctionId)}`, body),
  approve: (auctionId: string) => request<AuctionView>('POST', `/api/auctions/${id(auctionId)}/approve`),
  relist: (auctionId: string, body: RelistBody) => request<AuctionView>('POST', `/api/auctions/${id(auctionId)}/relist`, body),
  fixedPriceSale: (auctionId: string) => request<AuctionView>('POST', `/api/auctions/${id(auctionId)}/fixed-price-sale`),
  suspend: (auctionId: string, reason: string) => request<AuctionView>('POST', `/api/auctions/${id(auctionId)}/suspend`, { reason }),
  resume: (auctionId: string, causeEndedAt: string) => request<AuctionView>('POST', `/api/auctions/${id(auctionId)}/resume`, { causeEndedAt }),
  withdraw: (auctionId: string, reason: string) => request<AuctionView>('POST', `/api/auctions/${id(auctionId)}/withdraw`, { reason }),
};

export type PublicQuery = Partial<Omit<PublicAuctionQuery, 'page' | 'pageSize'>> & { page?: number; pageSize?: number };

export const publicApi = {
  auctions: (query: PublicQuery) => request<Page<PublicAuctionSummary>>('GET', '/api/public/auctions', undefined, { ...query }),
  auction: (auctionId: string) => request<PublicAuctionView>('GET', `/api/public/auctions/${id(auctionId)}`),
  /** The server's clock (its `time`): deadlines and the auction rules are judged on it, not on the browser's. */
  serverTime: () => request<{ time: string }>('GET', '/api/health').then((h) => h.time),
};

/** The bidder's side (网拍 Art. 17–26): registration, the deposit, the sale and the payments made at the bank. */
export const biddingApi = {
  /** My registration for the auction, or null when I have not registered (the server answers 404). */
  /** All my registrations, with the auction and the sale where I bought. */
  mine: () => request<MyAuction[]>('GET', '/api/me/auction-registrations'),
  registration: (auctionId: string) =>
    request<RegistrationView>('GET', `/api/auctions/${id(auctionId)}/registration`).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404 && e.code === 'NOT_FOUND') return null;
      throw e;
    }),
  register: (auctionId: string, body: RegisterForAuctionBody) => request<RegistrationView>('POST', `/api/auctions/${id(auctionId)}/registration`, body),
  deposit: (auctionId: string) => request<PaymentView>('POST', `/api/auctions/${id(auctionId)}/registration/deposit`),
  purchase: (auctionId: string, body: RegisterForAuctionBody) => request<PaymentView>('POST', `/api/auctions/${id(auctionId)}/purchase`, body),
  sale: (auctionId: string) => request<SaleView>('GET', `/api/auctions/${id(auctionId)}/sale`),
  payBalance: (auctionId: string) => request<PaymentView>('POST', `/api/auctions/${id(auctionId)}/sale/balance`),
  bids: (auctionId: string) => request<BidLog>('GET', `/api/public/auctions/${id(auctionId)}/bids`),
};

/**
 * Sends the browser to the bank's cashier page of a payment, asking the bank to bring it back to `returnPath` of this
 * site once paid (the simulated bank accepts a return address on the platform's own origin only).
 */
export function goToBank(payment: PaymentView, returnPath: string): void {
  if (!payment.payUrl) return;
  const url = new URL(payment.payUrl, window.location.href);
  url.searchParams.set('return', new URL(returnPath, window.location.origin).href);
  window.location.assign(url.href);
}
