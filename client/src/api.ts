/**
 * The HTTP client of the platform API. Every call sends the session cookie (`credentials: 'include'`),
 * speaks JSON, and turns the server's error body `{ error: { code, message, details } }` into an ApiError.
 */
import type { z } from 'zod';
import type { CaseDetail, CaseSummary, CreateCaseBody, RegisterBidderBody, TimelineEntry, UserView } from '@shared/schemas/index';
import type { CourtView, StaffView } from '@shared/schemas/courts';
import type { Asset, InstitutionKind } from '@shared/institution-protocol';
import type { AssetView, InquiryProgress, JournalEntryView, TargetStatus, TargetView } from '@shared/schemas/inquiry';
import type { ExecuteNoticeBody, NoticeStatus, NoticeView } from '@shared/schemas/inbox';
import type { ClosingView, InterviewView, RecordInterviewBody } from '@shared/schemas/closing';
import type { CaseLedger, CaseMeasures, DeductionView, MeasureView, PayoutBody } from '@shared/schemas/measures';

/** One field-level problem reported by the server with code VALIDATION_FAILED. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
  }

  /**
   * The field issues in `details.issues`: sent with VALIDATION_FAILED, and with other codes that concern one field
   * (e.g. CASE_NO_TAKEN on ["caseNo"]). Empty when there are none.
   */
  get issues(): ValidationIssue[] {
    const issues = (this.details as { issues?: unknown } | undefined)?.issues;
    if (!Array.isArray(issues)) return [];
    return issues
      .filter((i): i is { path?: unknown; message?: unknown } => typeof i === 'object' && i !== null)
      .map((i) => ({
        path: Array.isArray(i.path) ? i.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number') : [],
        message: typeof i.message === 'string' ? i.message : '',
      }));
  }
}

/** Code used when the server could not be reached at all (network down, server stopped). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

let onUnauthorized: (() => void) | null = null;

/**
 * Called when a request made with a session gets 401 (the session expired or was revoked elsewhere), so the app can
 * forget the user and send them to the login page. The login and "who am I" calls are not reported.
 */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      method,
      credentials: 'include',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, NETWORK_ERROR, e instanceof Error ? e.message : String(e));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') onUnauthorized?.();
  if (!res.ok) {
    const err = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    throw new ApiError(
      res.status,
      typeof err?.code === 'string' ? err.code : `HTTP_${res.status}`,
      typeof err?.message === 'string' ? err.message : res.statusText || `HTTP ${res.status}`,
      err?.details,
    );
  }
  return json as T;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: UserView;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CaseListQuery {
  status?: string;
  judgeId?: string;
  q?: string;
  filedFrom?: string;
  filedTo?: string;
  page?: number;
  pageSize?: number;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: null | { seq: number; id: string; reason: string };
}

export interface Health {
  status: 'ok';
  database: 'embedded' | 'server';
  version: string;
}

export type Target = z.infer<typeof TargetView>;
export type TargetStatusValue = z.infer<typeof TargetStatus>;
export type JournalEntry = z.infer<typeof JournalEntryView>;
export type NoticeStatusValue = z.infer<typeof NoticeStatus>;
export type { AssetView, InquiryProgress, NoticeView, MeasureView, CaseMeasures, DeductionView, CaseLedger, PayoutBody, Asset as InstitutionRecord };

/** What POST /api/cases/:id/payouts answers: the payout posted and what is left to pay out. */
export interface PayoutResult {
  transactionId: string;
  amount: string;
  available: string;
}

/** An institution of the network, as the catalogue lists it. */
export interface Institution {
  id: string;
  code: string;
  name: string;
  kind: InstitutionKind;
  channel: 'central' | 'local';
  /** 'manual': a person answers in the institution's inbox. */
  mode: 'auto' | 'manual';
}

/** A freeze or seizure order (POST /api/cases/:id/measures). */
export interface OrderMeasureInput {
  assetId: string;
  amount?: string;
  until?: string;
  indivisible?: boolean;
  indivisibleReason?: string;
}

const id = encodeURIComponent;

