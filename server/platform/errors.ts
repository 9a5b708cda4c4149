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

export const notFound = (en: string, zh: string) => new AppError('NOT_FOUND', `${zh}不存在 / ${en} not found`);
export const forbidden = (message = 'You may not do this / 无权执行此操作') => new AppError('FORBIDDEN', message);

/** The body every failure is sent with. */
export function errorBody(err: AppError): { error: { code: string; message: string; details?: unknown } } {
  return { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
}
