import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import { verifyChain } from './verify-chain';

const VerifyResultView = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    firstBroken: z.object({ seq: z.number().int(), id: z.string(), reason: z.string() }).nullable(),
  })
  .meta({ id: 'AuditVerifyResult' });

export function auditRoutes(api: Api, ctx: AppContext): void {
  api.route({
    method: 'get',
    path: '/api/admin/audit/verify',
    tag: 'admin',
    summary: 'Verify the whole audit chain',
    description: 'Recomputes every record\'s hash and link; names the first broken record.',
    auth: ['admin'],
    response: VerifyResultView,
    handler: async () => verifyChain(ctx.db),
  });
}
