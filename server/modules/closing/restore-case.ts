import type { RestoreBody } from '../../../shared/schemas/closing';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { changeCaseStatus, lockCase, type CaseRow } from '../cases';
import { caseForJudge } from './closing-access';
import { cancelOpenRechecks } from './closing.store';

/**
 * Restores enforcement (恢复执行) of a case terminated for lack of assets, at any time after termination, with the
 * reason (民诉解释 Art. 517 para 2: the creditor may apply again when assets are found, without limitation period;
 * 终本规定 Art. 9: the court restores when the re-checks find assets). The case is open again and the re-checks not
 * yet done stop, in the same transaction.
 */
export async function restoreCase(ctx: AppContext, actor: Actor, caseId: string, input: RestoreBody): Promise<CaseRow> {
  await caseForJudge(ctx.db, actor, caseId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const theCase = (await lockCase(tx, caseId))!;
    if (theCase.status !== 'terminated') {
      throw new AppError('CASE_NOT_TERMINATED', `案件状态为${theCase.status}，只有终结本次执行程序的案件可以恢复执行 / The case is ${theCase.status}; only a terminated case can be restored`);
    }
    const cancelled = await cancelOpenRechecks(tx, caseId, now);
    const updated = (await changeCaseStatus(tx, caseId, 'terminated', 'open', now))!;
    await recordAudit(tx, ctx.clock, actor, {
      action: 'case.restored',
      entityType: 'case',
      entityId: caseId,
      caseId,
      data: { reason: input.reason, rechecksCancelled: cancelled },
    });
    return updated;
  });
}
