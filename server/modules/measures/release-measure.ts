import type { ReleaseMeasureBody } from '../../../shared/schemas/measures';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { measureVisibleTo, requireStaff } from './measure-access';
import { queueOrder } from './measure-orders';
import { ENDED_STATUSES } from './measure.rules';
import type { Db } from '../../platform/db/database';
import { activeMeasuresOfCase, lockCaseMeasures, measureForUpdate, updateMeasure, type MeasureRow } from './measure.store';
import { type MeasureDeps } from './order-measure';

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
    const updated = await orderRelease(ctx, tx, deps, actor, measure, reason, now);
    return updated;
  });
}

/** Puts the release order in the outbox and audits it, inside the caller's transaction, on a measure locked by it. */
async function orderRelease(ctx: AppContext, tx: Db, deps: MeasureDeps, actor: Actor, measure: MeasureRow, reason: string, now: Date): Promise<MeasureRow> {
  const updated = await updateMeasure(tx, measure.id, { pendingOrder: 'release', endReason: reason, updatedAt: now });
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
    entityId: measure.id,
    caseId: measure.caseId,
    data: { institution: measure.institutionCode, asset: measure.assetIdentifier, reason },
  });
  return updated;
}

/**
 * Releases every measure of the case that still binds an asset (in force or queued), inside the caller's transaction:
 * a case enforced in full (执行完毕) keeps nothing frozen or seized (查扣冻 Art. 28 (四): the debt is paid, the measures
 * are released). A measure with an order still awaiting the institution's answer (pending, or a renewal, release or
 * deduction in flight) makes it refuse with MEASURE_BUSY and change nothing, so that no order crosses another.
 * Returns the measures whose release was ordered.
 */
export async function releaseAllOfCase(ctx: AppContext, tx: Db, deps: MeasureDeps, actor: Actor, caseId: string, reason: string): Promise<MeasureRow[]> {
  await lockCaseMeasures(tx, caseId);
  const now = ctx.clock.now();
  const active = await activeMeasuresOfCase(tx, caseId);
  const locked: MeasureRow[] = [];
  for (const m of active) locked.push((await measureForUpdate(tx, m.id))!);
  const busy = locked.filter((m) => m.status === 'pending' || m.pendingOrder);
  if (busy.length > 0) {
    throw new AppError(
      'MEASURE_BUSY',
      `本案有${busy.length}项措施正待协助执行机构回复，请待回复后再结案 / ${busy.length} measure(s) of the case await an institution's answer; close the case after`,
      { measures: busy.map((m) => ({ id: m.id, asset: m.assetIdentifier, status: m.status, pendingOrder: m.pendingOrder })) },
    );
  }
  const released: MeasureRow[] = [];
  for (const m of locked) {
    if (m.status === 'in_force' || m.status === 'queued') released.push(await orderRelease(ctx, tx, deps, actor, m, reason, now));
  }
  return released;
}
