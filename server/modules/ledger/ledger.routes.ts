import { IdParams } from '../../../shared/schemas/common';
import { CaseLedger } from '../../../shared/schemas/measures';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import { caseLedger } from './case-ledger';

export function ledgerRoutes(api: Api, ctx: AppContext): void {
  api.route({
    method: 'get',
    path: '/api/cases/:id/ledger',
    tag: 'ledger',
    summary: 'The case\'s ledger: money received (deductions), double-entry, with totals',
    auth: ['judge', 'clerk', 'admin'],
    params: IdParams,
    response: CaseLedger,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => caseLedger(ctx, actor, params.id),
  });
}
