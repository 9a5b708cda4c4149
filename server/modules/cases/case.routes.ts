import { z } from 'zod';
import { IdParams } from '../../../shared/schemas/common';
import { CaseDetail, CasePage, CreateCaseBody, ListCasesQuery, TimelineEntry } from '../../../shared/schemas/cases';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import { caseVisibleTo } from './case-access';
import { caseTimeline } from './case-timeline';
import { toDetail } from './case-view';
import { createCase } from './create-case';
import { listCasesFor } from './list-cases';

export function caseRoutes(api: Api, ctx: AppContext): void {
  api.route({
    method: 'post',
    path: '/api/cases',
    tag: 'cases',
    summary: 'File an enforcement case (立案)',
    description: 'Leave `caseNo` out to have the next number of the court and year assigned. A given number must carry the filing court\'s code.',
    auth: ['judge', 'clerk'],
    body: CreateCaseBody,
    response: CaseDetail,
    status: 201,
    errors: ['INVALID_CASE_NO', 'CASE_NO_COURT_MISMATCH', 'CASE_NO_TAKEN'],
    handler: async ({ body, actor }) => toDetail(ctx.db, await createCase(ctx, actor, body)),
  });

  api.route({
    method: 'get',
    path: '/api/cases',
    tag: 'cases',
    summary: 'List cases with filters and pagination',
    description: 'A judge or clerk sees only their own court\'s cases.',
    auth: ['judge', 'clerk', 'admin'],
    query: ListCasesQuery,
    response: CasePage,
    handler: async ({ query, actor }) => listCasesFor(ctx, actor, query),
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id',
    tag: 'cases',
    summary: 'A case with its parties',
    auth: ['judge', 'clerk', 'admin'],
    params: IdParams,
    response: CaseDetail,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => toDetail(ctx.db, await caseVisibleTo(ctx.db, actor, params.id)),
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/timeline',
    tag: 'cases',
    summary: 'The case\'s timeline (节点), read from the audit trail',
    auth: ['judge', 'clerk', 'admin'],
    params: IdParams,
    response: z.array(TimelineEntry),
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => caseTimeline(ctx, actor, params.id),
  });
}
