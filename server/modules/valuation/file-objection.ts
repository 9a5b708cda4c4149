import { randomUUID } from 'node:crypto';
import type { ObjectionBody } from '../../../shared/schemas/valuation';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { partiesOf } from '../cases';
import { inValuation } from './run-flow';
import { valuationForStaff } from './valuation-access';
import { audit } from './valuation-flow';
import { objectionsAllowed } from './valuation.rules';
import { currentStepOf, insertObjection, resultsOfSteps, type ObjectionRow } from './valuation.store';

/**
 * Court staff record a party's written objection to one platform's online inquiry report or to the appraisal report,
 * filed within 5 days of receiving it (参考价 Art. 22, 23). None lies against a negotiated price or a directed
 * inquiry's result (Art. 24 para 2), nor after the 5 days (Art. 24 para 1). The price waits for the ruling.
 */
export async function fileObjection(ctx: AppContext, actor: Actor, valuationId: string, input: ObjectionBody): Promise<ObjectionRow> {
  const { valuation: found } = await valuationForStaff(ctx.db, actor, valuationId);
  let partyName = input.partyName?.trim();
  if (input.party === 'interested' && !partyName) throw fieldError('VALIDATION_FAILED', 'partyName', '利害关系人须写明名称 / Name the interested party');
  if (input.party !== 'interested') {
    const names = (await partiesOf(ctx.db, [found.caseId])).filter((p) => p.role === input.party).map((p) => p.name);
    if (partyName && !names.includes(partyName)) throw fieldError('VALIDATION_FAILED', 'partyName', `本案${input.party === 'creditor' ? '申请执行人' : '被执行人'}中没有${partyName} / No ${input.party} of the case is named ${partyName}`);
    partyName ??= names.join('、');
  }
  return inValuation(ctx, actor, valuationId, null, async (flow, valuation) => {
    const { tx, now } = flow;
    const step = (await currentStepOf(tx, valuationId))!;
    // 参考价 Art. 24 para 2: no objection to a negotiated price or a directed inquiry's result.
    if (!objectionsAllowed(step.method)) {
      throw new AppError('OBJECTION_NOT_ALLOWED', '当事人、利害关系人对议价或者定向询价提出异议的，人民法院不予受理（参考价第24条第2款） / No objection lies against a negotiated price or a directed inquiry\'s result (参考价 Art. 24 para 2)', {
        method: step.method,
      });
    }
    // 参考价 Art. 22, 24 para 1: within 5 days of receiving the report.
    if (step.objectionDeadline && now.getTime() > step.objectionDeadline.getTime()) {
      throw new AppError(
        'OBJECTION_TOO_LATE',
        `异议期已于${step.objectionDeadline.toISOString()}届满：应在收到报告后五日内提出（参考价第22、24条） / The objection period ended at ${step.objectionDeadline.toISOString()}: objections are due within 5 days of receiving the report (参考价 Art. 22, 24)`,
        { objectionDeadline: step.objectionDeadline.toISOString() },
      );
    }
    if (valuation.status !== 'running' || step.status !== 'reported') {
      throw new AppError('REPORT_NOT_READY', '尚无可提出异议的报告 / There is no report to object to', { status: step.status });
    }
    if (!step.deliveredAt) {
      throw new AppError('REPORT_NOT_DELIVERED', '报告尚未送达当事人，异议期尚未开始（参考价第21、22条） / The report has not been delivered; the objection period has not begun (参考价 Art. 21, 22)');
    }
    const results = await resultsOfSteps(tx, [step.id]);
    const target = input.resultId ? results.find((r) => r.id === input.resultId) : undefined;
    if (!target || target.status !== 'received') {
      throw fieldError('VALIDATION_FAILED', 'resultId', '该报告不属于本次计入参考价的报告 / That report is not one of the reports counted for this price');
    }
    const row: ObjectionRow = {
      id: randomUUID(),
      valuationId,
      stepId: step.id,
      resultId: target.id,
      party: input.party,
      partyName: partyName!,
      grounds: input.grounds,
      statement: input.statement.trim(),
      filedAt: now,
      recordedBy: actor.userId!,
      status: 'pending',
      ruledAt: null,
      ruledBy: null,
      ruling: null,
    };
    await insertObjection(tx, row);
    await audit(flow, valuation, 'objection_filed', { step: step.seq, objection: row.id, report: target.sourceCode, party: row.party, partyName: row.partyName, grounds: row.grounds });
    flow.events.add('valuation.updated');
    return row;
  });
}
