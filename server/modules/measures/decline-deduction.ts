import type { DeclineDeductionBody } from '../../../shared/schemas/measures';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { deductionVisibleTo, requireStaff } from './measure-access';
import { deductionForUpdate, updateDeduction, type DeductionRow } from './measure.store';

/** An approver declines a deduction awaiting approval (or its requester withdraws it), with a reason. Nothing is sent. */
export async function declineDeduction(ctx: AppContext, actor: Actor, deductionId: string, input: DeclineDeductionBody): Promise<DeductionRow> {
  const { deduction } = await deductionVisibleTo(ctx, actor, deductionId);
  requireStaff(actor);
  if (actor.userId !== deduction.requestedBy && !actor.canApprove) {
    throw new AppError('FORBIDDEN', '只有有审批权限的人员或申请人本人可以驳回 / Only an approver, or the one who asked, may decline a deduction');
  }
  const reason = input.reason?.trim();
  if (!reason || reason.length < 2) throw fieldError('VALIDATION_FAILED', 'reason', '请说明理由 / Give the reason');
  const now = ctx.clock.now();

  return ctx.db.transaction(async (tx) => {
    const current = (await deductionForUpdate(tx, deductionId))!;
    if (current.status !== 'awaiting_approval') throw new AppError('DEDUCTION_NOT_PENDING', `该扣划已处理（${current.status}） / This deduction is no longer awaiting approval (${current.status})`);
    const declined = await updateDeduction(tx, deductionId, { status: 'declined', declinedBy: actor.userId, declinedAt: now, declinedReason: reason });
    await recordAudit(tx, ctx.clock, actor, {
      action: 'deduction.declined',
      entityType: 'deduction',
      entityId: deductionId,
      caseId: current.caseId,
      data: { measureId: current.measureId, amount: current.amount, reason },
    });
    return declined;
  });
}
