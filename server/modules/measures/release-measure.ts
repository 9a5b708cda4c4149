import type { ReleaseMeasureBody } from '../../../shared/schemas/measures';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { measureVisibleTo, requireStaff } from './measure-access';
import { queueOrder } from './measure-orders';
import { ENDED_STATUSES } from './measure.rules';
import { measureForUpdate, updateMeasure, type MeasureRow } from './measure.store';
import { fieldError, type MeasureDeps } from './order-measure';

/**
 * Releases (解除) a measure in force or queued, with the reason on the notice (e.g. 查扣冻 Art. 28, or the excess of an
 * over-seizure, Art. 19). It ends when the institution confirms; a measure already ended cannot be released.
 * Allowed on a closed case: releasing is what closing a case requires.
 */
export async function releaseMeasure(ctx: AppContext, deps: MeasureDeps, actor: Actor, measureId: string, input: ReleaseMeasureBody): Promise<MeasureRow> {
  await measureVisibleTo(ctx, actor, measureId);
  requireStaff(actor);
  const reason = input.reason?.trim();
  if (!reason || reason.length < 2) throw fieldError('VALIDATION_FAILED', 'reason', '请说明解除理由 / Give the reason for the release');
  const now = ctx.clock.now();

  return ctx.db.transaction(async (tx) => {
    const measure = (await measureForUpdate(tx, measureId))!;
    if ((ENDED_STATUSES as readonly string[]).includes(measure.status)) {
      const how = { rejected: '被拒绝 / rejected', released: '已解除 / released', lapsed: '已因期限届满失效 / lapsed at expiry', exhausted: '已扣划完毕 / exhausted by deduction' }[
        measure.status as (typeof ENDED_STATUSES)[number]
      ];
      throw new AppError('MEASURE_ENDED', `该措施${how}，无需解除 / The measure has ended (${measure.status}); there is nothing to release`);
    }
    if (measure.status === 'pending' || measure.pendingOrder) {
      throw new AppError('MEASURE_BUSY', '该措施另有指令正在办理，请待机构回复后再解除 / Another order on this measure awaits the institution\'s answer; release it after');
    }
    const updated = await updateMeasure(tx, measureId, { pendingOrder: 'release', endReason: reason, updatedAt: now });
    await queueOrder(tx, {
      measure: updated,
      type: 'release',
      body: { measureRef: measure.measureRef!, reason },
      official: { id: actor.userId!, name: actor.displayName },
      callbackUrl: deps.callbackUrl,
      now,
    });
    await recordAudit(tx, ctx.clock, actor, {
      action: 'measure.release_ordered',
      entityType: 'measure',
      entityId: measureId,
      caseId: measure.caseId,
      data: { institution: measure.institutionCode, asset: measure.assetIdentifier, reason },
    });
    return updated;
  });
}
