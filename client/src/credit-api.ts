/** The dishonest-debtor list (失信) API: the judge's case page and the public search. */
import type { CaseCreditView, CreditSearchResult, ListingView, RestrictionOrderResult, RestrictionOrderView } from '@shared/schemas/credit';
import type { InterceptionView } from '@shared/schemas/joint';
import { request } from './api';

const id = (v: string) => encodeURIComponent(v);

export type { CaseCreditView, CreditSearchResult, InterceptionView, ListingView, RestrictionOrderView };

export const creditApi = {
  caseCredit: (caseId: string) => request<CaseCreditView>('GET', `/api/cases/${id(caseId)}/credit`),
  list: (caseId: string, body: { partyId: string; ground: string; evidence: string; legalRepName?: string; legalRepIdNumber?: string }) =>
    request<ListingView>('POST', `/api/cases/${id(caseId)}/credit/listings`, body),
  extend: (listingId: string, body: { years: number; reason: string }) => request<ListingView>('POST', `/api/credit/listings/${id(listingId)}/extend`, body),
  remove: (listingId: string, reason: string) => request<ListingView>('POST', `/api/credit/listings/${id(listingId)}/remove`, { reason }),
  /** A consumption restriction order on its own, without a listing (限高 Art. 1). */
  order: (caseId: string, body: { partyId: string; reason: string; legalRepName?: string; legalRepIdNumber?: string }) =>
    request<RestrictionOrderResult>('POST', `/api/cases/${id(caseId)}/credit/restrictions`, body),
  /** Lifts an order (限高 Art. 9). */
  lift: (restrictionId: string, reason: string) => request<RestrictionOrderResult>('POST', `/api/credit/restrictions/${id(restrictionId)}/lift`, { reason }),
  decide: (correctionId: string, decision: 'upheld' | 'rejected', reason: string) =>
    request<ListingView>('POST', `/api/credit/corrections/${id(correctionId)}/decide`, { decision, reason }),
  /** Interceptions institutions reported against the case's restricted debtors (联合惩戒). */
  interceptions: (caseId: string) => request<InterceptionView[]>('GET', `/api/cases/${id(caseId)}/credit/interceptions`),
  search: (q: string) => request<CreditSearchResult>('GET', '/api/public/credit/search', undefined, { q }),
  fileCorrection: (listingId: string, body: { applicantName: string; reasons: string; contact?: string }) =>
    request<{ id: string; dueBy: string }>('POST', `/api/public/credit/listings/${id(listingId)}/corrections`, body),
};
