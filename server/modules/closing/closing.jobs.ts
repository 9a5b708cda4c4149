import { randomUUID } from 'node:crypto';
import { add, formatMoney } from '../../../shared/money';
import { SYSTEM_ACTOR, type Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { scheduleJob, type ScheduledJob } from '../../platform/jobs';
import { usersByIds } from '../accounts';
import { recordAudit } from '../audit';
import { caseById, partiesOf } from '../cases';
import { assetsFoundBy, inquiryById } from '../inquiry';
import { toAlertView } from './closing-view';
import type { RecheckInquiry } from './closing.ports';
import { hasValue } from './closing.rules';
import { claimRecheck, completeRecheck, dueRechecks, insertAlert, runningRechecks, setRecheckInquiries, type AlertRow, type RecheckRow } from './closing.store';

export interface ClosingJobDeps {
  /** The app's InquiryService (the same one the inquiry routes use), which starts and runs the re-check inquiries. */
  inquiry: RecheckInquiry;
}

/** A re-check taken by a process that died before it recorded its inquiries is taken again after this long. */
const STALE_MS = 10 * 60_000;

/**
 * The re-checks after termination (终本规定 Art. 9: every 6 months for 5 years the court queries the debtor's assets
 * online and restores the case when assets appear). Safe to run twice and on several processes: each step is a
 * conditional update and only the run whose update returns the row acts.
 * - start every due re-check: one online inquiry of each debtor, in the name of the case's judge;
 * - finish every re-check whose inquiries completed: when they found assets with a balance or value, record an alert
 *   and push it to the court (`closing.alert`), for the judge to restore the case (恢复执行).
 */
export async function runClosingJobs(ctx: AppContext, deps: ClosingJobDeps, now: Date, batch = 100): Promise<{ started: number; completed: number; alerts: number }> {
  let started = 0;
  let completed = 0;
  let alerts = 0;

  for (const due of await dueRechecks(ctx.db, now, new Date(now.getTime() - STALE_MS), batch)) {
    const claimed = await ctx.db.transaction(async (tx) => {
      const row = await claimRecheck(tx, due, now);
      if (!row) return undefined;
      await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
        action: 'closing.recheck_started',
        entityType: 'recheck',
        entityId: row.id,
        caseId: row.caseId,
        data: { seq: row.seq, dueAt: row.dueAt.toISOString() },
      });
      return row;
    });
    if (!claimed) continue;
    try {
      const ids = await startInquiries(ctx, deps, claimed);
      await ctx.db.transaction((tx) => setRecheckInquiries(tx, claimed.id, ids));
      started++;
    } catch (err) {
      // Left running without inquiries: taken again after STALE_MS (the case may have been restored meanwhile, then
      // the restoration cancelled it).
      ctx.logger.warn({ err, recheck: claimed.id }, 'closing re-check could not start its inquiries');
    }
  }

  for (const running of await runningRechecks(ctx.db, batch)) {
    const inquiries = await Promise.all(running.inquiryIds.map((id) => inquiryById(ctx.db, id)));
    if (inquiries.some((i) => !i || i.status !== 'completed')) continue;
    const found = (await assetsFoundBy(ctx.db, running.inquiryIds)).filter(hasValue);
    const value = formatMoney(add(...found.map((a) => a.balance ?? a.indicativeValue ?? '0')));
    const outcome = await ctx.db.transaction(async (tx) => {
      const row = await completeRecheck(tx, running.id, now, found.length, value);
      if (!row) return undefined;
      let alert: AlertRow | undefined;
      if (found.length > 0) {
        const theCase = (await caseById(tx, row.caseId))!;
        alert = {
          id: randomUUID(),
          caseId: row.caseId,
          courtId: row.courtId,
          caseNo: theCase.caseNo,
          recheckId: row.id,
          at: now,
          assetCount: found.length,
          valueFound: value,
          assets: found.map((a) => ({
            institutionCode: a.institutionCode,
            kind: a.kind,
            identifier: a.identifier,
            description: a.description,
            balance: a.balance === null ? null : formatMoney(a.balance),
            indicativeValue: a.indicativeValue === null ? null : formatMoney(a.indicativeValue),
          })),
        };
        await insertAlert(tx, alert);
      }
      await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
        action: found.length > 0 ? 'closing.assets_found' : 'closing.recheck_completed',
        entityType: 'recheck',
        entityId: row.id,
        caseId: row.caseId,
        data: { seq: row.seq, assetsFound: found.length, valueFound: value, inquiries: row.inquiryIds },
      });
      return { alert };
    });
    if (!outcome) continue;
    completed++;
    const push = outcome.alert;
    if (push) {
      alerts++;
      // After commit (ARCHITECTURE invariant 2): the court's staff see it live; the record is in GET /api/closing/alerts.
      ctx.realtime.toRoom(`court:${push.courtId}`, 'closing.alert', toAlertView(push));
    }
  }
  return { started, completed, alerts };
}

/** One inquiry per debtor, as the case's judge (the notice to institutions names the official who orders it). */
async function startInquiries(ctx: AppContext, deps: ClosingJobDeps, recheck: RecheckRow): Promise<string[]> {
  const theCase = await caseById(ctx.db, recheck.caseId);
  if (!theCase) return [];
  const [judge] = await usersByIds(ctx.db, [theCase.judgeId]);
  const actor: Actor = {
    userId: theCase.judgeId,
    displayName: `${judge?.displayName ?? ''}（终本定期复查 / scheduled re-check）`,
    role: 'judge',
    courtId: theCase.courtId,
    institutionId: null,
    canApprove: false,
  };
  const debtors = (await partiesOf(ctx.db, [theCase.id])).filter((p) => p.role === 'debtor');
  const ids: string[] = [];
  for (const d of debtors) ids.push((await deps.inquiry.start(actor, theCase.id, { partyId: d.id }, { afterTermination: true })).id);
  return ids;
}

/** Runs the closing jobs on a cron schedule (config JOBS_CRON), never two runs at once in this process. */
export function scheduleClosingJobs(ctx: AppContext, deps: ClosingJobDeps, cronExpression: string): ScheduledJob {
  return scheduleJob('closing-jobs', cronExpression, ctx.logger, async () => {
    const result = await runClosingJobs(ctx, deps, ctx.clock.now());
    if (result.started || result.completed) ctx.logger.info(result, 'closing jobs');
  });
}
