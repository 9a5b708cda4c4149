import { z } from 'zod';
import { IdParams } from '../../../shared/schemas/common';
import { AssetView, InquiryProgress, JournalPage, JournalQuery, StartInquiryBody, TargetPage, TargetsQuery } from '../../../shared/schemas/inquiry';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import { caseVisibleTo } from '../cases';
import { journalOfCase } from '../network';
import type { InquiryService } from './inquiry-service';
import { assetsOfCase, inquiriesOfCaseFor, inquiryVisibleTo, targetsFor } from './inquiry-queries';
import { toProgress } from './inquiry-view';

const STAFF = ['judge', 'clerk', 'admin'] as const;

export function inquiryRoutes(api: Api, ctx: AppContext, service: InquiryService): void {
  api.route({
    method: 'post',
    path: '/api/cases/:id/inquiries',
    tag: 'inquiry',
    summary: 'Search a debtor\'s assets across the network (网络查询)',
    description: 'Fans out to every connected institution (or those of `kinds`) and answers at once; progress follows over socket.io (`inquiry.progress`) and from GET /api/inquiries/{id}. Only a debtor of this case may be searched (财调 Art. 13).',
    auth: ['judge', 'clerk'],
    params: IdParams,
    body: StartInquiryBody,
    response: InquiryProgress,
    status: 202,
    errors: ['NOT_FOUND', 'NOT_A_DEBTOR', 'NO_INSTITUTIONS', 'CASE_NOT_OPEN'],
    handler: async ({ params, body, actor }) => toProgress(await service.start(actor, params.id, body)),
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/inquiries',
    tag: 'inquiry',
    summary: 'The case\'s inquiries, newest first',
    auth: STAFF,
    params: IdParams,
    response: z.array(InquiryProgress),
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => inquiriesOfCaseFor(ctx, actor, params.id),
  });

  api.route({
    method: 'get',
    path: '/api/inquiries/:id',
    tag: 'inquiry',
    summary: 'An inquiry\'s progress',
    auth: STAFF,
    params: IdParams,
    response: InquiryProgress,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => toProgress(await inquiryVisibleTo(ctx, actor, params.id)),
  });

  api.route({
    method: 'get',
    path: '/api/inquiries/:id/targets',
    tag: 'inquiry',
    summary: 'Each institution asked, with its status and findings',
    auth: STAFF,
    params: IdParams,
    query: TargetsQuery,
    response: TargetPage,
    errors: ['NOT_FOUND'],
    handler: async ({ params, query, actor }) => targetsFor(ctx, actor, params.id, query.status, query.page, query.pageSize),
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/assets',
    tag: 'inquiry',
    summary: 'The debtors\' assets found, across institutions and inquiries, with their encumbrances',
    auth: STAFF,
    params: IdParams,
    response: z.array(AssetView),
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => assetsOfCase(ctx, actor, params.id),
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/journal',
    tag: 'network',
    summary: 'Every message to and from institutions about this case',
    auth: STAFF,
    params: IdParams,
    query: JournalQuery,
    response: JournalPage,
    errors: ['NOT_FOUND'],
    handler: async ({ params, query, actor }) => {
      await caseVisibleTo(ctx.db, actor, params.id);
      await service.flushJournal();
      const { rows, total } = await journalOfCase(ctx.db, params.id, query.page, query.pageSize, query.institutionCode);
      return {
        items: rows.map((r) => ({ ...r, at: r.at.toISOString(), payload: r.payload ?? null })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  });
}
