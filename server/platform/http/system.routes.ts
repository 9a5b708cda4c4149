import { OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context';
import type { Api } from './api';
import { APP_VERSION } from '../version';

const Health = z
  .object({ status: z.literal('ok'), database: z.enum(['embedded', 'server']), version: z.string(), time: z.string() })
  .meta({ id: 'Health' });

export function systemRoutes(api: Api, ctx: AppContext): void {
  api.route({
    method: 'get',
    path: '/api/health',
    tag: 'system',
    summary: 'Liveness, the database kind and the version',
    auth: 'public',
    response: Health,
    errors: ['UNAVAILABLE'],
    handler: async () => {
      await ctx.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: ctx.dbKind, version: APP_VERSION, time: ctx.clock.now().toISOString() };
    },
  });

  let cached: Record<string, unknown> | undefined;
  api.route({
    method: 'get',
    path: '/api/openapi.json',
    tag: 'system',
    summary: 'This API described as OpenAPI 3',
    auth: 'public',
    response: z.record(z.string(), z.unknown()),
    handler: async () => (cached ??= openApiDocument(api)),
  });
}

/** The OpenAPI document, generated from the routes' zod schemas. */
export function openApiDocument(api: Api): Record<string, unknown> {
  return new OpenApiGeneratorV3(api.registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'Zhixing (执行) API',
      version: APP_VERSION,
      description: 'Court enforcement: cases, network inquiry and control, valuation and online judicial auctions. Errors always have the body `{ "error": { "code", "message", "details" } }`. Money is a decimal string such as "1234.50".',
    },
    servers: [{ url: '/' }],
  }) as unknown as Record<string, unknown>;
}
