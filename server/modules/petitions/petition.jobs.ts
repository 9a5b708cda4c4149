import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { scheduleJob, type ScheduledJob } from '../../platform/jobs';
import { recordAudit } from '../audit';
import { caseById } from '../cases';
import { petitionPush } from './petition-events';
import { toPetitionView } from './petition-view';
import { dueForReminder, dueToMarkOverdue, markOverdue, markReminded, type PetitionRow } from './petition.store';

const STEPS = ['assign', 'answer'] as const;

/** Who is reminded of a step: the assigned judge when there is one, else the case's judge (who assigns, or a clerk). */
async function responsible(ctx: AppContext, row: PetitionRow): Promise<string | null> {
  if (row.assigneeId) return row.assigneeId;
  return (await caseById(ctx.db, row.caseId))?.judgeId ?? null;
}

/**
 * The petitions' scheduled work, safe to run twice and on several processes (each mark is a conditional update; only
 * the run whose update returns the row audits and pushes):
 * - remind once before each deadline (petition.rules.ts): `petition.reminder` to the responsible judge's room;
 * - mark a step not done by its deadline overdue, once: `petition.overdue` to the responsible judge and the court.
 */
export async function runPetitionJobs(ctx: AppContext, now: Date, batch = 200): Promise<{ reminded: number; overdue: number }> {
  let reminded = 0;
  let overdue = 0;
  for (const step of STEPS) {
    for (;;) {
      const due = await dueToMarkOverdue(ctx.db, step, now, batch);
      for (const p of due) {
        const to = await responsible(ctx, p);
        const push = await ctx.db.transaction(async (tx) => {
          const row = await markOverdue(tx, step, p.id, now);
          if (!row) return undefined;
          const view = await toPetitionView(tx, row, now);
          const dueAt = (step === 'assign' ? row.assignDueAt : row.answerDueAt).toISOString();
          await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, { action: 'petition.overdue', entityType: 'petition', entityId: row.id, caseId: row.caseId, data: { step, dueAt, assigneeId: row.assigneeId } });
          return petitionPush(ctx, view, row.courtId, 'petition.overdue', to, { step, dueAt });
        });
        if (push) {
          overdue++;
          push();
        }
      }
      if (due.length < batch) break;
    }
    for (;;) {
      const due = await dueForReminder(ctx.db, step, now, batch);
      for (const p of due) {
        const to = await responsible(ctx, p);
        const push = await ctx.db.transaction(async (tx) => {
          const row = await markReminded(tx, step, p.id, now);
          if (!row) return undefined;
          const view = await toPetitionView(tx, row, now);
          const dueAt = (step === 'assign' ? row.assignDueAt : row.answerDueAt).toISOString();
          await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, { action: 'petition.reminded', entityType: 'petition', entityId: row.id, caseId: row.caseId, data: { step, dueAt, to } });
          return petitionPush(ctx, view, row.courtId, 'petition.reminder', to, { step, dueAt });
        });
        if (push) {
          reminded++;
          push();
        }
      }
      if (due.length < batch) break;
    }
  }
  return { reminded, overdue };
}

/** Runs the petition jobs on the cron schedule (config JOBS_CRON) with the app's clock; stop it on shutdown. */
export function schedulePetitionJobs(ctx: AppContext, cronExpression: string): ScheduledJob {
  return scheduleJob('petition-jobs', cronExpression, ctx.logger, async () => {
    const result = await runPetitionJobs(ctx, ctx.clock.now());
    if (result.reminded || result.overdue) ctx.logger.info(result, 'petition jobs');
  });
}
