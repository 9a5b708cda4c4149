import type { NegotiatedBody } from '../../../shared/schemas/valuation';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { agreementRecord } from './agreement';
import { inValuation } from './run-flow';
import { valuationForStaff } from './valuation-access';
import { audit, closeOpenResults, fixPrice, openMethod } from './valuation-flow';
import { validityFor } from './valuation.rules';
import { currentStepOf, updateStep, type ValuationRow } from './valuation.store';

export function notRunning(valuation: ValuationRow): AppError {
  return new AppError(
    'VALUATION_NOT_RUNNING',
    `该参考价程序已结束（${valuation.status}） / The valuation is no longer running (${valuation.status})`,
    { status: valuation.status },
  );
}

export function validityError(maxUntil: Date): AppError {
  const message = `有效期最长一年，至迟${maxUntil.toISOString()}（参考价第27条） / Validity is at most 1 year, until ${maxUntil.toISOString()} at the latest (参考价 Art. 27)`;
  return fieldError('VALIDITY_TOO_LONG', 'validUntil', message, { maxUntil: maxUntil.toISOString() });
}

/**
 * Both parties submitted the same price within the deadline: it is the reference price at once (参考价 Art. 4 para 2),
 * valid for what they agreed, at most 1 year (Art. 27 para 2); no objection lies against it (Art. 24 para 2). Later in
 * the procedure a negotiated price withdraws the online inquiry or appraisal in progress (Art. 29 para 2).
 */
export async function fixNegotiated(ctx: AppContext, actor: Actor, valuationId: string, input: NegotiatedBody): Promise<ValuationRow> {
  await valuationForStaff(ctx.db, actor, valuationId);
  return inValuation(ctx, actor, valuationId, null, async (flow, valuation) => {
    const { tx, now } = flow;
    if (valuation.status !== 'running') throw notRunning(valuation);
    const validity = validityFor(now, input.validUntil ? new Date(input.validUntil) : null);
    if (!validity.ok) throw validityError(validity.maxUntil);
    const step = (await currentStepOf(tx, valuationId))!;
    if (step.method === 'negotiated' && step.deadline && now.getTime() > step.deadline.getTime()) {
      throw new AppError(
        'STEP_DEADLINE_PASSED',
        `议价期限已于${step.deadline.toISOString()}届满（参考价第4条） / The negotiation deadline passed at ${step.deadline.toISOString()} (参考价 Art. 4)`,
      );
    }
    const agreement = await agreementRecord(tx, actor, valuation.caseId, input.agreement, now, { price: input.price });
    let target = step;
    if (step.method !== 'negotiated') {
      // 参考价 Art. 29 para 2: the parties' negotiated price withdraws the method in progress.
      const reason = '双方当事人议价确定参考价，撤回正在进行的程序（参考价第29条第2款） / The parties negotiated the price: the method in progress is withdrawn (参考价 Art. 29 para 2)';
      await closeOpenResults(flow, step, reason);
      await updateStep(tx, step.id, { status: 'failed', closedAt: now, outcome: reason, updatedBy: actor.userId, updatedAt: now });
      await audit(flow, valuation, 'step_withdrawn', { step: step.seq, method: step.method, reason });
      target = await openMethod(flow, valuation, 'negotiated', step.seq + 1, { deadline: now });
    }
    await updateStep(tx, target.id, { agreement, amount: input.price, resultAt: now, updatedAt: now });
    await audit(flow, valuation, 'negotiated', { step: target.seq, price: input.price, agreement });
    return fixPrice(flow, valuation, { ...target, resultAt: now }, input.price, validity.validUntil, '双方当事人议价一致（参考价第4条） / The parties agreed the price (参考价 Art. 4)');
  });
}
