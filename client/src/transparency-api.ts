/**
 * The HTTP calls of transparency for the parties (the query code, the party's view) and of petitions (信访). Same
 * client as `api.ts` (session cookie, JSON, ApiError).
 */
import type { PartyCaseView, PetitionPage, PetitionView, PublicPetitionBody, QueryCodeIssued, QueryCodeStatus, ReceivePetitionBody } from '@shared/schemas/transparency';
import type { StaffView } from '@shared/schemas/courts';
import { request } from './api';

export type { PartyCaseView, PetitionView, PetitionPage };

export const transparencyApi = {
  queryCodeStatus: (caseId: string) => request<QueryCodeStatus>('GET', `/api/cases/${caseId}/query-code`),
  issueQueryCode: (caseId: string) => request<QueryCodeIssued>('POST', `/api/cases/${caseId}/query-code`),
  partyCase: (caseNo: string, code: string) => request<PartyCaseView>('POST', '/api/public/case-query', { caseNo, code }),
  filePetition: (body: PublicPetitionBody) => request<{ id: string; receivedAt: string; answerDueAt: string }>('POST', '/api/public/petitions', body),
  receivePetition: (caseId: string, body: ReceivePetitionBody) => request<PetitionView>('POST', `/api/cases/${caseId}/petitions`, body),
  petitions: (query: { status?: string; overdue?: string; caseId?: string; page?: number }) => request<PetitionPage>('GET', '/api/petitions', undefined, query),
  assignPetition: (id: string, assigneeId: string) => request<PetitionView>('POST', `/api/petitions/${id}/assign`, { assigneeId }),
  answerPetition: (id: string, answer: string) => request<PetitionView>('POST', `/api/petitions/${id}/answer`, { answer }),
  courtStaff: (courtId: string) => request<StaffView[]>('GET', `/api/courts/${courtId}/staff`),
};
