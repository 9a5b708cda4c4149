import { IdParams } from '../../../shared/schemas/common';
import { z } from 'zod';
import { CaseLedger, PayoutBody } from '../../../shared/schemas/measures';
import { MoneyString, Uuid } from '../../../shared/schemas/common';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import { caseLedger } from './case-ledger';
import { payOut } from './pay-out';

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

  api.route({
    method: 'post',
    path: '/api/cases/:id/payouts',
    tag: 'ledger',
    summary: 'Pay recovered money out to the creditor (发放执行款)',
    description: 'By a judge of the case\'s court. At most what deductions and sale proceeds credited to the case, less earlier payouts (PAYOUT_EXCEEDS_RECOVERED with `details.available`). One balanced ledger transaction; on the case\'s timeline.',
    auth: ['judge'],
    params: IdParams,
    body: PayoutBody,
    response: z.object({ transactionId: Uuid, amount: MoneyString, available: MoneyString }).meta({ id: 'PayoutResult' }),
    status: 201,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'PAYOUT_EXCEEDS_RECOVERED', 'VALIDATION_FAILED'],
    handler: async ({ params, body, actor }) => payOut(ctx, actor, params.id, body),
  });
}
