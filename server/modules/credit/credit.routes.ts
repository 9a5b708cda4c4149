import { IdParams } from '../../../shared/schemas/common';
import {
  CaseCreditView,
  CreditSearchQuery,
  CreditSearchResult,
  DecideCorrectionBody,
  ExtendListingBody,
  FileCorrectionBody,
  IssueRestrictionBody,
  LiftRestrictionBody,
  ListDebtorBody,
  ListingView,
  PublicCorrectionReceipt,
  RemoveListingBody,
  RestrictionOrderResult,
} from '../../../shared/schemas/credit';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import { caseCredit, listingView, searchList, visibleListing } from './credit-queries';
import { decideCorrection } from './decide-correction';
import { extendListing } from './extend-listing';
import { fileCorrection } from './file-correction';
import { jointRoutes } from './joint.routes';
import { listDebtor } from './list-debtor';
import { removeListing } from './remove-listing';
import { issueRestrictionOrder, liftRestrictionOrder, toOrderView } from './restriction-orders';

const READERS = ['judge', 'clerk', 'admin'] as const;
const JUDGES = ['judge'] as const;

export function creditRoutes(api: Api, ctx: AppContext): void {
  // Joint punishment (联合惩戒): institutions check, subscribe and report interceptions.
  jointRoutes(api, ctx);
  api.route({
    method: 'get',
    path: '/api/cases/:id/credit',
    tag: 'credit',
    summary: 'The case\'s debtors, their dishonest-debtor listings (失信) with restrictions and correction requests, and restriction orders made on their own (限高)',
    auth: READERS,
    params: IdParams,
    response: CaseCreditView,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => caseCredit(ctx, actor, params.id),
  });

  api.route({
    method: 'post',
    path: '/api/cases/:id/credit/listings',
    tag: 'credit',
    summary: 'List a debtor of the case on the dishonest-debtor list (纳入失信), which restricts their consumption (限高)',
    description:
      'A judge of the case\'s court, on one of the six grounds of 失信 Art. 1 with the evidence. Term 2 years; ground `able_but_refuses` has none (失信 Art. 2). A minor is never listed (失信 Art. 4, age from the resident ID at the server\'s date). The debtor and, for an organisation, its legal representative (required) are restricted (限高 Art. 1, 3).',
    auth: JUDGES,
    params: IdParams,
    body: ListDebtorBody,
    response: ListingView,
    status: 201,
    errors: ['NOT_FOUND', 'INVALID_LISTING_GROUND', 'CASE_NOT_OPEN', 'DEBT_SATISFIED', 'NOT_A_DEBTOR', 'DEBTOR_IS_MINOR', 'LEGAL_REP_REQUIRED', 'ALREADY_LISTED'],
    handler: async ({ params, body, actor }) => listingView(ctx, await listDebtor(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/cases/:id/credit/restrictions',
    tag: 'credit',
    summary: 'Issue a consumption restriction order (限制消费令) against a debtor of the case, without listing them (限高 Art. 1)',
    description:
      'A judge of the case\'s court, with the reason (限高 Art. 2), while the case is open and something is outstanding. Refused with RESTRICTION_IN_FORCE when a listing or an order already restricts that debtor in this case. An organisation\'s legal representative (required) is restricted too (限高 Art. 3 para 2). A minor debtor is not refused: the bar on minors is 失信 Art. 4, for the list only. The order ends when lifted or when the debt is satisfied (限高 Art. 9).',
    auth: JUDGES,
    params: IdParams,
    body: IssueRestrictionBody,
    response: RestrictionOrderResult,
    status: 201,
    errors: ['NOT_FOUND', 'CASE_NOT_OPEN', 'DEBT_SATISFIED', 'NOT_A_DEBTOR', 'LEGAL_REP_REQUIRED', 'RESTRICTION_IN_FORCE'],
    handler: async ({ params, body, actor }) => ({ restrictions: (await issueRestrictionOrder(ctx, actor, params.id, body)).map(toOrderView) }),
  });

  api.route({
    method: 'post',
    path: '/api/credit/restrictions/:id/lift',
    tag: 'credit',
    summary: 'Lift a consumption restriction order with the reason (限高 Art. 9: security given, the creditor agrees, or the debt performed)',
    description: 'Names any row of the order; the debtor\'s and the legal representative\'s end together. A listing\'s restrictions end only with the listing (RESTRICTION_BY_LISTING).',
    auth: JUDGES,
    params: IdParams,
    body: LiftRestrictionBody,
    response: RestrictionOrderResult,
    errors: ['NOT_FOUND', 'RESTRICTION_BY_LISTING', 'RESTRICTION_NOT_IN_FORCE'],
    handler: async ({ params, body, actor }) => ({ restrictions: (await liftRestrictionOrder(ctx, actor, params.id, body)).map(toOrderView) }),
  });

  api.route({
    method: 'get',
    path: '/api/credit/listings/:id',
    tag: 'credit',
    summary: 'One listing, for the staff of its court',
    auth: READERS,
    params: IdParams,
    response: ListingView,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => visibleListing(ctx, actor, params.id),
  });

  api.route({
    method: 'post',
    path: '/api/credit/listings/:id/extend',
    tag: 'credit',
    summary: 'Extend a listing\'s term by 1–3 years, with reasons (失信 Art. 2 para 2)',
    description: 'Only a current listing with a term, before it ends; may be repeated.',
    auth: JUDGES,
    params: IdParams,
    body: ExtendListingBody,
    response: ListingView,
    errors: ['NOT_FOUND', 'LISTING_NOT_CURRENT', 'TERM_NOT_EXTENDABLE', 'EXTENSION_OUT_OF_RANGE'],
    handler: async ({ params, body, actor }) => listingView(ctx, await extendListing(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/credit/listings/:id/remove',
    tag: 'credit',
    summary: 'Remove a listing with the reason (失信 Art. 10); its consumption restrictions end',
    auth: JUDGES,
    params: IdParams,
    body: RemoveListingBody,
    response: ListingView,
    errors: ['NOT_FOUND', 'LISTING_NOT_CURRENT'],
    handler: async ({ params, body, actor }) => listingView(ctx, await removeListing(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/credit/corrections/:id/decide',
    tag: 'credit',
    summary: 'Decide a correction request (失信 Art. 11): upheld removes the listing at once; rejected with reasons',
    auth: JUDGES,
    params: IdParams,
    body: DecideCorrectionBody,
    response: ListingView,
    errors: ['NOT_FOUND', 'CORRECTION_NOT_PENDING'],
    handler: async ({ params, body, actor }) => listingView(ctx, await decideCorrection(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'get',
    path: '/api/public/credit/search',
    tag: 'credit',
    summary: 'Search the current dishonest-debtor list by name or ID number (no sign-in)',
    description: 'A whole ID number or credit code matches exactly; otherwise names containing `q`. Only current listings; ID numbers are always masked (110105********1234). At most 50 results (`truncated` says there were more).',
    auth: 'public',
    query: CreditSearchQuery,
    response: CreditSearchResult,
    handler: async ({ query }) => searchList(ctx, query.q),
  });

  api.route({
    method: 'post',
    path: '/api/public/credit/listings/:id/corrections',
    tag: 'credit',
    summary: 'File a correction request against a listing, with reasons (纠正申请, 失信 Art. 11)',
    description: 'Anyone who quotes the listing\'s id (from the public search), usually the listed person. The court decides within 15 days. One pending request per listing.',
    auth: 'public',
    params: IdParams,
    body: FileCorrectionBody,
    response: PublicCorrectionReceipt,
    status: 201,
    errors: ['NOT_FOUND', 'LISTING_NOT_CURRENT', 'CORRECTION_PENDING'],
    handler: async ({ params, body }) => {
      const row = await fileCorrection(ctx, params.id, body);
      return { id: row.id, listingId: row.listingId, filedAt: row.filedAt.toISOString(), dueBy: row.dueBy.toISOString(), status: 'pending' as const };
    },
  });
}
