import { z } from 'zod';
import { IdParams } from '../../../shared/schemas/common';
import {
  CaseMeasures,
  DeclineDeductionBody,
  DeductionView,
  ExpiringQuery,
  MeasureView,
  OrderMeasureBody,
  ReleaseMeasureBody,
  RenewMeasureBody,
  RequestDeductionBody,
} from '../../../shared/schemas/measures';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import { approveDeduction } from './approve-deduction';
import { declineDeduction } from './decline-deduction';
import { caseDeductions, caseMeasures, expiringMeasures } from './measure-queries';
import { toDeductionView, toMeasureView } from './measure-view';
import { orderMeasure } from './order-measure';
import { releaseMeasure } from './release-measure';
import { renewMeasure } from './renew-measure';
import { requestDeduction } from './request-deduction';

export interface MeasureRouteDeps {
  /** The platform's callback URL for institutions (POST /api/network/callbacks, absolute). */
  callbackUrl: string;
  /** Wakes the outbox worker after an order commits, so it is delivered at once. */
  kick: () => void;
}

const STAFF = ['judge', 'clerk'] as const;
const READERS = ['judge', 'clerk', 'admin'] as const;

export function measureRoutes(api: Api, ctx: AppContext, deps: MeasureRouteDeps): void {
  const sent = <T>(result: T): T => {
    deps.kick();
    return result;
  };

  api.route({
    method: 'post',
    path: '/api/cases/:id/measures',
    tag: 'measures',
    summary: 'Freeze or seize a debtor\'s asset (冻结 / 查封)',
    description:
      'The asset must be one found for a debtor of this case. Funds, securities and equity are frozen, real estate and vehicles seized; the term is the maximum of the asset kind (民诉解释 Art. 485: deposits 1 year, vehicles 2, real estate and property rights 3) unless `until` is earlier. A freeze defaults to the balance capped by the room left under the over-seizure limit. OVER_SEIZURE (with `limit`, `committed`, `requested`, `excess`) unless `indivisible` is recorded with a reason (查扣冻 Art. 19). The order goes to the institution through the outbox; the measure is `pending` until it answers.',
    auth: STAFF,
    params: IdParams,
    body: OrderMeasureBody,
    response: MeasureView,
    status: 201,
    errors: ['NOT_FOUND', 'CASE_NOT_OPEN', 'ASSET_NOT_OF_CASE', 'TERM_TOO_LONG', 'MEASURE_EXISTS', 'OVER_SEIZURE'],
    handler: async ({ params, body, actor }) => sent(await toMeasureView(ctx.db, await orderMeasure(ctx, deps, actor, params.id, body), ctx.clock.now())),
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/measures',
    tag: 'measures',
    summary: 'The case\'s measures, with the over-seizure limit and what is bound',
    auth: READERS,
    params: IdParams,
    response: CaseMeasures,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => caseMeasures(ctx, actor, params.id),
  });

  api.route({
    method: 'post',
    path: '/api/measures/:id/renew',
    tag: 'measures',
    summary: 'Renew a measure before it expires (续行)',
    description: 'At most the maximum term of the asset kind from now (民诉解释 Art. 485 para 2), which is the default. Only a measure in force or queued, before expiry, with no other order in flight.',
    auth: STAFF,
    params: IdParams,
    body: RenewMeasureBody,
    response: MeasureView,
    status: 202,
    errors: ['NOT_FOUND', 'CASE_NOT_OPEN', 'TERM_TOO_LONG', 'MEASURE_ENDED', 'MEASURE_BUSY', 'MEASURE_EXPIRED'],
    handler: async ({ params, body, actor }) => sent(await toMeasureView(ctx.db, await renewMeasure(ctx, deps, actor, params.id, body), ctx.clock.now())),
  });

  api.route({
    method: 'post',
    path: '/api/measures/:id/release',
    tag: 'measures',
    summary: 'Release a measure (解除), with the reason',
    description: 'The measure ends when the institution confirms. A measure already released, lapsed, rejected or exhausted answers MEASURE_ENDED.',
    auth: STAFF,
    params: IdParams,
    body: ReleaseMeasureBody,
    response: MeasureView,
    status: 202,
    errors: ['NOT_FOUND', 'MEASURE_ENDED', 'MEASURE_BUSY'],
    handler: async ({ params, body, actor }) => sent(await toMeasureView(ctx.db, await releaseMeasure(ctx, deps, actor, params.id, body), ctx.clock.now())),
  });

  api.route({
    method: 'post',
    path: '/api/measures/:id/deductions',
    tag: 'measures',
    summary: 'Ask to deduct frozen funds to the court\'s account (扣划)',
    description: 'Only from a freeze in force, at most what it still holds. Nothing is sent until another user of the court with approval rights approves it.',
    auth: STAFF,
    params: IdParams,
    body: RequestDeductionBody,
    response: DeductionView,
    status: 201,
    errors: ['NOT_FOUND', 'CASE_NOT_OPEN', 'DEDUCTION_NOT_ALLOWED', 'DEDUCTION_PENDING', 'DEDUCTION_EXCEEDS_FROZEN', 'MEASURE_BUSY'],
    handler: async ({ params, body, actor }) => toDeductionView(ctx.db, await requestDeduction(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/deductions/:id/approve',
    tag: 'measures',
    summary: 'Approve a deduction (second approver) and send it',
    description: 'The approver must be another user of the same court with approval rights: the requester answers DEDUCTION_APPROVAL_REQUIRED, a user without rights FORBIDDEN.',
    auth: STAFF,
    params: IdParams,
    response: DeductionView,
    errors: ['NOT_FOUND', 'DEDUCTION_APPROVAL_REQUIRED', 'DEDUCTION_NOT_PENDING', 'DEDUCTION_NOT_ALLOWED', 'DEDUCTION_EXCEEDS_FROZEN', 'MEASURE_BUSY', 'CASE_NOT_OPEN'],
    handler: async ({ params, actor }) => sent(await toDeductionView(ctx.db, await approveDeduction(ctx, deps, actor, params.id))),
  });

  api.route({
    method: 'post',
    path: '/api/deductions/:id/decline',
    tag: 'measures',
    summary: 'Decline a deduction awaiting approval (or withdraw one\'s own)',
    auth: STAFF,
    params: IdParams,
    body: DeclineDeductionBody,
    response: DeductionView,
    errors: ['NOT_FOUND', 'DEDUCTION_NOT_PENDING'],
    handler: async ({ params, body, actor }) => toDeductionView(ctx.db, await declineDeduction(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/deductions',
    tag: 'measures',
    summary: 'The case\'s deductions, newest first',
    auth: READERS,
    params: IdParams,
    response: z.array(DeductionView),
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => caseDeductions(ctx, actor, params.id),
  });

  api.route({
    method: 'get',
    path: '/api/measures/expiring',
    tag: 'measures',
    summary: 'The court\'s calendar of measures expiring soon',
    description: 'Measures in force or queued of the user\'s court expiring within `days` (default 30), soonest first.',
    auth: STAFF,
    query: ExpiringQuery,
    response: z.array(MeasureView),
    handler: async ({ query, actor }) => expiringMeasures(ctx, actor, query.days),
  });
}
