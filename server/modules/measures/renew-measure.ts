import type { AssetKind } from '../../../shared/institution-protocol';
import type { RenewMeasureBody } from '../../../shared/schemas/measures';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { measureVisibleTo, requireStaff } from './measure-access';
import { queueOrder } from './measure-orders';
import { canRenew, maxExpiry } from './measure.rules';
import { measureForUpdate, updateMeasure, type MeasureRow } from './measure.store';
import { type MeasureDeps } from './order-measure';

/**
 * Renews (续行) a measure before it expires, for at most the maximum term of its kind from now (民诉解释 Art. 485
 * para 2); the new expiry applies once the institution confirms. Without `until`, the maximum.
 */
export async function renewMeasure(ctx: AppContext, deps: MeasureDeps, actor: Actor, measureId: string, input: RenewMeasureBody): Promise<MeasureRow> {
  const { theCase } = await measureVisibleTo(ctx, actor, measureId);
  requireStaff(actor);
  if (theCase.status !== 'open') throw new AppError('CASE_NOT_OPEN', '案件已结，不能续行 / The case is closed; no renewal');
  const now = ctx.clock.now();

  return ctx.db.transaction(async (tx) => {
    const measure = (await measureForUpdate(tx, measureId))!;
    const assetKind = measure.assetKind as AssetKind;
    const newUntil = input.until ? new Date(input.until) : maxExpiry(assetKind, now);
    const check = canRenew({ status: measure.status, assetKind, expiresAt: measure.expiresAt, pendingOrder: measure.pendingOrder }, now, newUntil);
    if (!check.ok) {
      if (check.code === 'TERM_TOO_LONG' || check.code === 'TERM_NOT_FUTURE') {
        throw fieldError(check.code === 'TERM_TOO_LONG' ? 'TERM_TOO_LONG' : 'VALIDATION_FAILED', 'until', check.message, { maxUntil: check.maxUntil?.toISOString() });
      }
      throw new AppError(check.code, check.message);
    }
    const updated = await updateMeasure(tx, measureId, { pendingOrder: 'renew', renewUntil: newUntil, updatedAt: now });
    await queueOrder(tx, {
      measure: updated,
      type: 'renew',
      body: { measureRef: measure.measureRef!, until: newUntil.toISOString() },
      official: { id: actor.userId!, name: actor.displayName },
      callbackUrl: deps.callbackUrl,
      now,
    });
    await recordAudit(tx, ctx.clock, actor, {
      action: 'measure.renewal_ordered',
      entityType: 'measure',
      entityId: measureId,
      caseId: measure.caseId,
      data: { institution: measure.institutionCode, asset: measure.assetIdentifier, from: measure.expiresAt.toISOString(), until: newUntil.toISOString() },
    });
    return updated;
  });
}
