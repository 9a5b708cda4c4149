import type { PetitionView } from '../../../shared/schemas/transparency';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { petitionVisibleTo, requireCourtStaff } from './petition-access';
import { petitionPush } from './petition-events';
import { toPetitionView } from './petition-view';
import { overdueSteps } from './petition.rules';
import { updatePetition } from './petition.store';

/** The assigned judge answers the petition (答复), once; an answer after the deadline is recorded as late. */
export async function answerPetition(ctx: AppContext, actor: Actor, id: string, answer: string): Promise<PetitionView> {
  requireCourtStaff(actor, true);
  const { view, push } = await ctx.db.transaction(async (tx) => {
    const row = await petitionVisibleTo(tx, actor, id, true);
    if (row.status !== 'assigned') {
      throw new AppError('PETITION_WRONG_STATE', row.status === 'answered' ? '信访件已答复 / The petition is already answered' : '信访件尚未交办 / The petition is not assigned yet', { status: row.status });
    }
    if (row.assigneeId !== actor.userId) throw new AppError('NOT_PETITION_ASSIGNEE', '只有承办法官可以答复 / Only the judge it is assigned to answers it');
    const now = ctx.clock.now();
    const updated = await updatePetition(tx, row.id, { status: 'answered', answer, answeredBy: actor.userId, answeredAt: now, updatedAt: now });
    const view = await toPetitionView(tx, updated, now);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'petition.answered',
      entityType: 'petition',
      entityId: row.id,
      caseId: row.caseId,
      data: { answerDueAt: row.answerDueAt.toISOString(), late: overdueSteps(updated, now).includes('answer') },
    });
    return { view, push: petitionPush(ctx, view, row.courtId, 'petition.updated', null) };
  });
  push();
  return view;
}
