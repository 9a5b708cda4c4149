import { z } from 'zod';
import { IdParams } from '../../../shared/schemas/common';
import {
  AppraisalFirmView,
  AppraisalReportBody,
  ChooseFirmsBody,
  DeliveryBody,
  DirectedResultBody,
  ExtensionBody,
  FailStepBody,
  FirmsQuery,
  InquiryPlatformView,
  LotteryBody,
  NegotiatedBody,
  ObjectionBody,
  ObjectionView,
  RulingBody,
  SkipBody,
  StartValuationBody,
  ValuationView,
} from '../../../shared/schemas/valuation';
import { AppError } from '../../platform/errors';
import { APPRAISAL_FIRMS, firmsFor } from './appraisal-firms';
import { chooseFirms } from './choose-firms';
import { deliverReport } from './deliver-report';
import { drawLottery } from './draw-lottery';
import { extendAppraisal } from './extend-appraisal';
import { failStep } from './fail-step';
import { fileObjection } from './file-objection';
import { sendCommissions } from './online-inquiry';
import { recordAppraisalReport } from './record-appraisal-report';
import { recordDirectedResult } from './record-directed-result';
import { ruleObjection } from './rule-objection';
import { skipMethod } from './skip-method';
import { toObjectionView } from './valuation-view';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import { fixNegotiated } from './fix-negotiated';
import type { ValuationDeps } from './run-flow';
import { startValuation } from './start-valuation';
import { caseValuations, measureValuations, valuationDetail } from './valuation-queries';
import { toValuationView } from './valuation-view';

const STAFF = ['judge', 'clerk'] as const;
const READERS = ['judge', 'clerk', 'admin'] as const;

