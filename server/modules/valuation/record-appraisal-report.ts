import type { AppraisalReportBody } from '../../../shared/schemas/valuation';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { validityError } from './fix-negotiated';
import { appraisalStep, commissionedFirm } from './appraisal-step';
import { inValuation } from './run-flow';
import { valuationForStaff } from './valuation-access';
import { audit } from './valuation-flow';
import { validityFor } from './valuation.rules';
import { updateResult, updateStep, type ValuationRow } from './valuation.store';

/**
 * Court staff record the commissioned firm's written report when it arrives, within its deadline (参考价 Art. 17,
 * 19): the price, the report number, its validity (at most 1 year, Art. 27). It is then delivered to the parties,
 * who may object within 5 days (Art. 21, 22).
 */
export async function recordAppraisalReport(ctx: AppContext, actor: Actor, valuationId: string, input: AppraisalReportBody): Promise<ValuationRow> {
  await valuationForStaff(ctx.db, actor, valuationId);
  return inValuation(ctx, actor, valuationId, null, async (flow, valuation) => {
    const { tx, now } = flow;
    const step = await appraisalStep(flow, valuation, ['open']);
    const firm = await commissionedFirm(flow, step);
    if (firm.dueAt && now.getTime() > firm.dueAt.getTime()) {
      throw new AppError(
        'STEP_DEADLINE_PASSED',
        `评估机构应于${firm.dueAt.toISOString()}前出具报告，已逾期（参考价第19条） / The firm's report was due by ${firm.dueAt.toISOString()} (参考价 Art. 19)`,
      );
    }
    const validity = validityFor(now, input.validUntil ? new Date(input.validUntil) : null);
    if (!validity.ok) throw validityError(validity.maxUntil);
    await updateResult(tx, firm.id, {
      status: 'received',
      amount: input.price,
      reportNo: input.reportNo,
      issuedAt: now,
      recordedAt: now,
      reportValidUntil: validity.validUntil,
      updatedAt: now,
    });
    await updateStep(tx, step.id, { status: 'reported', amount: input.price, resultAt: now, deadline: null, updatedBy: actor.userId, updatedAt: now });
    await audit(flow, valuation, 'appraisal_reported', { step: step.seq, firm: firm.sourceCode, price: input.price, reportNo: input.reportNo, validUntil: validity.validUntil.toISOString() });
    flow.events.add('valuation.result');
    return valuation;
  });
}