export const api = {
  login: (username: string, password: string) => request<LoginResult>('POST', '/api/auth/login', { username, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  me: () => request<{ user: UserView }>('GET', '/api/auth/me'),
  registerBidder: (body: RegisterBidderBody) => request<{ user: UserView }>('POST', '/api/bidders/register', body),
  courts: () => request<CourtView[]>('GET', '/api/courts'),
  courtStaff: (courtId: string) => request<StaffView[]>('GET', `/api/courts/${encodeURIComponent(courtId)}/staff`),
  listCases: (query: CaseListQuery) => request<Page<CaseSummary>>('GET', '/api/cases', undefined, { ...query }),
  getCase: (id: string) => request<CaseDetail>('GET', `/api/cases/${encodeURIComponent(id)}`),
  caseTimeline: (id: string) => request<TimelineEntry[]>('GET', `/api/cases/${encodeURIComponent(id)}/timeline`),
  createCase: (body: CreateCaseBody) => request<CaseDetail>('POST', '/api/cases', body),
  // 网络查控: inquiries, assets, the message journal
  institutions: (kind?: InstitutionKind) => request<Institution[]>('GET', '/api/institutions', undefined, { kind }),
  startInquiry: (caseId: string, body: { partyId: string; kinds?: InstitutionKind[] }) =>
    request<InquiryProgress>('POST', `/api/cases/${id(caseId)}/inquiries`, body),
  caseInquiries: (caseId: string) => request<InquiryProgress[]>('GET', `/api/cases/${id(caseId)}/inquiries`),
  inquiry: (inquiryId: string) => request<InquiryProgress>('GET', `/api/inquiries/${id(inquiryId)}`),
  inquiryTargets: (inquiryId: string, query: { status?: TargetStatusValue; page?: number; pageSize?: number }) =>
    request<Page<Target>>('GET', `/api/inquiries/${id(inquiryId)}/targets`, undefined, { ...query }),
  caseAssets: (caseId: string) => request<AssetView[]>('GET', `/api/cases/${id(caseId)}/assets`),
  caseJournal: (caseId: string, query: { page?: number; pageSize?: number; institutionCode?: string }) =>
    request<Page<JournalEntry>>('GET', `/api/cases/${id(caseId)}/journal`, undefined, { ...query }),

  // 控制措施: freeze, seize, renew, release, deduct (with a second approver)
  orderMeasure: (caseId: string, body: OrderMeasureInput) => request<MeasureView>('POST', `/api/cases/${id(caseId)}/measures`, body),
  caseMeasures: (caseId: string) => request<CaseMeasures>('GET', `/api/cases/${id(caseId)}/measures`),
  renewMeasure: (measureId: string, body: { until?: string }) => request<MeasureView>('POST', `/api/measures/${id(measureId)}/renew`, body),
  releaseMeasure: (measureId: string, reason: string) => request<MeasureView>('POST', `/api/measures/${id(measureId)}/release`, { reason }),
  requestDeduction: (measureId: string, amount: string) =>
    request<DeductionView>('POST', `/api/measures/${id(measureId)}/deductions`, { amount }),
  approveDeduction: (deductionId: string) => request<DeductionView>('POST', `/api/deductions/${id(deductionId)}/approve`),
  declineDeduction: (deductionId: string, reason: string) =>
    request<DeductionView>('POST', `/api/deductions/${id(deductionId)}/decline`, { reason }),
  caseDeductions: (caseId: string) => request<DeductionView[]>('GET', `/api/cases/${id(caseId)}/deductions`),
  expiringMeasures: (days = 30) => request<MeasureView[]>('GET', '/api/measures/expiring', undefined, { days }),

  // 执行款: the case's ledger and paying recovered money out to the creditor (judges only)
  // 结案: 执行完毕, 终本 (conditions, interviews, re-checks, alerts), 恢复执行
  caseClosing: (caseId: string) => request<ClosingView>('GET', `/api/cases/${id(caseId)}/closing`),
  recordInterview: (caseId: string, body: RecordInterviewBody) => request<InterviewView>('POST', `/api/cases/${id(caseId)}/interviews`, body),
  closeSatisfied: (caseId: string) => request<ClosingView>('POST', `/api/cases/${id(caseId)}/close-satisfied`, {}),
  terminateCase: (caseId: string, body: { note?: string }) => request<ClosingView>('POST', `/api/cases/${id(caseId)}/terminate`, body),
  restoreCase: (caseId: string, body: { reason: string }) => request<ClosingView>('POST', `/api/cases/${id(caseId)}/restore`, body),
  caseLedger: (caseId: string) => request<CaseLedger>('GET', `/api/cases/${id(caseId)}/ledger`),
  payOut: (caseId: string, body: PayoutBody) => request<PayoutResult>('POST', `/api/cases/${id(caseId)}/payouts`, body),

  // 协助执行通知书: the institution operator's inbox
  inbox: (query: { status?: NoticeStatusValue; page?: number; pageSize?: number }) =>
    request<Page<NoticeView>>('GET', '/api/inbox', undefined, { ...query }),
  notice: (noticeId: string) => request<NoticeView>('GET', `/api/inbox/${id(noticeId)}`),
  noticeRecords: (noticeId: string) => request<Asset[]>('GET', `/api/inbox/${id(noticeId)}/records`),
  executeNotice: (noticeId: string, body: ExecuteNoticeBody) => request<NoticeView>('POST', `/api/inbox/${id(noticeId)}/execute`, body),
  rejectNotice: (noticeId: string, reason: string) => request<NoticeView>('POST', `/api/inbox/${id(noticeId)}/reject`, { reason }),
  myInstitution: () =>
    request<{ code: string; name: string; kind: string; mode: 'auto' | 'manual'; webhookUrl: string | null }>('GET', '/api/institutions/mine'),
  setWebhook: (url: string | null) => request<{ url: string | null }>('PUT', '/api/institutions/mine/webhook', { url }),

  verifyAudit: () => request<AuditVerifyResult>('GET', '/api/admin/audit/verify'),
  health: () => request<Health>('GET', '/api/health'),
};
