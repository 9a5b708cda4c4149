/**
 * The online inquiry (网络询价, 参考价 Art. 10–13) with the platforms: send every commission until the platform
 * acknowledges it, ask for the reports, record each with the platform's issue time, and decide the step at its
 * deadline (mean of the reports in time, the one 3-day extension, or on to appraisal).
 */
import type { AssetKind } from '../../../shared/institution-protocol';
import type { Actor } from '../../platform/actor';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { courtById } from '../courts';
import type { InquiryPlatform } from './inquiry-platform';
import { inValuation, type ValuationDeps } from './run-flow';
import { afterResultsChanged, audit, failAndAdvance, type Flow } from './valuation-flow';
import { evaluateOnlineInquiry } from './valuation.rules';
import {
  awaitedReports,
  markAcknowledged,
  resultById,
  resultsOfSteps,
  stepById,
  unsentCommissions,
  updateResult,
  updateStep,
  valuationById,
  type StepRow,
  type ValuationRow,
} from './valuation.store';

/** The platform, as the actor of what it reports (the audit trail names it). */
export function platformActor(code: string, name: string): Actor {
  return { ...SYSTEM_ACTOR, displayName: `网络询价平台 ${name} / inquiry platform ${code}` };
}

async function platformMap(ctx: AppContext, deps: ValuationDeps): Promise<Map<string, InquiryPlatform> | null> {
  try {
    return new Map((await deps.platforms.list()).map((p) => [p.code, p]));
  } catch (err) {
    ctx.logger.warn({ err }, 'inquiry platform list unavailable');
    return null;
  }
}

/**
 * Sends the commissions no platform has acknowledged yet (optionally of one valuation). Each is idempotent by its
 * id at the platform, so sending one twice (two processes, a retry) is harmless. Failures wait for the next run.
 */
export async function sendCommissions(ctx: AppContext, deps: ValuationDeps, valuationId?: string): Promise<number> {
  const rows = await unsentCommissions(ctx.db, 500, valuationId);
  if (rows.length === 0) return 0;
  const platforms = await platformMap(ctx, deps);
  if (!platforms) return 0;
  const valuations = new Map<string, ValuationRow | undefined>();
  const courts = new Map<string, string>();
  let sent = 0;
  await Promise.all(
    rows.map(async (r) => {
      const platform = platforms.get(r.sourceCode);
      if (!platform) return;
      if (!valuations.has(r.valuationId)) valuations.set(r.valuationId, await valuationById(ctx.db, r.valuationId));
      const v = valuations.get(r.valuationId);
      if (!v) return;
      if (!courts.has(v.courtId)) courts.set(v.courtId, (await courtById(ctx.db, v.courtId))?.name ?? '');
      try {
        const { receivedAt } = await platform.commission({
          requestId: r.id,
          court: courts.get(v.courtId)!,
          caseNo: v.caseNo,
          asset: { kind: v.assetKind as AssetKind, identifier: v.assetIdentifier, description: v.assetDescription, indicativeValue: v.indicativeValue },
          requestedAt: r.requestedAt!,
          deadline: r.dueAt!,
        });
        await inValuation(ctx, platformActor(platform.code, platform.name), r.valuationId, null, async (flow, valuation) => {
          const current = await resultById(flow.tx, r.id);
          if (!current || current.status !== 'pending' || current.acknowledgedAt) return;
          await markAcknowledged(flow.tx, r.id, receivedAt);
          await audit(flow, valuation, 'platform_acknowledged', { platform: r.sourceCode, receivedAt: receivedAt.toISOString() });
        });
        sent++;
      } catch (err) {
        ctx.logger.warn({ err, platform: r.sourceCode, valuationId: r.valuationId }, 'online inquiry commission not delivered; retried on the next run');
      }
    }),
  );
  return sent;
}

