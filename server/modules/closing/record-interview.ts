import { randomUUID } from 'node:crypto';
import type { RecordInterviewBody } from '../../../shared/schemas/closing';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { caseForStaff } from './closing-access';
import { chinaDay } from './closing.rules';
import { insertInterview, type InterviewRow } from './closing.store';

const dayError = (message: string) => fieldError('VALIDATION_FAILED', 'interviewedOn', message);

/**
 * Records an interview with the creditor (约谈): before terminating for lack of assets the court tells the creditor
 * how enforcement went, what was searched and what termination means, and hears them (终本规定 Art. 1 (五), Art. 5).
 * The day may not be in the future (by the server's clock) nor before the case was filed.
 */
export async function recordInterview(ctx: AppContext, actor: Actor, caseId: string, input: RecordInterviewBody): Promise<InterviewRow> {
  const theCase = await caseForStaff(ctx.db, actor, caseId);
  if (theCase.status !== 'open') throw new AppError('CASE_NOT_OPEN', '案件已结，不能再记录约谈 / The case is closed; no interview may be recorded');
  const now = ctx.clock.now();
  if (input.interviewedOn > chinaDay(now)) throw dayError('约谈日期不能晚于今天 / The interview cannot be in the future');
  if (input.interviewedOn < chinaDay(theCase.filedAt)) throw dayError('约谈日期不能早于立案日期 / The interview cannot be before the case was filed');
  const row: InterviewRow = {
    id: randomUUID(),
    caseId,
    courtId: theCase.courtId,
    interviewedOn: input.interviewedOn,
    content: input.content,
    recordedBy: actor.userId!,
    recordedByName: actor.displayName,
    recordedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await insertInterview(tx, row);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'closing.interview_recorded',
      entityType: 'interview',
      entityId: row.id,
      caseId,
      data: { interviewedOn: row.interviewedOn, content: row.content },
    });
  });
  return row;
}
