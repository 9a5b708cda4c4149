import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { scheduleJob, type ScheduledJob } from '../../platform/jobs';
import { usersByIds } from '../accounts';
import { recordAudit } from '../audit';
import { caseById } from '../cases';
import { pushAfterCommit } from './measure-events';
import { queueOrder } from './measure-orders';
import { daysLeft } from './measure.rules';
import { dueForReminder, dueToLapse, markLapsed, markReminded } from './measure.store';

export interface MeasureJobOptions {
  /** Remind the judge this many days before expiry (MEASURE_REMINDER_DAYS; 保全 Art. 18 asks for renewal ≥ 7 days ahead). */
  reminderDays?: number;
  /** Given to the institution with the lapse notice. */
  callbackUrl?: string | null;
  /** Called when lapse notices were queued, so the outbox worker delivers them at once. */
  kick?: () => void;
  /** Rows per query. */
  batch?: number;
}

const DAY_MS = 86_400_000;

/**
 * The scheduled work of measures, safe to run twice and on several processes at once (each step is a conditional
 * update; only the run whose update returns the row acts):
 * - lapse every measure past its expiry that was not renewed (查扣冻 Art. 27), with no order in flight, and notify the
 *   institution through the outbox (it then promotes the next queued measure, Art. 26);
 * - remind the judge once, `reminderDays` before a measure expires (realtime `measure.expiring`).
 */
export async function runMeasureJobs(ctx: AppContext, now: Date, options: MeasureJobOptions = {}): Promise<{ lapsed: number; reminded: number }> {
  const reminderDays = options.reminderDays ?? ctx.config.measureReminderDays;
  const batch = options.batch ?? 200;
  let lapsed = 0;
  let reminded = 0;

  for (;;) {
    const due = await dueToLapse(ctx.db, now, batch);
    for (const m of due) {
      const push = await ctx.db.transaction(async (tx) => {
        const row = await markLapsed(tx, m.id, now);
        if (!row) return undefined;
        const theCase = await caseById(tx, row.caseId);
        const [judge] = theCase ? await usersByIds(tx, [theCase.judgeId]) : [];
        await queueOrder(tx, {
          measure: row,
          type: 'lapse',
          body: { measureRef: row.measureRef! },
          official: { id: judge?.id ?? row.orderedBy, name: judge?.displayName ?? '' },
          callbackUrl: options.callbackUrl ?? null,
          now,
        });
        const notify = await pushAfterCommit(ctx, tx, row, 'measure.updated');
        await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
          action: 'measure.lapsed',
          entityType: 'measure',
          entityId: row.id,
          caseId: row.caseId,
          data: { institution: row.institutionCode, asset: row.assetIdentifier, expiresAt: row.expiresAt.toISOString() },
        });
        return notify;
      });
      if (push) {
        lapsed++;
        push();
      }
    }
    if (due.length < batch) break;
  }

  const horizon = new Date(now.getTime() + reminderDays * DAY_MS);
  for (;;) {
    const due = await dueForReminder(ctx.db, now, horizon, batch);
    for (const m of due) {
      const push = await ctx.db.transaction(async (tx) => {
        const row = await markReminded(tx, m.id, now);
        if (!row) return undefined;
        const left = daysLeft(row.expiresAt, now);
        const notify = await pushAfterCommit(ctx, tx, row, 'measure.expiring', { reminderDays });
        await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
          action: 'measure.expiry_reminded',
          entityType: 'measure',
          entityId: row.id,
          caseId: row.caseId,
          data: { institution: row.institutionCode, asset: row.assetIdentifier, expiresAt: row.expiresAt.toISOString(), daysLeft: left },
        });
        return notify;
      });
      if (push) {
        reminded++;
        push();
      }
    }
    if (due.length < batch) break;
  }

  if (lapsed > 0) options.kick?.();
  return { lapsed, reminded };
}

/**
 * Runs the measure jobs on a cron schedule (e.g. `*\/1 * * * *`, config JOBS_CRON), never two runs at once in this
 * process. Returns the task; stop it on shutdown.
 */
export function scheduleMeasureJobs(ctx: AppContext, cronExpression: string, options: MeasureJobOptions = {}): ScheduledJob {
  return scheduleJob('measure-jobs', cronExpression, ctx.logger, async () => {
    const result = await runMeasureJobs(ctx, ctx.clock.now(), options);
    if (result.lapsed || result.reminded) ctx.logger.info(result, 'measure jobs');
  });
}
