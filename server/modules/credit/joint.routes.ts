import { z } from 'zod';
import { IdParams } from '../../../shared/schemas/common';
import {
  BatchCheckBody,
  BatchCheckResult,
  CheckBody,
  CheckLogPage,
  CheckLogQuery,
  CheckResult,
  InterceptionBody,
  InterceptionReceipt,
  InterceptionView,
  JOINT_EVENTS,
  MAX_BATCH_CHECK,
  SubscriptionBody,
  SubscriptionView,
  type CheckAnswer,
} from '../../../shared/schemas/joint';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { Api } from '../../platform/http/api';
import { caseVisibleTo } from '../cases';
import { checkSubjects } from './check-subjects';
import { authenticateCaller, logRefusedCheck, type SignedFields } from './joint-auth';
import { checkLog, interceptionsOfCase } from './joint.store';
import { subscribe } from './joint-subscription';
import { interceptionViews, reportInterception } from './report-interception';

const SIGNED_NOTE =
  'Called by institutions and platforms, not by court staff. Either **signed**: `institution`, `requestId` (fresh uuid), `sentAt` (within 5 min) and `signature` = HMAC-SHA256 (hex) over the canonical JSON (RFC 8785) of the rest of the body under the institution\'s network key, as for POST /api/network/callbacks; or with the session of an **institution operator**. UNAUTHENTICATED: neither, or a forged/stale signature; FORBIDDEN: a session of another role.';

/** Joint punishment (联合惩戒): the check API, subscriptions, interception reports, and the logs the court reads. */
export function jointRoutes(api: Api, ctx: AppContext): void {
  /** Authenticates a checker; a refused attempt is logged (who, when, why; no ID numbers, no answer). */
  const checker = async (kind: 'single' | 'batch', actor: Actor | undefined, raw: unknown, body: SignedFields, subjects: number) => {
    try {
      return await authenticateCaller(ctx, actor, raw, body);
    } catch (err) {
      if (err instanceof AppError) await logRefusedCheck(ctx, kind, body.institution, actor, err.code, subjects);
      throw err;
    }
  };

  api.route({
    method: 'post',
    path: '/api/credit/joint/check',
    tag: 'joint punishment',
    summary: 'Check one person or organisation by ID number (and name): listed (失信), restricted (限高), the Art. 3 prohibitions and the listing facts',
    description: `${SIGNED_NOTE}\n\nThe whole ID number is answered (the caller supplied it). Every check is logged with its answer. A requestId used before: REPLAYED.`,
    auth: 'public',
    body: CheckBody,
    response: CheckResult,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'REPLAYED'],
    handler: async ({ body, req }) => {
      const caller = await checker('single', req.actor, req.body, body, 1);
      const { checkId, checkedAt, results } = await checkSubjects(ctx, caller, 'single', [{ idNumber: body.idNumber, name: body.name }]);
      return { ...(results[0] as CheckAnswer), checkId, checkedAt };
    },
  });

  api.route({
    method: 'post',
    path: '/api/credit/joint/checks',
    tag: 'joint punishment',
    summary: `Check a batch of up to ${MAX_BATCH_CHECK} people or organisations`,
    description: `${SIGNED_NOTE}\n\nThe answers come in the order asked. More than ${MAX_BATCH_CHECK}: BATCH_TOO_LARGE, nothing answered or logged as an answer.`,
    auth: 'public',
    body: BatchCheckBody,
    response: BatchCheckResult,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'REPLAYED', 'BATCH_TOO_LARGE'],
    handler: async ({ body, req }) => {
      const caller = await checker('batch', req.actor, req.body, body, body.subjects.length);
      return checkSubjects(ctx, caller, 'batch', body.subjects);
    },
  });

  api.route({
    method: 'put',
    path: '/api/credit/joint/subscription',
    tag: 'joint punishment',
    summary: 'Subscribe the institution to list changes by webhook (or end the subscription with url null)',
    description: `${SIGNED_NOTE}\n\nEvents ${JOINT_EVENTS.join(', ')} are POSTed to the URL with the subject's whole ID number, signed with the institution's key (field \`signature\`, header \`x-zhixing-signature\`). The receiver answers 2xx with a signed ack \`{ deliveryId, institution, receivedAt, signature }\`; anything else (no ack, a forged one) is not a delivery and the event is retried with back-off (5 s doubling, 10 attempts).`,
    auth: 'public',
    body: SubscriptionBody,
    response: SubscriptionView,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
    handler: async ({ body, req }) => {
      const caller = await authenticateCaller(ctx, req.actor, req.body, body);
      return subscribe(ctx, caller, body.url);
    },
  });

  api.route({
    method: 'post',
    path: '/api/credit/interceptions',
    tag: 'joint punishment',
    summary: 'Report an interception: the institution refused a transaction of a restricted person (限高 Art. 3)',
    description: `${SIGNED_NOTE}\n\nRecorded on the timeline of each case whose restriction applies and pushed to its court (socket.io \`credit.interception\`). NOT_RESTRICTED when no restriction is in force against the ID number; REPLAYED for a requestId already reported.`,
    auth: 'public',
    body: InterceptionBody,
    response: InterceptionReceipt,
    status: 201,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'REPLAYED', 'NOT_RESTRICTED'],
    handler: async ({ body, req }) => {
      const caller = await authenticateCaller(ctx, req.actor, req.body, body);
      return { interceptions: await reportInterception(ctx, caller, body) };
    },
  });

  api.route({
    method: 'get',
    path: '/api/credit/joint/checks',
    tag: 'joint punishment',
    summary: 'The check log: who asked about whom, and the answer given',
    description: 'Court staff see the checks about people their court listed or restricted; an administrator sees every check, and the refused attempts.',
    auth: ['judge', 'clerk', 'admin'],
    query: CheckLogQuery,
    response: CheckLogPage,
    handler: async ({ query, actor }) => {
      const courtId = actor.role === 'admin' ? null : actor.courtId;
      if (actor.role !== 'admin' && !courtId) throw new AppError('FORBIDDEN', '您不属于任何法院 / You do not belong to a court');
      const { rows, total } = await checkLog(ctx.db, { courtId, idNumber: query.idNumber, institution: query.institution, status: query.status, page: query.page, pageSize: query.pageSize });
      return {
        items: rows.map(({ check, answer }) => ({
          checkId: check.id,
          at: check.at.toISOString(),
          institution: check.institutionCode,
          via: check.via,
          kind: check.kind,
          status: check.status,
          refusalCode: check.refusalCode,
          idNumber: answer?.idNumber ?? null,
          listed: answer?.listed ?? null,
          restricted: answer?.restricted ?? null,
          answer: (answer?.answer as CheckAnswer | undefined) ?? null,
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/credit/interceptions',
    tag: 'joint punishment',
    summary: 'Interceptions institutions reported against the case\'s restricted debtors, newest first',
    auth: ['judge', 'clerk', 'admin'],
    params: IdParams,
    response: z.array(InterceptionView),
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => {
      await caseVisibleTo(ctx.db, actor, params.id);
      return interceptionViews(ctx, await interceptionsOfCase(ctx.db, params.id));
    },
  });
}
