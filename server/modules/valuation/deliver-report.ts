import type { DeliveryBody } from '../../../shared/schemas/valuation';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { notRunning } from './fix-negotiated';
import { inValuation } from './run-flow';
import { valuationForStaff } from './valuation-access';
import { audit } from './valuation-flow';
import { objectionDeadline, receivedAtFor } from './valuation.rules';
import { currentStepOf, updateStep, type ValuationRow } from './valuation.store';

/**
 * The court delivered the online inquiry or appraisal report to the parties (参考价 Art. 21): the delivery time is
 * recorded, and the 5-day objection window runs from when they received it (a public notice counts as received 15
 * days after; Art. 21 para 2, 22).
 */
export async function deliverReport(ctx: AppContext, actor: Actor, valuationId: string, input: DeliveryBody): Promise<ValuationRow> {
  await valuationForStaff(ctx.db, actor, valuationId);
  return inValuation(ctx, actor, valuationId, null, async (flow, valuation) => {
    const { tx, now } = flow;
    if (valuation.status !== 'running') throw notRunning(valuation);
    const step = (await currentStepOf(tx, valuationId))!;
    if (step.status !== 'reported') {
      throw new AppError('REPORT_NOT_READY', '尚无待送达的网络询价或评估报告（参考价第21条） / There is no online inquiry or appraisal report to deliver yet (参考价 Art. 21)', {
        method: step.method,
        status: step.status,
      });
    }
    if (step.deliveredAt) {
      throw new AppError('CONFLICT', `报告已于${step.deliveredAt.toISOString()}送达 / The report was delivered at ${step.deliveredAt.toISOString()}`);
    }
    const receivedAt = receivedAtFor(now, input.method);
    const deadline = objectionDeadline(receivedAt);
    await updateStep(tx, step.id, { deliveredAt: now, deliveryMethod: input.method, receivedAt, objectionDeadline: deadline, updatedBy: actor.userId, updatedAt: now });
    await audit(flow, valuation, 'report_delivered', {
      step: step.seq,
      method: step.method,
      delivery: input.method,
      deliveredAt: now.toISOString(),
      receivedAt: receivedAt.toISOString(),
      objectionDeadline: deadline.toISOString(),
    });
    flow.events.add('valuation.updated');
    return valuation;
  });
}
