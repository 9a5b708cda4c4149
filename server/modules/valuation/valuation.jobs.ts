import type { PlatformEntry } from '../../../shared/inquiry-platform-protocol';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { scheduleJob, type ScheduledJob } from '../../platform/jobs';
import { drawByLot, newLotterySeed, withdrawOverdueFirm } from './appraisal-flow';
import { decideOnlineStep, pollReports, sendCommissions } from './online-inquiry';
import { inValuation, readPlatforms, type ValuationDeps } from './run-flow';
import { audit, failAndAdvance, settleIfDue } from './valuation-flow';
import { currentStepOf, dueSteps, dueToExpire, markExpired } from './valuation.store';

export interface ValuationJobResult {
  sent: number;
  received: number;
  stepsDecided: number;
  expired: number;
}

/**
 * The scheduled work of valuations, safe to run twice and on several processes at once: every change happens in
 * a transaction holding the valuation's row lock and re-checks its condition there (a second run finds nothing to do).
 * - send the platform commissions not yet acknowledged, ask the platforms for their reports (参考价 Art. 10, 11);
 * - at the negotiation deadline without agreement, or the directed inquiry's term without result, move to the next
 *   method (Art. 4–7); decide online inquiries at their 3-day deadline, with the one extension (Art. 11, 13);
 * - draw the appraisal firms by lot when the parties' term ends without agreement (Art. 16); withdraw a firm past its
 *   deadline and commission the next (Art. 19 para 3);
 * - fix the price when the 5-day objection window is over with no objection pending (Art. 22, 26);
 * - expire prices past their validity (Art. 27).
 */
export async function runValuationJobs(ctx: AppContext, deps: ValuationDeps, options: { batch?: number } = {}): Promise<ValuationJobResult> {
  const batch = options.batch ?? 200;
  const result: ValuationJobResult = { sent: 0, received: 0, stepsDecided: 0, expired: 0 };
  result.sent += await sendCommissions(ctx, deps);
  result.received += await pollReports(ctx, deps);

  let platforms: PlatformEntry[] | null | undefined;
  const seen = new Set<string>();
  for (;;) {
    const due = (await dueSteps(ctx.db, ctx.clock.now(), batch)).filter((s) => !seen.has(s.id));
    if (due.length === 0) break;
    // Failing a negotiation or a directed inquiry may open an online inquiry, which needs the list.
    platforms ??= await readPlatforms(deps);
    for (const s of due) {
      seen.add(s.id);
      try {
        const decided = await inValuation(ctx, SYSTEM_ACTOR, s.valuationId, platforms, async (flow, valuation) => {
          if (valuation.status !== 'running') return false;
          const step = await currentStepOf(flow.tx, valuation.id);
          if (!step || step.id !== s.id) return false;
          const past = step.deadline !== null && step.deadline.getTime() <= flow.now.getTime();
          if (step.status === 'open' && step.method === 'negotiated' && past) {
            await failAndAdvance(flow, valuation, step, '议价期限届满，当事人未提交一致的议价结果（参考价第4、5条） / The negotiation deadline passed without an agreed price (参考价 Art. 4, 5)');
            return true;
          }
          if (step.status === 'open' && step.method === 'directedInquiry' && past) {
            await failAndAdvance(flow, valuation, step, '定向询价机构未在期限内出具结果（参考价第6、7条） / The directed inquiry gave no result in its term (参考价 Art. 6, 7)');
            return true;
          }
          if (step.status === 'open' && step.method === 'onlineInquiry') {
            await decideOnlineStep(flow, valuation, step);
            return true;
          }
          if (step.status === 'choosing' && past) {
            await drawByLot(flow, valuation, step, newLotterySeed(), '双方当事人在指定期限内未协商确定评估机构，摇号确定（参考价第16条） / The parties did not agree on the firms in time: drawn by lot (参考价 Art. 16)');
            return true;
          }
          if (step.status === 'open' && step.method === 'appraisal' && past) {
            await withdrawOverdueFirm(flow, valuation, step);
            return true;
          }
          if (step.status === 'reported') return settleIfDue(flow, valuation, step);
          return false;
        });
        if (decided) result.stepsDecided++;
      } catch (err) {
        ctx.logger.error({ err, valuationId: s.valuationId }, 'valuation step not decided; retried on the next run');
      }
    }
    if (due.length < batch) break;
  }

  for (;;) {
    const due = await dueToExpire(ctx.db, ctx.clock.now(), batch);
    for (const v of due) {
      const expired = await inValuation(ctx, SYSTEM_ACTOR, v.id, null, async (flow) => {
        const row = await markExpired(flow.tx, v.id, flow.now);
        if (!row) return false;
        await audit(flow, row, 'expired', { amount: row.amount, validUntil: row.validUntil!.toISOString() });
        flow.events.add('valuation.updated');
        return true;
      });
      if (expired) result.expired++;
    }
    if (due.length < batch) break;
  }

  // Online inquiries opened by this run are sent at once.
  result.sent += await sendCommissions(ctx, deps);
  return result;
}

/** Runs the valuation jobs on a cron schedule (JOBS_CRON), never two runs at once in this process. */
export function scheduleValuationJobs(ctx: AppContext, deps: ValuationDeps, cronExpression: string): ScheduledJob {
  return scheduleJob('valuation-jobs', cronExpression, ctx.logger, async () => {
    const result = await runValuationJobs(ctx, deps);
    if (result.sent || result.received || result.stepsDecided || result.expired) ctx.logger.info(result, 'valuation jobs');
  });
}
