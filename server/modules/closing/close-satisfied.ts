import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { changeCaseStatus, lockCase, type CaseRow } from '../cases';
import { releaseAllOfCase } from '../measures';
import { caseForJudge } from './closing-access';
import type { ClosingDeps } from './closing.ports';
import { fullyEnforced } from './closing.rules';

/** The reason on every release order sent when a case is enforced in full. */
export const SATISFIED_RELEASE_REASON = '执行完毕';

/**
 * Closes the case as enforced in full (执行完毕), in one transaction: only when deductions and sale proceeds have
 * covered the claim (outstanding 0), otherwise CLAIM_OUTSTANDING with the amount still due. Every measure still binding
 * an asset is released through the measures module's outbox (查扣冻 Art. 28 (四): the debt is paid), and the debtor
 * comes off the dishonest list (失信 Art. 10, 2017 revision; Art. 7 (一) of the 2013 text) through the credit port. A refusal changes nothing.
 */
export async function closeSatisfied(ctx: AppContext, deps: ClosingDeps, actor: Actor, caseId: string): Promise<{ theCase: CaseRow; released: number }> {
  await caseForJudge(ctx.db, actor, caseId);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    // Locked, so that a deduction applied meanwhile (apply-recovery locks the same row) is seen or waits.
    const theCase = (await lockCase(tx, caseId))!;
    if (theCase.status !== 'open') throw new AppError('CASE_NOT_OPEN', `案件状态为${theCase.status}，不能结案 / The case is ${theCase.status}; it cannot be closed`);
    if (!fullyEnforced(theCase.outstandingAmount)) {
      throw new AppError(
        'CLAIM_OUTSTANDING',
        `尚有${theCase.outstandingAmount}元未执行到位，不能以执行完毕结案 / ${theCase.outstandingAmount} is still outstanding; the case is not enforced in full`,
        { outstandingAmount: theCase.outstandingAmount },
      );
    }
    const released = await releaseAllOfCase(ctx, tx, deps.measures, actor, caseId, SATISFIED_RELEASE_REASON);
    await deps.credit.onSatisfied(tx, caseId);
    const updated = (await changeCaseStatus(tx, caseId, 'open', 'satisfied', now))!;
    await recordAudit(tx, ctx.clock, actor, {
      action: 'case.satisfied',
      entityType: 'case',
      entityId: caseId,
      caseId,
      data: { claimAmount: theCase.claimAmount, outstandingAmount: theCase.outstandingAmount, measuresReleased: released.length },
    });
    return { theCase: updated, released: released.length };
  });
  if (result.released > 0) deps.kick();
  return result;
}
