import type { AssetKind } from '../../../shared/institution-protocol';
import type { ChooseFirmsBody } from '../../../shared/schemas/valuation';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { fieldError } from '../../platform/errors';
import { agreementRecord } from './agreement';
import { firmsFor } from './appraisal-firms';
import { recordFirms } from './appraisal-flow';
import { appraisalStep } from './appraisal-step';
import { inValuation } from './run-flow';
import { valuationForStaff } from './valuation-access';
import type { ValuationRow } from './valuation.store';

/**
 * The parties agreed on three firms of the specialty's list and their order (参考价 Art. 16); the first is
 * commissioned at once (30 days, Art. 17, 19).
 */
export async function chooseFirms(ctx: AppContext, actor: Actor, valuationId: string, input: ChooseFirmsBody): Promise<ValuationRow> {
  const { valuation: found } = await valuationForStaff(ctx.db, actor, valuationId);
  const pool = new Set(firmsFor(found.assetKind as AssetKind).map((f) => f.code));
  const firms = input.firms.map((c) => c.trim());
  const unknown = firms.filter((c) => !pool.has(c));
  if (unknown.length || new Set(firms).size !== firms.length) {
    const message = unknown.length
      ? `不在该类财产的司法评估机构名单分库中：${unknown.join('、')}（参考价第15、16条） / Not on the list of appraisal firms for this kind of asset: ${unknown.join(', ')} (参考价 Art. 15, 16)`
      : '三家评估机构不得重复（参考价第16条） / The three firms must be different (参考价 Art. 16)';
    throw fieldError('FIRMS_INVALID', 'firms', message, { pool: [...pool] });
  }
  return inValuation(ctx, actor, valuationId, null, async (flow, valuation) => {
    const step = await appraisalStep(flow, valuation, ['choosing']);
    const agreement = await agreementRecord(flow.tx, actor, valuation.caseId, input.agreement, flow.now, { firms });
    await recordFirms(flow, valuation, step, firms, { choice: 'parties', agreement });
    return valuation;
  });
}