/** Asks each platform for the reports it has not delivered; records each issued one and decides its step. */
export async function pollReports(ctx: AppContext, deps: ValuationDeps): Promise<number> {
  const rows = await awaitedReports(ctx.db, ctx.clock.now(), 500);
  if (rows.length === 0) return 0;
  const platforms = await platformMap(ctx, deps);
  if (!platforms) return 0;
  let received = 0;
  for (const r of rows) {
    const platform = platforms.get(r.sourceCode);
    if (!platform) continue;
    let report;
    try {
      report = await platform.report(r.id);
    } catch (err) {
      ctx.logger.warn({ err, platform: r.sourceCode }, 'online inquiry report not read; retried on the next run');
      continue;
    }
    if (!report) continue;
    const got = report;
    const recorded = await inValuation(ctx, platformActor(platform.code, platform.name), r.valuationId, null, async (flow, valuation) => {
      const current = await resultById(flow.tx, r.id);
      if (!current) return false;
      if (current.status === 'unanswered') {
        const step = await stepById(flow.tx, current.stepId);
        const inTime = current.dueAt !== null && got.issuedAt.getTime() <= current.dueAt.getTime();
        // Issued in time but read only after the step was decided (the platform could not be reached then): it counts,
        // as long as the price is not fixed yet (参考价 Art. 13). Otherwise it is late: recorded with its time, never
        // counted.
        const counts = inTime && step?.status === 'reported' && valuation.status === 'running';
        await updateResult(flow.tx, r.id, {
          status: counts ? 'received' : 'late',
          amount: got.amount,
          reportNo: got.reportNo,
          issuedAt: got.issuedAt,
          recordedAt: flow.now,
          reportValidUntil: got.validUntil,
          details: { method: got.method, samples: got.samples },
          ...(counts ? { endedAt: null, endReason: null } : {}),
          updatedAt: flow.now,
        });
        await audit(flow, valuation, counts ? 'online_result' : 'online_late_result', {
          platform: r.sourceCode,
          amount: got.amount,
          issuedAt: got.issuedAt.toISOString(),
          dueAt: current.dueAt?.toISOString() ?? null,
        });
        if (counts) await afterResultsChanged(flow, valuation, step);
        flow.events.add('valuation.result');
        return true;
      }
      if (current.status !== 'pending') return false;
      await updateResult(flow.tx, r.id, {
        status: 'received',
        amount: got.amount,
        reportNo: got.reportNo,
        issuedAt: got.issuedAt,
        recordedAt: flow.now,
        reportValidUntil: got.validUntil,
        details: { method: got.method, samples: got.samples },
        updatedAt: flow.now,
      });
      await audit(flow, valuation, 'online_result', {
        platform: r.sourceCode,
        amount: got.amount,
        reportNo: got.reportNo,
        issuedAt: got.issuedAt.toISOString(),
        dueAt: current.dueAt?.toISOString() ?? null,
      });
      flow.events.add('valuation.result');
      // The step is decided by the job once every platform has been asked in this run, not here: deciding on the
      // first report read after the deadline would leave the others of the same run out.
      return true;
    });
    if (recorded) received++;
  }
  return received;
}

/**
 * Decides an open online inquiry at `flow.now` (参考价 Art. 11, 13): records the one extension when no platform
 * answered in 3 days; reports the mean of the results in time (later ones are late, never counted); or, when none
 * answered within the extension either, fails it and the appraisal follows (Art. 11 para 3, 14).
 */
export async function decideOnlineStep(flow: Flow, valuation: ValuationRow, step: StepRow): Promise<void> {
  const { tx, now } = flow;
  const results = await resultsOfSteps(tx, [step.id]);
  const outcome = evaluateOnlineInquiry({
    requestedAt: step.openedAt,
    answers: results.map((r) => ({ code: r.sourceCode, issuedAt: r.status === 'received' ? r.issuedAt : null, amount: r.amount })),
    now,
  });
  if (outcome.extended && !step.extendedAt) {
    const firstDeadline = step.deadline!;
    step = await updateStep(tx, step.id, { extendedAt: firstDeadline, deadline: outcome.deadline, updatedAt: now });
    for (const r of results) if (r.status === 'pending') await updateResult(tx, r.id, { dueAt: outcome.deadline, updatedAt: now });
    await audit(flow, valuation, 'online_extended', {
      step: step.seq,
      from: firstDeadline.toISOString(),
      to: outcome.deadline.toISOString(),
      reason: '全部询价平台均未在三日内出具结果，延期三日（参考价第11条第2款） / No platform answered within 3 days: all get 3 more days (参考价 Art. 11 para 2)',
    });
    flow.events.add('valuation.updated');
  }
  if (outcome.kind === 'waiting') return;
  const byCode = new Map(results.map((r) => [r.sourceCode, r]));
  for (const code of outcome.late) {
    await updateResult(tx, byCode.get(code)!.id, {
      status: 'late',
      endedAt: now,
      endReason: `晚于期限${outcome.deadline.toISOString()}出具，不计入（参考价第13条） / Issued after the deadline ${outcome.deadline.toISOString()}: not counted (参考价 Art. 13)`,
      updatedAt: now,
    });
  }
  for (const code of outcome.unanswered) {
    await updateResult(tx, byCode.get(code)!.id, {
      status: 'unanswered',
      endedAt: now,
      endReason: `期限${outcome.deadline.toISOString()}届满未出具结果（参考价第11条） / No result by the deadline ${outcome.deadline.toISOString()} (参考价 Art. 11)`,
      updatedAt: now,
    });
  }
  if (outcome.kind === 'failed') {
    await failAndAdvance(
      flow,
      valuation,
      step,
      '全部司法网络询价平台均未在期限内出具结果，委托评估（参考价第11条第3款、第14条） / No platform gave a result in time: the asset is appraised (参考价 Art. 11 para 3, 14)',
    );
    return;
  }
  await updateStep(tx, step.id, { status: 'reported', amount: outcome.amount, resultAt: now, deadline: outcome.deadline, updatedAt: now });
  await audit(flow, valuation, 'online_reported', {
    step: step.seq,
    amount: outcome.amount,
    inTime: outcome.inTime,
    late: outcome.late,
    unanswered: outcome.unanswered,
    deadline: outcome.deadline.toISOString(),
  });
  flow.events.add('valuation.result');
}
