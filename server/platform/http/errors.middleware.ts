import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, errorBody } from '../errors';

/** The one place where failures become HTTP responses. Bad input is never a 500. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const appError = toAppError(err);
  if (appError.status >= 500) req.log?.error({ err }, 'request failed');
  else req.log?.info({ code: appError.code }, appError.message);
  if (res.headersSent) return;
  res.status(appError.status).json(errorBody(appError));
};

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; message?: string };
  // body-parser's failures
  if (e?.type === 'entity.parse.failed') return new AppError('MALFORMED_JSON', '请求体不是有效的 JSON / The request body is not valid JSON');
  if (e?.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', '请求体过大 / The request body is too large');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持的编码 / Unsupported encoding');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500)
    return new AppError('BAD_REQUEST', e.message ?? 'Bad request');
  return new AppError('INTERNAL', '服务器内部错误，已记录 / Something went wrong on our side; it has been logged');
}

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError('ROUTE_NOT_FOUND', `没有这个接口 / No such endpoint: ${req.method} ${req.path}`));
};
