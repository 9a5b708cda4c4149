import type { AssetKind } from '../../../shared/institution-protocol';
import { formatMoney, minMoney } from '../../../shared/money';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../audit';
import type { CallbackHandler } from '../network';
import { institutionActor, pushAfterCommit } from './measure-events';
import { maxExpiry } from './measure.rules';
import { lockCaseMeasures, measureByRef, measureForUpdate, updateMeasure } from './measure.store';

const earlier = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

/**
 * The handler for the institution's `promoted` callback (查扣冻 Art. 26): when the measure before it is released or
 * lapses, the earliest queued measure takes effect by itself and the institution reports it. A queued measure of ours
 * becomes in force with the amount now frozen, or moves up the queue; the judge is told. The signature and replay
 * checks are the network module's; this refuses (throws, so the caller's transaction changes nothing) a callback that
 * names no measure of ours or a measure that is not queued.
 */
export function measureCallbackHandler(ctx: AppContext): CallbackHandler {
  return async (tx, callback) => {
    const found = await measureByRef(tx, callback.institution, callback.measureRef);
    if (!found || found.id !== callback.correlationId) throw notFound('measure', '措施');
    await lockCaseMeasures(tx, found.caseId);
    const measure = (await measureForUpdate(tx, found.id))!;
    // The same promotion reported twice (a new message id for the same event) changes nothing.
    if (measure.status === 'in_force' && callback.rank === 1) return () => undefined;
    if (measure.status !== 'queued') {
      throw new AppError('MEASURE_NOT_QUEUED', `该措施不在轮候中（${measure.status}） / The measure is not queued (${measure.status})`);
    }
    const now = ctx.clock.now();
    const actor = institutionActor(callback.institution);
    const data = { institution: measure.institutionCode, asset: measure.assetIdentifier, rank: callback.rank };

    if (callback.rank > 1) {
      const updated = await updateMeasure(tx, measure.id, { rank: callback.rank, updatedAt: now });
      const push = await pushAfterCommit(ctx, tx, updated, 'measure.updated');
      await recordAudit(tx, ctx.clock, actor, { action: 'measure.queue_advanced', entityType: 'measure', entityId: measure.id, caseId: measure.caseId, data });
      return push;
    }

    // The term of a queued measure runs from when it takes effect, within the maximum of 民诉解释 Art. 485.
    const expiresAt = earlier(new Date(callback.effectiveUntil), maxExpiry(measure.assetKind as AssetKind, now));
    const frozen =
      measure.kind === 'freeze' ? formatMoney(minMoney(callback.frozenAmount ?? measure.requestedAmount ?? '0', measure.requestedAmount ?? '0')) : null;
    const updated = await updateMeasure(tx, measure.id, {
      status: 'in_force',
      rank: 1,
      frozenAmount: frozen,
      effectiveAt: now,
      expiresAt,
      remindedAt: null,
      updatedAt: now,
    });
    const push = await pushAfterCommit(ctx, tx, updated, 'measure.promoted');
    await recordAudit(tx, ctx.clock, actor, {
      action: 'measure.promoted',
      entityType: 'measure',
      entityId: measure.id,
      caseId: measure.caseId,
      data: { ...data, frozenAmount: frozen, expiresAt: expiresAt.toISOString() },
    });
    return push;
  };
}
