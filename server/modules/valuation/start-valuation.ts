import { randomUUID } from 'node:crypto';
import type { AssetKind } from '../../../shared/institution-protocol';
import { formatMoney } from '../../../shared/money';
import type { StartValuationBody } from '../../../shared/schemas/valuation';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { isUniqueViolation } from '../../platform/db/errors';
import { assetById } from '../inquiry';
import { measureVisibleTo, requireStaff } from './valuation-access';
import { audit, openMethod, type Flow, type ValuationEvent } from './valuation-flow';
import { pushValuationEvents } from './valuation-events';
import { addDays, inForce, MAX_NEGOTIATION_DAYS, nextMethod, START_DAYS, VALUED_KINDS } from './valuation.rules';
import { insertValuation, liveValuationOfMeasure, lockMeasureValuations, markExpired, type ValuationRow } from './valuation.store';

/**
 * Starts the procedure to fix the reference price (参考价 Art. 1) of the asset under a measure in force of one of the
 * court's cases, with the first method the law allows: the parties' negotiation, with its deadline (Art. 4).
 * Refused while another valuation of the measure runs or its price is still valid.
 */
export async function startValuation(ctx: AppContext, actor: Actor, measureId: string, input: StartValuationBody): Promise<ValuationRow> {
  const { measure, theCase } = await measureVisibleTo(ctx.db, actor, measureId);
  requireStaff(actor);
  if (theCase.status !== 'open') throw new AppError('CASE_NOT_OPEN', '案件已结，不能启动参考价程序 / The case is closed; no valuation may be started');
  if (measure.status !== 'in_force') {
    throw new AppError(
      'MEASURE_NOT_IN_FORCE',
      `该措施不在有效状态（${measure.status}），只能对已查封、扣押、冻结的财产确定参考价（参考价第1条） / The measure is not in force (${measure.status}); only seized, distrained or frozen property is valued (参考价 Art. 1)`,
    );
  }
  const kind = measure.assetKind as AssetKind;
  if (!VALUED_KINDS.includes(kind)) {
    throw new AppError(
      'VALUATION_NOT_APPLICABLE',
      '存款等资金直接扣划，不需拍卖、变卖，无需确定参考价（参考价第1条） / Funds are deducted, not sold: no reference price is needed (参考价 Art. 1)',
    );
  }
  const now = ctx.clock.now();
  const deadline = input.negotiationDeadline ? new Date(input.negotiationDeadline) : undefined;
  if (deadline && (deadline.getTime() <= now.getTime() || deadline.getTime() > addDays(now, MAX_NEGOTIATION_DAYS).getTime())) {
    throw fieldError(
      'VALIDATION_FAILED',
      'negotiationDeadline',
      `议价期限应晚于现在且不超过${MAX_NEGOTIATION_DAYS}日（参考价第4条：指定期限） / The negotiation deadline must be after now and within ${MAX_NEGOTIATION_DAYS} days (参考价 Art. 4)`,
    );
  }
  const asset = await assetById(ctx.db, measure.assetId);
  const first = nextMethod(null, kind)!;
  const events = new Set<ValuationEvent>();

  let row: ValuationRow;
  try {
    row = await ctx.db.transaction(async (tx) => {
      await lockMeasureValuations(tx, measureId);
      const live = await liveValuationOfMeasure(tx, measureId);
      if (live?.status === 'running') {
        throw new AppError('VALUATION_RUNNING', '该财产的参考价程序正在进行 / A valuation of this asset is already running', { valuationId: live.id });
      }
      const flow: Flow = { ctx, tx, actor, now, platforms: null, events };
      if (live?.status === 'fixed') {
        if (inForce({ fixedAt: live.fixedAt!, validUntil: live.validUntil! }, now)) {
          throw new AppError(
            'REFERENCE_PRICE_VALID',
            `该财产已有有效参考价，有效期至${live.validUntil!.toISOString()}（参考价第27条） / The asset has a reference price valid until ${live.validUntil!.toISOString()} (参考价 Art. 27)`,
            { valuationId: live.id, validUntil: live.validUntil!.toISOString() },
          );
        }
        // Its validity ended and the job has not marked it yet: mark it here, in this transaction.
        const expired = await markExpired(tx, live.id, now);
        if (expired) await audit(flow, expired, 'expired', { validUntil: expired.validUntil!.toISOString() });
      }
      const valuation: ValuationRow = {
        id: randomUUID(),
        measureId,
        caseId: measure.caseId,
        courtId: measure.courtId,
        caseNo: measure.caseNo,
        assetId: measure.assetId,
        assetKind: kind,
        assetIdentifier: measure.assetIdentifier,
        assetDescription: measure.assetDescription,
        indicativeValue: asset?.indicativeValue != null ? formatMoney(asset.indicativeValue) : null,
        status: 'running',
        method: first,
        startedBy: actor.userId!,
        startedAt: now,
        amount: null,
        fixedAt: null,
        validUntil: null,
        endedAt: null,
        endReason: null,
        updatedAt: now,
      };
      await insertValuation(tx, valuation);
      const since = measure.effectiveAt ?? measure.orderedAt;
      await audit(flow, valuation, 'started', {
        assetKind: kind,
        indicativeValue: valuation.indicativeValue,
        measureEffectiveAt: since.toISOString(),
        // 参考价 Art. 1: within 30 days of the seizure; a later start is recorded as such.
        startedLate: now.getTime() > addDays(since, START_DAYS).getTime(),
      });
      await openMethod(flow, valuation, first, 1, { deadline });
      return valuation;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('VALUATION_RUNNING', '该财产的参考价程序正在进行 / A valuation of this asset is already running');
    throw err;
  }
  await pushValuationEvents(ctx, row.id, events);
  return row;
}
