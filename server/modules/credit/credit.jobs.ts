import { compareMoney } from '../../../shared/money';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { scheduleJob, type ScheduledJob } from '../../platform/jobs';
import { recordAudit } from '../audit';
import { caseById } from '../cases';
import { casesWithOrdersInForce, casesWithUnmarkedListings, lockCaseCredit, dueForRemoval, flagOverdue, overdueUnflagged } from './credit.store';
import { debtSatisfied } from './debt-satisfied';
import { removeInTx } from './remove-listing';
import { endOrdersOnSatisfied } from './restriction-orders';

export interface CreditJobResult {
  markedSatisfied: number;
  /** Order-made restrictions ended because the case's debt is satisfied (限高 Art. 9). */
  restrictionsEnded: number;
  removed: number;
  correctionsFlagged: number;
}

/**
 * The scheduled work of the list, safe to run twice and on several processes at once (each step a conditional
 * update; only the run whose update returns the row audits):
 * - a case whose outstanding amount has reached 0 has its listings marked due (失信 Art. 10 para 1 (1));
 * - a case whose debt is satisfied has its order-made restrictions ended (限高 Art. 9), audited;
 * - listings due (marked, or whose term has ended, 失信 Art. 10 para 2) are removed and their consumption
 *   restrictions end (限高 Art. 9), well within the 3 working days, since the job runs every minute;
 * - correction requests not decided within their 15 days (失信 Art. 11) are flagged once to the court.
 */
export async function runCreditJobs(ctx: AppContext, options: { batch?: number } = {}): Promise<CreditJobResult> {
  const batch = options.batch ?? 200;
  let markedSatisfied = 0;
  for (let after: string | null = null; ; ) {
    const caseIds = await casesWithUnmarkedListings(ctx.db, after, batch);
    for (const caseId of caseIds) {
      // Read through the cases module's public API (modules never read each other's tables).
      const theCase = await caseById(ctx.db, caseId);
      if (!theCase || (compareMoney(theCase.outstandingAmount, '0') > 0 && theCase.status !== 'satisfied')) continue;
      markedSatisfied += await ctx.db.transaction((tx) => debtSatisfied(ctx, tx, caseId));
    }
    if (caseIds.length < batch) break;
    after = caseIds[caseIds.length - 1]!;
  }

  let restrictionsEnded = 0;
  for (let after: string | null = null; ; ) {
    const caseIds = await casesWithOrdersInForce(ctx.db, after, batch);
    for (const caseId of caseIds) {
      const theCase = await caseById(ctx.db, caseId);
      if (!theCase || (compareMoney(theCase.outstandingAmount, '0') > 0 && theCase.status !== 'satisfied')) continue;
      restrictionsEnded += await ctx.db.transaction(async (tx) => {
        await lockCaseCredit(tx, caseId);
        return endOrdersOnSatisfied(ctx, tx, caseId);
      });
    }
    if (caseIds.length < batch) break;
    after = caseIds[caseIds.length - 1]!;
  }

  let removed = 0;
  const seen = new Set<string>();
  for (;;) {
    const now = ctx.clock.now();
    const rows = (await dueForRemoval(ctx.db, now, batch)).filter((r) => !seen.has(r.id));
    for (const r of rows) {
      seen.add(r.id);
      const done = await ctx.db.transaction((tx) => removeInTx(ctx, tx, SYSTEM_ACTOR, r.id, r.removalCause ?? 'term_ended', null));
      if (done) removed++;
    }
    if (rows.length < batch) break;
  }

  let correctionsFlagged = 0;
  const notify: (() => void)[] = [];
  for (;;) {
    const now = ctx.clock.now();
    const rows = await overdueUnflagged(ctx.db, now, batch);
    for (const r of rows) {
      const flagged = await ctx.db.transaction(async (tx) => {
        const row = await flagOverdue(tx, r.id, now);
        if (!row) return undefined;
        await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
          action: 'credit.correction_overdue',
          entityType: 'credit_correction',
          entityId: row.id,
          caseId: row.caseId,
          data: { listingId: row.listingId, dueBy: row.dueBy.toISOString() },
        });
        return row;
      });
      if (flagged) {
        correctionsFlagged++;
        // After the commit: the court's staff see the reminder (ARCHITECTURE invariant 2).
        notify.push(() => ctx.realtime.toRoom(`court:${flagged.courtId}`, 'credit.correction_overdue', { id: flagged.id, listingId: flagged.listingId, caseId: flagged.caseId, dueBy: flagged.dueBy.toISOString() }));
      }
    }
    if (rows.length < batch) break;
  }
  notify.forEach((f) => f());
  return { markedSatisfied, restrictionsEnded, removed, correctionsFlagged };
}

/** Runs the credit jobs on a cron schedule (config JOBS_CRON). Returns the task; stop it on shutdown. */
export function scheduleCreditJobs(ctx: AppContext, cronExpression: string): ScheduledJob {
  return scheduleJob('credit-jobs', cronExpression, ctx.logger, async () => {
    const result = await runCreditJobs(ctx);
    if (result.markedSatisfied || result.restrictionsEnded || result.removed || result.correctionsFlagged) ctx.logger.info(result, 'credit jobs');
  });
}
