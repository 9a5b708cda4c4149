import type { DirectedResultBody } from '../../../shared/schemas/valuation';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { notRunning, validityError } from './fix-negotiated';
import { inValuation } from './run-flow';
import { valuationForStaff } from './valuation-access';
import { audit, fixPrice, METHOD_NAMES } from './valuation-flow';
import { validityFor } from './valuation.rules';
import { currentStepOf, updateStep, type ValuationRow } from './valuation.store';

/**
 * The institution asked by the directed inquiry letter answered within its term: its result is the reference price
 * at once (参考价 Art. 6 para 2), valid at most 1 year (Art. 27 para 2); no objection lies against it (Art. 24).
 */
export async function recordDirectedResult(ctx: AppContext, actor: Actor, valuationId: string, input: DirectedResultBody): Promise<ValuationRow> {
  await valuationForStaff(ctx.db, actor, valuationId);
  return inValuation(ctx, actor, valuationId, null, async (flow, valuation) => {
    const { tx, now } = flow;
    if (valuation.status !== 'running') throw notRunning(valuation);
    const step = (await currentStepOf(tx, valuationId))!;
    if (step.method !== 'directedInquiry' || step.status !== 'open') {
      throw new AppError(
        'METHOD_OUT_OF_ORDER',
        `当前为${METHOD_NAMES[step.method].split(' / ')[0]}，未进行定向询价；跳过议价须记录双方当事人一致要求（参考价第5条） / The current method is ${METHOD_NAMES[step.method].split(' / ')[1]}, not a directed inquiry; skipping the negotiation needs both parties' recorded request (参考价 Art. 5)`,
        { current: step.method },
      );
    }
    if (step.deadline && now.getTime() > step.deadline.getTime()) {
      throw new AppError('STEP_DEADLINE_PASSED', `定向询价期限已于${step.deadline.toISOString()}届满（参考价第6条） / The directed inquiry's term ended at ${step.deadline.toISOString()} (参考价 Art. 6)`);
    }
    const validity = validityFor(now, input.validUntil ? new Date(input.validUntil) : null);
    if (!validity.ok) throw validityError(validity.maxUntil);
    const details = { ...((step.details as Record<string, unknown>) ?? {}), institution: input.institution, reference: input.reference };
    await updateStep(tx, step.id, { details, amount: input.price, resultAt: now, updatedAt: now });
    await audit(flow, valuation, 'directed_result', { step: step.seq, price: input.price, institution: input.institution, reference: input.reference });
    flow.events.add('valuation.result');
    return fixPrice(flow, valuation, { ...step, resultAt: now }, input.price, validity.validUntil, '定向询价机构在期限内出具结果（参考价第6条） / The directed inquiry answered in its term (参考价 Art. 6)');
  });
}