export function valuationRoutes(api: Api, ctx: AppContext, deps: ValuationDeps): void {
  const view = async (row: Parameters<typeof toValuationView>[1]) => toValuationView(ctx.db, row);

  api.route({
    method: 'post',
    path: '/api/measures/:id/valuations',
    tag: 'valuation',
    summary: 'Start fixing the reference price of a seized or frozen asset (确定财产处置参考价)',
    description:
      'The measure must be in force (参考价 Art. 1) and of an asset that is sold (real estate, vehicle, securities, equity; funds are deducted instead). The first method is the parties\' negotiation (参考价 Art. 4) with `negotiationDeadline` (default 7 days, at most 30). Refused while a valuation of the measure runs (VALUATION_RUNNING) or its price is still valid (REFERENCE_PRICE_VALID). Another court\'s measure answers 404.',
    auth: STAFF,
    params: IdParams,
    body: StartValuationBody,
    response: ValuationView,
    status: 201,
    errors: ['NOT_FOUND', 'CASE_NOT_OPEN', 'MEASURE_NOT_IN_FORCE', 'VALUATION_NOT_APPLICABLE', 'VALUATION_RUNNING', 'REFERENCE_PRICE_VALID'],
    handler: async ({ params, body, actor }) => view(await startValuation(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/valuations/:id/negotiated',
    tag: 'valuation',
    summary: 'Record the parties\' negotiated price: it is the reference price at once (当事人议价)',
    description:
      'Both parties submitted the same `price` before the negotiation deadline (参考价 Art. 4 para 2); `agreement` records what they signed. Valid for `validUntil` if given, at most and by default 1 year (Art. 27). No objection lies against it (Art. 24). While an online inquiry or appraisal is in progress, it withdraws it (Art. 29 para 2).',
    auth: STAFF,
    params: IdParams,
    body: NegotiatedBody,
    response: ValuationView,
    errors: ['NOT_FOUND', 'VALUATION_NOT_RUNNING', 'STEP_DEADLINE_PASSED', 'VALIDITY_TOO_LONG'],
    handler: async ({ params, body, actor }) => view(await fixNegotiated(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'get',
    path: '/api/valuations/:id',
    tag: 'valuation',
    summary: 'A valuation with its steps, deadlines, results, objections and reference price',
    auth: READERS,
    params: IdParams,
    response: ValuationView,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => valuationDetail(ctx, actor, params.id),
  });

  api.route({
    method: 'get',
    path: '/api/measures/:id/valuations',
    tag: 'valuation',
    summary: 'The valuations of a measure\'s asset, newest first',
    auth: READERS,
    params: IdParams,
    response: z.array(ValuationView),
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => measureValuations(ctx, actor, params.id),
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/valuations',
    tag: 'valuation',
    summary: 'The valuations of a case, newest first',
    auth: READERS,
    params: IdParams,
    response: z.array(ValuationView),
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => caseValuations(ctx, actor, params.id),
  });

  /** After a step that may have opened an online inquiry: the commissions go out at once (the job retries failures). */
  const sent = async (row: Parameters<typeof toValuationView>[1]) => {
    await sendCommissions(ctx, deps, row.id);
    return view(row);
  };

  api.route({
    method: 'post',
    path: '/api/valuations/:id/fail',
    tag: 'valuation',
    summary: 'Record that the negotiation or the directed inquiry failed; the next method opens',
    description:
      'A party refused to negotiate or cannot be found (参考价 Art. 4), or the institution asked by the directed inquiry gave no result (Art. 5–7). The next method the law allows for the asset opens at once: directed inquiry (real estate, vehicles), online inquiry (all platforms asked at once, Art. 10), appraisal. Without it, the deadlines do the same through the jobs.',
    auth: STAFF,
    params: IdParams,
    body: FailStepBody,
    response: ValuationView,
    errors: ['NOT_FOUND', 'VALUATION_NOT_RUNNING', 'METHOD_OUT_OF_ORDER', 'PLATFORMS_UNAVAILABLE'],
    handler: async ({ params, body, actor }) => sent(await failStep(ctx, deps, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/valuations/:id/skip',
    tag: 'valuation',
    summary: 'Record the parties\' joint request to go straight to a later method',
    description:
      'Both parties asked for `to` directly (参考价 Art. 5 para 2, 7 para 2, 14); `agreement` records who, when and what, on each method skipped. Only forward in the legal order (METHOD_OUT_OF_ORDER) and only a method the law allows for the asset (METHOD_NOT_AVAILABLE: directed inquiry needs a tax base or government price, online inquiry an asset priced without site inspection).',
    auth: STAFF,
    params: IdParams,
    body: SkipBody,
    response: ValuationView,
    errors: ['NOT_FOUND', 'VALUATION_NOT_RUNNING', 'METHOD_OUT_OF_ORDER', 'METHOD_NOT_AVAILABLE', 'PLATFORMS_UNAVAILABLE'],
    handler: async ({ params, body, actor }) => sent(await skipMethod(ctx, deps, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/valuations/:id/directed-result',
    tag: 'valuation',
    summary: 'Record the directed inquiry\'s result: it is the reference price at once (定向询价)',
    description: 'Within the term of the inquiry letter (参考价 Art. 6). No objection lies against it (Art. 24). Valid at most 1 year (Art. 27).',
    auth: STAFF,
    params: IdParams,
    body: DirectedResultBody,
    response: ValuationView,
    errors: ['NOT_FOUND', 'VALUATION_NOT_RUNNING', 'METHOD_OUT_OF_ORDER', 'STEP_DEADLINE_PASSED', 'VALIDITY_TOO_LONG'],
    handler: async ({ params, body, actor }) => view(await recordDirectedResult(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/valuations/:id/appraisal/firms',
    tag: 'valuation',
    summary: 'Record the three appraisal firms the parties chose, in order; the first is commissioned',
    description: 'Firms of the list for the asset\'s kind (GET /api/valuation/appraisal-firms; 参考价 Art. 15, 16). The first has 30 days (Art. 19); the others wait in order.',
    auth: STAFF,
    params: IdParams,
    body: ChooseFirmsBody,
    response: ValuationView,
    errors: ['NOT_FOUND', 'VALUATION_NOT_RUNNING', 'METHOD_OUT_OF_ORDER', 'FIRMS_INVALID', 'CONFLICT'],
    handler: async ({ params, body, actor }) => view(await chooseFirms(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/valuations/:id/appraisal/lottery',
    tag: 'valuation',
    summary: 'Draw the three appraisal firms by lot (摇号)',
    description:
      'When the parties do not agree or one cannot be found (参考价 Art. 16). A seeded shuffle over the list sorted by code; the seed (given or random), the pool and the draw are recorded in the step\'s `details.lottery`, so anyone can re-run it. The job draws by itself when the parties\' term ends.',
    auth: STAFF,
    params: IdParams,
    body: LotteryBody,
    response: ValuationView,
    errors: ['NOT_FOUND', 'VALUATION_NOT_RUNNING', 'METHOD_OUT_OF_ORDER', 'CONFLICT'],
    handler: async ({ params, body, actor }) => view(await drawLottery(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/valuations/:id/appraisal/extension',
    tag: 'valuation',
    summary: 'Grant the commissioned firm more time',
    description: 'At most 2 extensions of at most 15 days each, applied for at least 5 days before the deadline (参考价 Art. 19 para 2).',
    auth: STAFF,
    params: IdParams,
    body: ExtensionBody,
    response: ValuationView,
    errors: ['NOT_FOUND', 'VALUATION_NOT_RUNNING', 'METHOD_OUT_OF_ORDER', 'APPRAISAL_EXTENSION_LIMIT', 'APPRAISAL_EXTENSION_TOO_LONG', 'APPRAISAL_EXTENSION_TOO_LATE', 'CONFLICT'],
    handler: async ({ params, body, actor }) => view(await extendAppraisal(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/valuations/:id/appraisal/report',
    tag: 'valuation',
    summary: 'Record the commissioned firm\'s appraisal report as it arrives',
    description: 'Within the firm\'s deadline (参考价 Art. 19). Then deliver it to the parties (POST …/delivery), who may object within 5 days (Art. 22).',
    auth: STAFF,
    params: IdParams,
    body: AppraisalReportBody,
    response: ValuationView,
    errors: ['NOT_FOUND', 'VALUATION_NOT_RUNNING', 'METHOD_OUT_OF_ORDER', 'STEP_DEADLINE_PASSED', 'VALIDITY_TOO_LONG', 'CONFLICT'],
    handler: async ({ params, body, actor }) => view(await recordAppraisalReport(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/valuations/:id/delivery',
    tag: 'valuation',
    summary: 'Record that the online inquiry or appraisal report was delivered to the parties',
    description: 'The delivery time is now; the 5-day objection window runs from receipt (a public notice counts as received 15 days after; 参考价 Art. 21, 22). When it ends with no objection pending, the price is fixed (Art. 26).',
    auth: STAFF,
    params: IdParams,
    body: DeliveryBody,
    response: ValuationView,
    errors: ['NOT_FOUND', 'VALUATION_NOT_RUNNING', 'REPORT_NOT_READY', 'CONFLICT'],
    handler: async ({ params, body, actor }) => view(await deliverReport(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/valuations/:id/objections',
    tag: 'valuation',
    summary: 'Record a party\'s written objection to a report',
    description:
      'Against one platform\'s online inquiry report or the appraisal report (`resultId`), within 5 days of receiving it (参考价 Art. 22, 23). Refused against a negotiated price or a directed inquiry\'s result (OBJECTION_NOT_ALLOWED, Art. 24 para 2) and after the 5 days (OBJECTION_TOO_LATE, Art. 24 para 1).',
    auth: STAFF,
    params: IdParams,
    body: ObjectionBody,
    response: ObjectionView,
    status: 201,
    errors: ['NOT_FOUND', 'OBJECTION_NOT_ALLOWED', 'OBJECTION_TOO_LATE', 'REPORT_NOT_READY', 'REPORT_NOT_DELIVERED'],
    handler: async ({ params, body, actor }) => toObjectionView(ctx.db, await fileObjection(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'post',
    path: '/api/valuation-objections/:id/ruling',
    tag: 'valuation',
    summary: 'Rule on an objection (judge)',
    description:
      'Upheld drops the report: an online inquiry\'s price becomes the mean of the reports left (参考价 Art. 13 para 2), an appraisal goes to the next firm (Art. 23); with nothing left, the next method. Rejected, the report stands. With the window over and nothing pending, the price is fixed at once (Art. 26).',
    auth: ['judge'],
    params: IdParams,
    body: RulingBody,
    response: ObjectionView,
    errors: ['NOT_FOUND', 'OBJECTION_NOT_PENDING'],
    handler: async ({ params, body, actor }) => toObjectionView(ctx.db, await ruleObjection(ctx, actor, params.id, body)),
  });

  api.route({
    method: 'get',
    path: '/api/valuation/appraisal-firms',
    tag: 'valuation',
    summary: 'The list of appraisal firms (司法评估机构名单库), by the specialty for an asset kind',
    auth: STAFF,
    query: FirmsQuery,
    response: z.array(AppraisalFirmView),
    handler: async ({ query }) => (query.assetKind ? firmsFor(query.assetKind) : [...APPRAISAL_FIRMS]),
  });

  api.route({
    method: 'get',
    path: '/api/valuation/inquiry-platforms',
    tag: 'valuation',
    summary: 'The list of judicial online inquiry platforms (司法网络询价平台名单库), all asked at once (参考价 Art. 10)',
    auth: STAFF,
    response: z.array(InquiryPlatformView),
    errors: ['PLATFORMS_UNAVAILABLE'],
    handler: async () => {
      try {
        return (await deps.platforms.list()).map((p) => ({ code: p.code, name: p.name }));
      } catch {
        throw new AppError('PLATFORMS_UNAVAILABLE', '司法网络询价平台名单暂不可用，请稍后再试 / The list of inquiry platforms cannot be read now; try again later');
      }
    },
  });
}
