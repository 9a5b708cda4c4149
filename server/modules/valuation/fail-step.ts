import type { FailStepBody } from '../../../shared/schemas/valuation';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { notRunning } from './fix-negotiated';
import { inValuation, readPlatforms, type ValuationDeps } from './run-flow';
import { valuationForStaff } from './valuation-access';
import { failAndAdvance, METHOD_NAMES } from './valuation-flow';
import { currentStepOf, type ValuationRow } from './valuation.store';

/**
 * The court records that the negotiation failed (a party refused or cannot be found, 参考价 Art. 4) or that the directed
 * inquiry gave no result (Art. 5–7) before its deadline; the next method the law allows opens at once. The other
 * methods end by their own rules (the platforms' deadlines, the firms' reports), not by the court's word.
 */
export async function failStep(ctx: AppContext, deps: ValuationDeps, actor: Actor, valuationId: string, input: FailStepBody): Promise<ValuationRow> {
  await valuationForStaff(ctx.db, actor, valuationId);
  const platforms = await readPlatforms(deps);
  return inValuation(ctx, actor, valuationId, platforms, async (flow, valuation) => {
    if (valuation.status !== 'running') throw notRunning(valuation);
    const step = (await currentStepOf(flow.tx, valuationId))!;
    if (step.status !== 'open' || (step.method !== 'negotiated' && step.method !== 'directedInquiry')) {
      throw new AppError(
        'METHOD_OUT_OF_ORDER',
        `当前为${METHOD_NAMES[step.method].split(' / ')[0]}，只有议价、定向询价可由法院记录不成（参考价第4—7条） / The current method is ${METHOD_NAMES[step.method].split(' / ')[1]}; only a negotiation or a directed inquiry is recorded as failed by the court (参考价 Art. 4–7)`,
        { current: step.method, status: step.status },
      );
    }
    await failAndAdvance(flow, valuation, step, input.reason.trim());
    return valuation;
  });
}
