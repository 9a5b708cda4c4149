import { z } from 'zod';
import { InstitutionKind } from '../../../shared/institution-protocol';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import { listInstitutions } from './institution.store';

const InstitutionView = z
  .object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string(), channel: z.enum(['central', 'local']), mode: z.enum(['auto', 'manual']) })
  .meta({ id: 'Institution' });

export function institutionRoutes(api: Api, ctx: AppContext): void {
  api.route({
    method: 'get',
    path: '/api/institutions',
    tag: 'network',
    summary: 'The institutions connected to the network',
    auth: 'user',
    query: z.strictObject({ kind: InstitutionKind.optional() }),
    response: z.array(InstitutionView),
    handler: async ({ query }) =>
      (await listInstitutions(ctx.db, query.kind ? [query.kind] : undefined)).map((i) => ({ id: i.id, code: i.code, name: i.name, kind: i.kind, channel: i.channel, mode: i.mode })),
  });
}
