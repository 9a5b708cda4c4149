import { z } from 'zod';
import { IdParams } from '../../../shared/schemas/common';
import { AlertsQuery, CloseSatisfiedBody, ClosingAlertView, ClosingView, InterviewView, RecordInterviewBody, RestoreBody, TerminateBody } from '../../../shared/schemas/closing';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import { closeSatisfied } from './close-satisfied';
import { toClosingView, toInterviewView } from './closing-view';
import { alertsFor, closingOf, interviewsFor } from './closing-queries';
import type { ClosingDeps } from './closing.ports';
import { recordInterview } from './record-interview';
import { restoreCase } from './restore-case';
import { terminateCase } from './terminate-case';

const READERS = ['judge', 'clerk', 'admin'] as const;

/** `deps` is read at each call, so the credit port can be rewired (the merge, tests) after mounting. */
export function closingRoutes(api: Api, ctx: AppContext, deps: ClosingDeps): void {
  const view = async (caseRow: Parameters<typeof toClosingView>[2]) => toClosingView(ctx.db, deps.credit, caseRow, ctx.clock.now());

  api.route({
    method: 'get',
    path: '/api/cases/:id/closing',
    tag: 'closing',
    summary: 'How the case stands for closing: 执行完毕, each 终本 condition met or missing, interviews, re-checks, alerts',
    auth: READERS,
    params: IdParams,
    response: ClosingView,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => closingOf(ctx, deps.credit, actor, params.id),
  });

  api.route({
    method: 'post',
    path: '/api/cases/:id/interviews',
    tag: 'closing',
    summary: 'Record an interview with the creditor (约谈)',
    description: 'Before terminating for lack of assets the court tells the creditor how enforcement went and hears them (终本规定 Art. 1 (五), Art. 5). The day may not be in the future nor before filing.',
    auth: ['judge', 'clerk'],
    params: IdParams,
    body: RecordInterviewBody,
    response: InterviewView,
    status: 201,
    errors: ['NOT_FOUND', 'CASE_NOT_OPEN'],
    handler: async ({ params, body, actor }) => toInterviewView(await recordInterview(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/interviews',
    tag: 'closing',
    summary: 'The interviews with the creditor recorded for the case',
    auth: READERS,
    params: IdParams,
    response: z.array(InterviewView),
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => interviewsFor(ctx, actor, params.id),
  });

  api.route({
    method: 'post',
    path: '/api/cases/:id/close-satisfied',
    tag: 'closing',
    summary: 'Close the case as enforced in full (执行完毕)',
    description:
      'Only when nothing is outstanding (CLAIM_OUTSTANDING with `outstandingAmount` otherwise). Every measure in force or queued is released through the outbox with the reason 执行完毕 (查扣冻 Art. 28 (四)); MEASURE_BUSY while an order awaits an institution. The debtor comes off the dishonest list (失信 Art. 10, 2017 revision; Art. 7 (一) of the 2013 text).',
    auth: ['judge'],
    params: IdParams,
    body: CloseSatisfiedBody,
    response: ClosingView,
    errors: ['NOT_FOUND', 'CASE_NOT_OPEN', 'CLAIM_OUTSTANDING', 'MEASURE_BUSY'],
    handler: async ({ params, actor }) => view((await closeSatisfied(ctx, deps, actor, params.id)).theCase),
  });

  api.route({
    method: 'post',
    path: '/api/cases/:id/terminate',
    tag: 'closing',
    summary: 'Terminate the procedure for lack of assets (终结本次执行程序, 终本)',
    description:
      'Only when all hold (终本规定 Art. 1): more than 3 calendar months since filing, a completed online inquiry of every debtor, a consumption restriction in force, an interview with the creditor. Otherwise TERMINATION_CONDITIONS_UNMET with `missing`: every condition not met, each with its `code`, `rule` and `message`. On termination a re-check is scheduled every 6 months for 5 years (终本规定 Art. 9).',
    auth: ['judge'],
    params: IdParams,
    body: TerminateBody,
    response: ClosingView,
    errors: ['NOT_FOUND', 'CASE_NOT_OPEN', 'TERMINATION_CONDITIONS_UNMET'],
    handler: async ({ params, body, actor }) => view(await terminateCase(ctx, deps, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/cases/:id/restore',
    tag: 'closing',
    summary: 'Restore enforcement of a terminated case (恢复执行)',
    description: 'At any time after termination, with the reason (民诉解释 Art. 517 para 2). The case is open again and the re-checks not yet done stop.',
    auth: ['judge'],
    params: IdParams,
    body: RestoreBody,
    response: ClosingView,
    errors: ['NOT_FOUND', 'CASE_NOT_TERMINATED'],
    handler: async ({ params, body, actor }) => view(await restoreCase(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'get',
    path: '/api/closing/alerts',
    tag: 'closing',
    summary: 'Re-checks after termination that found assets, newest first (the court\'s own; pushed live as `closing.alert`)',
    auth: READERS,
    query: AlertsQuery,
    response: z.array(ClosingAlertView),
    handler: async ({ query, actor }) => alertsFor(ctx, actor, query.days),
  });
}
