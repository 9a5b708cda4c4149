import type { PetitionView } from '../../../shared/schemas/transparency';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { userById } from '../accounts';
import { recordAudit } from '../audit';
import { petitionVisibleTo, requireCourtStaff } from './petition-access';
import { petitionPush } from './petition-events';
import { toPetitionView } from './petition-view';
import { updatePetition } from './petition.store';

/**
 * A judge or clerk of the court assigns the petition to a judge of the same court (交办), or re-assigns it while
 * unanswered. The deadlines stay those fixed at receipt. The assignee is told in their own room.
 */
export async function assignPetition(ctx: AppContext, actor: Actor, id: string, assigneeId: string): Promise<PetitionView> {
  requireCourtStaff(actor, true);
  const { view, push } = await ctx.db.transaction(async (tx) => {
    const row = await petitionVisibleTo(tx, actor, id, true);
    if (row.status === 'answered') throw new AppError('PETITION_WRONG_STATE', '信访件已答复，不能再交办 / The petition is answered; it cannot be assigned', { status: row.status });
    const assignee = await userById(tx, assigneeId);
    if (!assignee || assignee.role !== 'judge' || assignee.courtId !== row.courtId || assignee.disabledAt) {
      throw new AppError('ASSIGNEE_NOT_A_JUDGE', '只能交办给本院在职的执行法官 / Assign to a serving judge of the court', { issues: [{ path: ['assigneeId'], message: '请选择本院法官 / Choose a judge of the court' }] });
    }
    if (row.assigneeId === assignee.id) throw new AppError('PETITION_WRONG_STATE', '已交办给该法官 / Already assigned to this judge', { status: row.status });
    const now = ctx.clock.now();
    const updated = await updatePetition(tx, row.id, { status: 'assigned', assigneeId: assignee.id, assignedBy: actor.userId, assignedAt: row.assignedAt ?? now, updatedAt: now });
    const view = await toPetitionView(tx, updated, now);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'petition.assigned',
      entityType: 'petition',
      entityId: row.id,
      caseId: row.caseId,
      data: { assigneeId: assignee.id, assigneeName: assignee.displayName, previousAssigneeId: row.assigneeId, answerDueAt: row.answerDueAt.toISOString() },
    });
    return { view, push: petitionPush(ctx, view, row.courtId, 'petition.assigned', assignee.id) };
  });
  push();
  return view;
}
