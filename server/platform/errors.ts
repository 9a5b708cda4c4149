/**
 * Expected failures. Every one has a stable code and an HTTP status; the HTTP error middleware and the socket ack
 * mapper are the only places that turn them into responses.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  BAD_REQUEST: 400,
  INVALID_CASE_NO: 400,
  CASE_NO_COURT_MISMATCH: 400,
  NOT_A_DEBTOR: 400,
  NO_INSTITUTIONS: 400,
  CASE_NOT_OPEN: 409,
  NOTICE_ANSWERED: 409,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CONFLICT: 409,
  CASE_NO_TAKEN: 409,
  USERNAME_TAKEN: 409,
  IDENTITY_REJECTED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  BAD_SIGNATURE: 401,
  REPLAYED: 409,
  // Control measures and deductions (the measures module).
  ASSET_NOT_OF_CASE: 400,
  TERM_TOO_LONG: 400,
  DEDUCTION_APPROVAL_REQUIRED: 403,
  MEASURE_EXISTS: 409,
  MEASURE_ENDED: 409,
  MEASURE_BUSY: 409,
  MEASURE_EXPIRED: 409,
  MEASURE_NOT_QUEUED: 409,
  DEDUCTION_NOT_ALLOWED: 409,
  DEDUCTION_PENDING: 409,
  DEDUCTION_NOT_PENDING: 409,
  OVER_SEIZURE: 422,
  DEDUCTION_EXCEEDS_FROZEN: 422,
  // Valuation (the valuation module, 参考价); MEASURE_NOT_IN_FORCE is shared with the auctions module.
  VALUATION_NOT_APPLICABLE: 422,
  VALUATION_RUNNING: 409,
  REFERENCE_PRICE_VALID: 409,
  VALUATION_NOT_RUNNING: 409,
  METHOD_OUT_OF_ORDER: 409,
  METHOD_NOT_AVAILABLE: 422,
  STEP_DEADLINE_PASSED: 409,
  VALIDITY_TOO_LONG: 422,
  FIRMS_INVALID: 422,
  APPRAISAL_EXTENSION_LIMIT: 422,
  APPRAISAL_EXTENSION_TOO_LONG: 422,
  APPRAISAL_EXTENSION_TOO_LATE: 422,
  REPORT_NOT_READY: 409,
  REPORT_NOT_DELIVERED: 409,
  OBJECTION_NOT_ALLOWED: 422,
  OBJECTION_TOO_LATE: 409,
  OBJECTION_NOT_PENDING: 409,
  PLATFORMS_UNAVAILABLE: 503,
  // Online judicial auctions (the auctions module).
  AUCTION_RULE_VIOLATION: 422,
  ASSET_NOT_AUCTIONABLE: 400,
  MEASURE_NOT_IN_FORCE: 409,
  REFERENCE_PRICE_REQUIRED: 409,
  REFERENCE_PRICE_CHANGED: 409,
  AUCTION_EXISTS: 409,
  AUCTION_NOT_EDITABLE: 409,
  AUCTION_WRONG_STATE: 409,
  AUCTION_ALREADY_APPROVED: 409,
  PANEL_MEMBER_REQUIRED: 403,
  RELIST_NOT_ALLOWED: 409,
  // Registration, deposits, bids and the sale (the auctions and payments modules; 网拍 Art. 17–26, 拍变 Art. 22, 竞买资格).
  BIDDER_NOT_VERIFIED: 403,
  BIDDER_IS_COURT_STAFF: 403,
  BIDDER_BARRED: 403,
  PURCHASE_NOT_ELIGIBLE: 422,
  QUALIFICATION_PLEDGE_REQUIRED: 422,
  REGISTRATION_CLOSED: 409,
  ALREADY_REGISTERED: 409,
  DEPOSIT_ALREADY_PAID: 409,
  ALREADY_PAID: 409,
  NOT_QUALIFIED: 403,
  AUCTION_NOT_LIVE: 409,
  BID_TOO_LOW: 422,
  BID_NOT_ON_INCREMENT: 422,
  PAYOUT_EXCEEDS_RECOVERED: 422,
  PROXY_NOT_ENABLED: 409,
  PROXY_TOO_LOW: 422,
  BALANCE_OVERDUE: 409,
  NOT_FOR_SALE: 409,
  FORFEITURE_NOT_READY: 409,
  FORFEITURE_SETTLED: 409,
  PAYMENT_MISMATCH: 422,
  PAYMENT_GATEWAY_UNAVAILABLE: 503,
  // The dishonest-debtor list and consumption restriction (the credit module; 失信, 限高).
  INVALID_LISTING_GROUND: 422,
  DEBTOR_IS_MINOR: 422,
  LEGAL_REP_REQUIRED: 422,
  ALREADY_LISTED: 409,
  DEBT_SATISFIED: 409,
  LISTING_NOT_CURRENT: 409,
  TERM_NOT_EXTENDABLE: 422,
  EXTENSION_OUT_OF_RANGE: 422,
  CORRECTION_PENDING: 409,
  CORRECTION_NOT_PENDING: 409,
  RESTRICTION_IN_FORCE: 409,
  RESTRICTION_NOT_IN_FORCE: 409,
  RESTRICTION_BY_LISTING: 409,
  // Joint punishment (the credit module: checks, subscriptions, interceptions).
  BATCH_TOO_LARGE: 422,
  NOT_RESTRICTED: 422,
  // Transparency for the parties and petitions (the transparency and petitions modules).
  QUERY_REFUSED: 403,
  PETITION_WRONG_STATE: 409,
  ASSIGNEE_NOT_A_JUDGE: 422,
  NOT_PETITION_ASSIGNEE: 403,
  // Closing a case (the closing module: 执行完毕, 终本, 恢复执行).
  CLAIM_OUTSTANDING: 409,
  TERMINATION_CONDITIONS_UNMET: 422,
  CASE_NOT_TERMINATED: 409,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

/**
 * A refusal that concerns one field of the request: `details.issues` names it as a validation failure does, so a
 * client shows the message at that field. `extra` adds figures to the details.
 */
export function fieldError(code: ErrorCode, path: string | (string | number)[], message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError(code, message, { where: 'body', issues: [{ path: typeof path === 'string' ? [path] : path, code: 'custom', message }], ...extra });
}

export const notFound = (en: string, zh: string) => new AppError('NOT_FOUND', `${zh}不存在 / ${en} not found`);
export const forbidden = (message = 'You may not do this / 无权执行此操作') => new AppError('FORBIDDEN', message);

/** The body every failure is sent with. */
export function errorBody(err: AppError): { error: { code: string; message: string; details?: unknown } } {
  return { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
}
