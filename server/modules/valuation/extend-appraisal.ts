import type { ExtensionBody } from '../../../shared/schemas/valuation';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { appraisalStep, commissionedFirm } from './appraisal-step';
import { inValuation } from './run-flow';
import { valuationForStaff } from './valuation-access';
import { audit } from './valuation-flow';
import { checkExtension, type Extension } from './valuation.rules';
import { updateResult, updateStep, type ValuationRow } from './valuation.store';

const CODES = { TOO_MANY: 'APPRAISAL_EXTENSION_LIMIT', TOO_LONG: 'APPRAISAL_EXTENSION_TOO_LONG', TOO_LATE: 'APPRAISAL_EXTENSION_TOO_LATE' } as const;

/**
 * The court grants the commissioned firm more time on its written application: at most twice, at most 15 days each,
 * applied for at least 5 days before its deadline (参考价 Art. 19 para 2).
 */
export async function extendAppraisal(ctx: AppContext, actor: Actor, valuationId: string, input: ExtensionBody): Promise<ValuationRow> {
  await valuationForStaff(ctx.db, actor, valuationId);
  return inValuation(ctx, actor, valuationId, null, async (flow, valuation) => {
    const { tx, now } = flow;
    const step = await appraisalStep(flow, valuation, ['open']);
    const firm = await commissionedFirm(flow, step);
    const extensions = (firm.extensions as Extension[]) ?? [];
    const check = checkExtension({ commissionedAt: firm.requestedAt!, extensions, days: input.days, now });
    if (!check.ok) throw new AppError(CODES[check.code], check.message, { extensions: extensions.length, days: input.days, dueAt: firm.dueAt?.toISOString() });
    const granted = [...extensions, { days: input.days, at: now.toISOString() }];
    await updateResult(tx, firm.id, { extensions: granted, dueAt: check.due, updatedAt: now });
    await updateStep(tx, step.id, { deadline: check.due, updatedBy: actor.userId, updatedAt: now });
    await audit(flow, valuation, 'appraisal_extended', { step: step.seq, firm: firm.sourceCode, days: input.days, extension: granted.length, dueAt: check.due.toISOString() });
    flow.events.add('valuation.updated');
    return valuation;
  });
}
