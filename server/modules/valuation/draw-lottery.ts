import type { LotteryBody } from '../../../shared/schemas/valuation';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { drawByLot, newLotterySeed } from './appraisal-flow';
import { appraisalStep } from './appraisal-step';
import { inValuation } from './run-flow';
import { valuationForStaff } from './valuation-access';
import type { ValuationRow } from './valuation.store';

/**
 * The parties could not agree on the firms, or one cannot be found: three firms and their order are drawn by lot
 * from the specialty's list (参考价 Art. 16). The seed, the pool and the draw are recorded, so anyone can re-run it
 * (`drawFirms(seed, pool)`); the job draws by itself when the parties' term ends without agreement.
 */
export async function drawLottery(ctx: AppContext, actor: Actor, valuationId: string, input: LotteryBody): Promise<ValuationRow> {
  await valuationForStaff(ctx.db, actor, valuationId);
  return inValuation(ctx, actor, valuationId, null, async (flow, valuation) => {
    const step = await appraisalStep(flow, valuation, ['choosing']);
    await drawByLot(flow, valuation, step, input.seed ?? newLotterySeed(), input.reason.trim());
    return valuation;
  });
}
