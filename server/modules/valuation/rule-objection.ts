import type { RulingBody } from '../../../shared/schemas/valuation';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { inValuation } from './run-flow';
import { valuationForStaff } from './valuation-access';
import { afterResultsChanged, audit, settleIfDue } from './valuation-flow';
import { objectionById, resultById, stepById, updateObjection, updateResult, type ObjectionRow } from './valuation.store';

/**
 * A judge rules on an objection (参考价 Art. 22 para 2, by the procedure of 民事诉讼法 Art. 225). Upheld, the report
 * objected to is dropped: an online inquiry takes the mean of the reports left (Art. 13 para 2), an appraisal goes to
 * the next firm (Art. 23); with nothing left, the next method. Rejected, the report stands. With the window over and
 * no objection left pending, the price is fixed at once (Art. 26).
 */
export async function ruleObjection(ctx: AppContext, actor: Actor, objectionId: string, input: RulingBody): Promise<ObjectionRow> {
  const objection = await objectionById(ctx.db, objectionId);
  if (!objection) throw notFound('objection', '异议');
  await valuationForStaff(ctx.db, actor, objection.valuationId).catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'NOT_FOUND' ? notFound('objection', '异议') : err;
  });
  if (actor.role !== 'judge') throw new AppError('FORBIDDEN', '异议由法官审查裁定 / A judge rules on objections');
  return inValuation(ctx, actor, objection.valuationId, null, async (flow, valuation) => {
    const { tx, now } = flow;
    const current = (await objectionById(tx, objectionId))!;
    if (current.status !== 'pending') {
      throw new AppError('OBJECTION_NOT_PENDING', `该异议已审查（${current.status === 'upheld' ? '成立' : '驳回'}） / The objection was already ruled on (${current.status})`);
    }
    const ruled = await updateObjection(tx, objectionId, { status: input.upheld ? 'upheld' : 'rejected', ruledAt: now, ruledBy: actor.userId, ruling: input.ruling.trim() });
    await audit(flow, valuation, 'objection_ruled', { objection: objectionId, upheld: input.upheld, ruling: ruled.ruling });
    flow.events.add('valuation.updated');
    let step = (await stepById(tx, current.stepId))!;
    const target = await resultById(tx, current.resultId);
    // Another objection may already have dropped this report: it is dropped once.
    if (input.upheld && step.status === 'reported' && target?.status === 'received') {
      await updateResult(tx, current.resultId, { status: 'dropped', endedAt: now, endReason: `异议成立：${ruled.ruling} / Objection upheld`, updatedAt: now });
      await audit(flow, valuation, 'result_dropped', { objection: objectionId, result: current.resultId });
      await afterResultsChanged(flow, valuation, step);
      step = (await stepById(tx, current.stepId))!;
    }
    if (step.status === 'reported') await settleIfDue(flow, valuation, step);
    return ruled;
  });
}
