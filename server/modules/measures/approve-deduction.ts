import { compareMoney, formatMoney } from '../../../shared/money';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { courtById } from '../courts';
import { courtFundsAccount } from '../ledger';
import { deductionVisibleTo, requireStaff } from './measure-access';
import { queueOrder } from './measure-orders';
import { available } from './measure.rules';
import { deductionForUpdate, measureForUpdate, updateDeduction, updateMeasure, type DeductionRow } from './measure.store';
import type { MeasureDeps } from './order-measure';

/**
 * The second approval of a deduction (扣划): another user of the same court with approval rights, never the one who
 * asked (four eyes on money leaving the debtor's account). Only now does the deduct order go to the institution.
 */
export async function approveDeduction(ctx: AppContext, deps: MeasureDeps, actor: Actor, deductionId: string): Promise<DeductionRow> {
  const { deduction, theCase } = await deductionVisibleTo(ctx, actor, deductionId);
  requireStaff(actor);
  if (actor.userId === deduction.requestedBy) {
    throw new AppError('DEDUCTION_APPROVAL_REQUIRED', '扣划须由申请人以外的本院有审批权限的人员批准 / A deduction must be approved by another user of the court with approval rights, not by the one who asked');
  }
  if (!actor.canApprove) throw new AppError('FORBIDDEN', '您没有扣划审批权限 / You have no right to approve deductions');
  const now = ctx.clock.now();

  return ctx.db.transaction(async (tx) => {
    const current = (await deductionForUpdate(tx, deductionId))!;
    if (current.status !== 'awaiting_approval') throw new AppError('DEDUCTION_NOT_PENDING', `该扣划已处理（${current.status}） / This deduction is no longer awaiting approval (${current.status})`);
    if (theCase.status !== 'open') throw new AppError('CASE_NOT_OPEN', '案件已结，不能扣划 / The case is closed; no deduction');
    const measure = (await measureForUpdate(tx, current.measureId))!;
    if (measure.kind !== 'freeze' || measure.status !== 'in_force') {
      throw new AppError('DEDUCTION_NOT_ALLOWED', '该冻结已不再有效，不能扣划 / The freeze is no longer in force; nothing can be deducted');
    }
    if (measure.pendingOrder) throw new AppError('MEASURE_BUSY', '该措施另有指令正在办理 / Another order on this measure is in progress');
    const left = available(measure.frozenAmount, measure.deductedAmount);
    if (compareMoney(current.amount, left) > 0) {
      throw new AppError('DEDUCTION_EXCEEDS_FROZEN', `扣划金额${formatMoney(current.amount)}超过可扣划的冻结金额${formatMoney(left)} / ${formatMoney(current.amount)} exceeds the ${formatMoney(left)} still frozen`, {
        requested: formatMoney(current.amount),
        available: formatMoney(left),
      });
    }
    const court = (await courtById(tx, measure.courtId))!;
    const updatedMeasure = await updateMeasure(tx, measure.id, { pendingOrder: 'deduct', updatedAt: now });
    const messageId = await queueOrder(tx, {
      measure: updatedMeasure,
      type: 'deduct',
      body: { measureRef: measure.measureRef!, amount: formatMoney(current.amount), courtAccount: courtFundsAccount(court.code) },
      official: { id: actor.userId!, name: actor.displayName },
      callbackUrl: deps.callbackUrl,
      now,
    });
    const approved = await updateDeduction(tx, deductionId, { status: 'approved', approvedBy: actor.userId, approvedAt: now, messageId });
    await recordAudit(tx, ctx.clock, actor, {
      action: 'deduction.approved',
      entityType: 'deduction',
      entityId: deductionId,
      caseId: current.caseId,
      data: { measureId: measure.id, institution: measure.institutionCode, amount: formatMoney(current.amount), requestedBy: current.requestedBy },
    });
    return approved;
  });
}
