import { randomUUID } from 'node:crypto';
import { compareMoney, formatMoney } from '../../../shared/money';
import type { RequestDeductionBody } from '../../../shared/schemas/measures';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { measureVisibleTo, requireStaff } from './measure-access';
import { available, isPositiveMoney } from './measure.rules';
import { insertDeduction, measureForUpdate, openDeductionOf, type DeductionRow } from './measure.store';

/**
 * Asks to deduct (扣划) frozen funds to the court's account. Nothing is sent yet: a deduction moves money out of the
 * debtor's account for good, so it waits for a second approver (approve-deduction).
 */
export async function requestDeduction(ctx: AppContext, actor: Actor, measureId: string, input: RequestDeductionBody): Promise<DeductionRow> {
  const { theCase } = await measureVisibleTo(ctx, actor, measureId);
  requireStaff(actor);
  if (theCase.status !== 'open') throw new AppError('CASE_NOT_OPEN', '案件已结，不能扣划 / The case is closed; no deduction');
  if (!isPositiveMoney(input.amount)) {
    throw fieldError('VALIDATION_FAILED', 'amount', '金额必须为大于0、最多两位小数的金额 / The amount must be positive money with at most 2 decimals');
  }
  const amount = formatMoney(input.amount);
  const now = ctx.clock.now();

  return ctx.db.transaction(async (tx) => {
    const measure = (await measureForUpdate(tx, measureId))!;
    if (measure.kind !== 'freeze' || measure.status !== 'in_force') {
      throw new AppError('DEDUCTION_NOT_ALLOWED', '只能从已生效的冻结中扣划 / Funds can be deducted only from a freeze in force');
    }
    if (measure.pendingOrder === 'release') throw new AppError('MEASURE_BUSY', '该措施正在解除 / The measure is being released');
    if (await openDeductionOf(tx, measureId)) {
      throw new AppError('DEDUCTION_PENDING', '该冻结已有一笔扣划在审批或办理中 / A deduction from this freeze is already awaiting approval or in progress');
    }
    const left = available(measure.frozenAmount, measure.deductedAmount);
    if (compareMoney(amount, left) > 0) {
      throw new AppError('DEDUCTION_EXCEEDS_FROZEN', `扣划金额${amount}超过可扣划的冻结金额${formatMoney(left)} / ${amount} exceeds the ${formatMoney(left)} still frozen`, {
        requested: amount,
        available: formatMoney(left),
      });
    }
    const row: DeductionRow = {
      id: randomUUID(),
      measureId,
      caseId: measure.caseId,
      amount,
      status: 'awaiting_approval',
      requestedBy: actor.userId!,
      requestedAt: now,
      approvedBy: null,
      approvedAt: null,
      declinedBy: null,
      declinedAt: null,
      declinedReason: null,
      messageId: null,
      transferRef: null,
      deductedAmount: null,
      rejectionReason: null,
      completedAt: null,
    };
    await insertDeduction(tx, row);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'deduction.requested',
      entityType: 'deduction',
      entityId: row.id,
      caseId: measure.caseId,
      data: { measureId, institution: measure.institutionCode, asset: measure.assetIdentifier, amount },
    });
    return row;
  });
}
