import { randomUUID } from 'node:crypto';
import type { AssetKind } from '../../../shared/institution-protocol';
import type { SkipBody } from '../../../shared/schemas/valuation';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { agreementRecord } from './agreement';
import { notRunning } from './fix-negotiated';
import { inValuation, readPlatforms, type ValuationDeps } from './run-flow';
import { valuationForStaff } from './valuation-access';
import { audit, closeOpenResults, METHOD_NAMES, openMethod } from './valuation-flow';
import { isLater, METHOD_ORDER, methodAvailable } from './valuation.rules';
import { currentStepOf, insertStep, updateStep, type ValuationRow } from './valuation.store';

/**
 * Both parties ask to go straight to a later method (参考价 Art. 5 para 2: directed inquiry; Art. 7 para 2: online
 * inquiry; Art. 14: appraisal). The court records their agreement (who, when, what) on each method skipped, then
 * opens the one they asked for, if the law allows it for the asset.
 */
export async function skipMethod(ctx: AppContext, deps: ValuationDeps, actor: Actor, valuationId: string, input: SkipBody): Promise<ValuationRow> {
  const { valuation: found } = await valuationForStaff(ctx.db, actor, valuationId);
  const kind = found.assetKind as AssetKind;
  if (!methodAvailable(input.to, kind)) {
    const why =
      input.to === 'directedInquiry'
        ? '该财产无计税基准价、政府定价或政府指导价（参考价第5条） / The asset has no tax base, government or guided price (参考价 Art. 5)'
        : '该财产需现场勘验或不具备网络询价条件（参考价第7条） / The asset needs a site inspection or cannot be priced online (参考价 Art. 7)';
    throw new AppError('METHOD_NOT_AVAILABLE', `${METHOD_NAMES[input.to].split(' / ')[0]}不适用：${why.split(' / ')[0]} / ${METHOD_NAMES[input.to].split(' / ')[1]} is not available: ${why.split(' / ')[1]}`, { method: input.to, assetKind: kind });
  }
  const platforms = input.to === 'onlineInquiry' ? await readPlatforms(deps) : null;
  return inValuation(ctx, actor, valuationId, platforms, async (flow, valuation) => {
    const { tx, now } = flow;
    if (valuation.status !== 'running') throw notRunning(valuation);
    const step = (await currentStepOf(tx, valuationId))!;
    if (!isLater(input.to, step.method)) {
      throw new AppError(
        'METHOD_OUT_OF_ORDER',
        `只能经当事人一致同意跳至法定顺序中靠后的方式，当前为${METHOD_NAMES[step.method].split(' / ')[0]}（参考价第5、7、14条） / The parties may only skip ahead in the legal order; the current method is ${METHOD_NAMES[step.method].split(' / ')[1]} (参考价 Art. 5, 7, 14)`,
        { current: step.method, to: input.to },
      );
    }
    const agreement = await agreementRecord(tx, actor, valuation.caseId, input.agreement, now, { to: input.to });
    const reason = `双方当事人一致要求直接采用${METHOD_NAMES[input.to].split(' / ')[0]}（参考价第5、7、14条） / Both parties asked for ${METHOD_NAMES[input.to].split(' / ')[1]} directly (参考价 Art. 5, 7, 14)`;
    await closeOpenResults(flow, step, reason);
    await updateStep(tx, step.id, { status: 'skipped', agreement, closedAt: now, outcome: reason, updatedBy: actor.userId, updatedAt: now });
    await audit(flow, valuation, 'method_skipped', { step: step.seq, method: step.method, to: input.to, agreement });
    let seq = step.seq;
    // The methods between the current one and the one asked for, which the law would otherwise open, are skipped too.
    for (const method of METHOD_ORDER.slice(METHOD_ORDER.indexOf(step.method) + 1, METHOD_ORDER.indexOf(input.to))) {
      if (!methodAvailable(method, kind)) continue;
      seq += 1;
      await insertStep(tx, {
        id: randomUUID(),
        valuationId,
        seq,
        method,
        status: 'skipped',
        openedAt: now,
        deadline: null,
        extendedAt: null,
        amount: null,
        resultAt: null,
        deliveredAt: null,
        deliveryMethod: null,
        receivedAt: null,
        objectionDeadline: null,
        agreement,
        details: null,
        closedAt: now,
        outcome: reason,
        updatedBy: actor.userId,
        updatedAt: now,
      });
      await audit(flow, valuation, 'method_skipped', { step: seq, method, to: input.to, agreement });
    }
    await openMethod(flow, valuation, input.to, seq + 1);
    return valuation;
  });
}
