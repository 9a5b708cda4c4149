/**
 * One place to declare an HTTP route: its method and path, who may call it, the zod schemas of its input and output,
 * and the use case it calls. Declaring a route registers it with Express *and* in the OpenAPI document, so the
 * document cannot miss a route (issue 2, item 9).
 */
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { type Request, type Response } from 'express';
import { z, type ZodType } from 'zod';
import type { Role } from '../../../shared/schemas/auth';
import { ErrorBody } from '../../../shared/schemas/common';
import type { Actor } from '../actor';
import { AppError, ERROR_STATUS, type ErrorCode } from '../errors';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** The signed-in user; present whenever `auth` is not 'public'. */
  actor: Actor;
  req: Request;
  res: Response;
}

export interface RouteSpec<B extends ZodType, Q extends ZodType, P extends ZodType, R extends ZodType> {
  method: Method;
  /** Express-style path, e.g. `/api/cases/:id`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** 'public': anyone; 'user': any signed-in user; a list: those roles only. */
  auth: 'public' | 'user' | readonly Role[];
  body?: B;
  query?: Q;
  params?: P;
  /** Response body schema; leave out for 204. */
  response?: R;
  status?: 200 | 201 | 202 | 204;
  /** Error codes the route may answer with, for the document (400/401/403 are added from `auth` and the schemas). */
  errors?: readonly ErrorCode[];
  /** Content type of the response when it is not JSON (e.g. text/csv). */
  produces?: string;
  handler: (input: RouteInput<z.output<B>, z.output<Q>, z.output<P>>) => Promise<z.input<R> | void>;
}

/** Turns a zod failure into the 400 every client can act on: each issue with its field path and message. */
export function validationError(error: z.ZodError, where: 'body' | 'query' | 'params' | 'event'): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), code: i.code, message: i.message }));
  const first = issues[0];
  const message = first
    ? `Invalid ${where}: ${first.path.length ? first.path.join('.') + ': ' : ''}${first.message}`
    : `Invalid ${where}`;
  return new AppError('VALIDATION_FAILED', message, { where, issues });
}

/**
 * Text PostgreSQL cannot store (NUL) or that is not well-formed UTF-16 (a lone surrogate) is refused at the edge, with
 * the path to the offending field, before any schema or use case sees it.
 */
function badText(value: unknown, path: (string | number)[] = [], depth = 0): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed() ? path : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    if (!k.isWellFormed() || k.includes('\u0000')) return [...path, k];
    const found = badText(v, [...path, Array.isArray(value) ? Number(k) : k], depth + 1);
    if (found) return found;
  }
  return null;
}

export function parseWith<S extends ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params' | 'event'): z.output<S> {
  const bad = badText(value);
  if (bad) {
    const message = '文本含有无效字符（NUL或不成对的代理项） / The text contains an invalid character (NUL or a lone surrogate)';
    throw new AppError('VALIDATION_FAILED', `Invalid ${where}: ${bad.join('.')}: ${message}`, { where, issues: [{ path: bad, code: 'invalid_text', message }] });
  }
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export class Api {
  readonly registry = new OpenAPIRegistry();
  readonly router = express.Router();
  readonly routes: { method: Method; path: string }[] = [];

  constructor() {
    this.registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'zx_session' });
    this.registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  }

  route<B extends ZodType = ZodType, Q extends ZodType = ZodType, P extends ZodType = ZodType, R extends ZodType = ZodType>(
    spec: RouteSpec<B, Q, P, R>,
  ): void {
    this.routes.push({ method: spec.method, path: spec.path });
    this.document(spec);
    const status = spec.status ?? (spec.response ? 200 : 204);
    this.router[spec.method](spec.path, async (req: Request, res: Response) => {
      const actor = req.actor;
      if (spec.auth !== 'public') {
        if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录 / Sign in first');
        if (spec.auth !== 'user' && !spec.auth.includes(actor.role as Role)) {
          throw new AppError('FORBIDDEN', '您的角色无权执行此操作 / Your role may not do this');
        }
      }
      const input = {
        body: spec.body ? parseWith(spec.body, req.body ?? {}, 'body') : undefined,
        query: spec.query ? parseWith(spec.query, req.query, 'query') : undefined,
        params: spec.params ? parseWith(spec.params, req.params, 'params') : undefined,
        actor: actor!,
        req,
        res,
      } as RouteInput<z.output<B>, z.output<Q>, z.output<P>>;
      const result = await spec.handler(input);
      if (res.headersSent) return;
      if (status === 204 || result === undefined) res.status(status === 204 ? 204 : status).end();
      else if (spec.produces) res.status(status).type(spec.produces).send(result);
      else res.status(status).json(result);
    });
  }

  private document(spec: RouteSpec<ZodType, ZodType, ZodType, ZodType>): void {
    const codes = new Set<ErrorCode>(spec.errors ?? []);
    if (spec.body || spec.query || spec.params) codes.add('VALIDATION_FAILED');
    if (spec.auth !== 'public') codes.add('UNAUTHENTICATED');
    if (Array.isArray(spec.auth)) codes.add('FORBIDDEN');
    const byStatus = new Map<number, string[]>();
    for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
    const responses: Record<string, unknown> = {};
    const status = spec.status ?? (spec.response ? 200 : 204);
    responses[String(status)] = spec.response
      ? { description: 'Success', content: { [spec.produces ?? 'application/json']: { schema: spec.produces ? z.string() : spec.response } } }
      : { description: 'Success, no content' };
    for (const [s, list] of byStatus) {
      responses[String(s)] = { description: list.join(', '), content: { 'application/json': { schema: ErrorBody } } };
    }
    const roles = Array.isArray(spec.auth) ? `Roles: ${spec.auth.join(', ')}.` : spec.auth === 'user' ? 'Any signed-in user.' : 'Public.';
    this.registry.registerPath({
      method: spec.method,
      path: toOpenApiPath(spec.path),
      summary: spec.summary,
      description: [spec.description, roles].filter(Boolean).join('\n\n'),
      tags: [spec.tag],
      security: spec.auth === 'public' ? [] : [{ session: [] }, { bearer: [] }],
      request: {
        ...(spec.params ? { params: spec.params as never } : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } } : {}),
      },
      responses: responses as never,
    });
  }
}
