import { AppError } from '../../platform/errors';
import type { Flow } from './valuation-flow';
import { METHOD_NAMES } from './valuation-flow';
import { currentStepOf, resultsOfSteps, type ResultRow, type StepRow, type ValuationRow } from './valuation.store';
import { notRunning } from './fix-negotiated';

/** The appraisal step in progress in the given state, or the refusal that names where the valuation is. */
export async function appraisalStep(flow: Flow, valuation: ValuationRow, states: StepRow['status'][]): Promise<StepRow> {
  if (valuation.status !== 'running') throw notRunning(valuation);
  const step = (await currentStepOf(flow.tx, valuation.id))!;
  if (step.method !== 'appraisal') {
    throw new AppError(
      'METHOD_OUT_OF_ORDER',
      `当前为${METHOD_NAMES[step.method].split(' / ')[0]}，尚未委托评估；跳过前序方式须记录双方当事人一致要求（参考价第14条） / The current method is ${METHOD_NAMES[step.method].split(' / ')[1]}, not an appraisal; skipping ahead needs both parties' recorded request (参考价 Art. 14)`,
      { current: step.method },
    );
  }
  if (!states.includes(step.status)) {
    const what: Record<string, string> = {
      choosing: '评估机构尚未确定 / the firms are not chosen yet',
      open: '评估机构正在评估 / a firm is appraising',
      reported: '评估报告已出具 / the report is in',
    };
    throw new AppError('CONFLICT', `委托评估当前状态不允许此操作：${(what[step.status] ?? step.status).split(' / ')[0]} / The appraisal is not at that stage: ${(what[step.status] ?? step.status).split(' / ')[1] ?? step.status}`, {
      status: step.status,
    });
  }
  return step;
}

/** The firm commissioned now (the one with its 30 days running). */
export async function commissionedFirm(flow: Flow, step: StepRow): Promise<ResultRow> {
  const firm = (await resultsOfSteps(flow.tx, [step.id])).find((r) => r.status === 'pending');
  if (!firm) throw new AppError('CONFLICT', '当前没有受托评估机构 / No firm is commissioned now');
  return firm;
}
