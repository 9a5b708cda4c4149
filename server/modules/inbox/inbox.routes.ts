import { z } from 'zod';
import { Asset } from '../../../shared/institution-protocol';
import { IdParams } from '../../../shared/schemas/common';
import { ExecuteNoticeBody, NoticePage, NoticeView, NoticesQuery, RejectNoticeBody, WebhookBody } from '../../../shared/schemas/inbox';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { Api } from '../../platform/http/api';
import { institutionById, setWebhook } from '../institutions';
import { executeNotice, noticeVisibleTo, rejectNotice, type AnswerDeps } from './answer-notice';
import { noticesOf } from './inbox.store';
import { toNoticeView } from './inbox-view';

export interface InboxRouteDeps extends AnswerDeps {
  /** What the institution's own system shows for a debtor (its records), to help the operator answer. */
  recordsOf: (institutionCode: string, idNumber: string) => Promise<Asset[]>;
}

const OPERATOR = ['institution_operator'] as const;

export function inboxRoutes(api: Api, ctx: AppContext, deps: InboxRouteDeps): void {
  const ownInstitution = async (institutionId: string | null) => {
    const institution = institutionId ? await institutionById(ctx.db, institutionId) : undefined;
    if (!institution) throw new AppError('FORBIDDEN', '您不属于任何协助执行机构 / You do not belong to an institution');
    return institution;
  };

  api.route({
    method: 'get',
    path: '/api/inbox',
    tag: 'inbox',
    summary: 'The notices of the operator\'s institution, newest first',
    description: 'New notices are also pushed over socket.io as `inbox.notice` to the institution\'s operators.',
    auth: OPERATOR,
    query: NoticesQuery,
    response: NoticePage,
    handler: async ({ query, actor }) => {
      const institution = await ownInstitution(actor.institutionId);
      const { rows, total } = await noticesOf(ctx.db, institution.code, query.status, query.page, query.pageSize);
      return { items: rows.map(toNoticeView), total, page: query.page, pageSize: query.pageSize };
    },
  });

  api.route({
    method: 'get',
    path: '/api/inbox/:id',
    tag: 'inbox',
    summary: 'One notice',
    auth: OPERATOR,
    params: IdParams,
    response: NoticeView,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => toNoticeView(await noticeVisibleTo(ctx, actor, params.id)),
  });

  api.route({
    method: 'get',
    path: '/api/inbox/:id/records',
    tag: 'inbox',
    summary: 'What the institution\'s own records hold for the notice\'s debtor',
    auth: OPERATOR,
    params: IdParams,
    response: z.array(Asset),
    errors: ['NOT_FOUND', 'UNAVAILABLE'],
    handler: async ({ params, actor }) => {
      const notice = await noticeVisibleTo(ctx, actor, params.id);
      const debtor = (notice.body as { debtor?: { idNumber?: string } }).debtor;
      if (!debtor?.idNumber) return [];
      return deps.recordsOf(notice.institutionCode, debtor.idNumber).catch(() => {
        throw new AppError('UNAVAILABLE', '机构业务系统暂不可用 / The institution\'s records are unavailable right now');
      });
    },
  });

  api.route({
    method: 'post',
    path: '/api/inbox/:id/execute',
    tag: 'inbox',
    summary: 'Report a notice executed, with its result',
    description: 'inquiry: the assets held (or none); freeze: rank and amount actually frozen; seize: rank; deduct: the amount transferred.',
    auth: OPERATOR,
    params: IdParams,
    body: ExecuteNoticeBody,
    response: NoticeView,
    errors: ['NOT_FOUND', 'NOTICE_ANSWERED'],
    handler: async ({ params, body, actor }) => toNoticeView(await executeNotice(ctx, deps, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/inbox/:id/reject',
    tag: 'inbox',
    summary: 'Refuse a notice, with the reason (the court sees it)',
    auth: OPERATOR,
    params: IdParams,
    body: RejectNoticeBody,
    response: NoticeView,
    errors: ['NOT_FOUND', 'NOTICE_ANSWERED'],
    handler: async ({ params, body, actor }) => toNoticeView(await rejectNotice(ctx, deps, actor, params.id, body.reason)),
  });

  api.route({
    method: 'get',
    path: '/api/institutions/mine',
    tag: 'inbox',
    summary: 'The operator\'s institution, with its webhook',
    auth: OPERATOR,
    response: z.object({ code: z.string(), name: z.string(), kind: z.string(), mode: z.enum(['auto', 'manual']), webhookUrl: z.string().nullable() }),
    handler: async ({ actor }) => {
      const institution = await ownInstitution(actor.institutionId);
      return { code: institution.code, name: institution.name, kind: institution.kind, mode: institution.mode, webhookUrl: institution.webhookUrl };
    },
  });

  api.route({
    method: 'put',
    path: '/api/institutions/mine/webhook',
    tag: 'inbox',
    summary: 'Register (or remove) the institution\'s webhook for new notices',
    description: 'Deliveries are POSTs signed with HMAC-SHA256 under the institution\'s key (header `x-zhixing-signature` and field `signature`), retried with back-off.',
    auth: OPERATOR,
    body: WebhookBody,
    response: z.object({ url: z.string().nullable() }),
    handler: async ({ body, actor }) => {
      const institution = await ownInstitution(actor.institutionId);
      await setWebhook(ctx.db, institution.id, body.url);
      return { url: body.url };
    },
  });
}
