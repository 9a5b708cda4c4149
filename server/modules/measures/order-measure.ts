import { randomUUID } from 'node:crypto';
import { AssetKind } from '../../../shared/institution-protocol';
import { formatMoney, isPositive } from '../../../shared/money';
import type { OrderMeasureBody } from '../../../shared/schemas/measures';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { caseById, partiesOf } from '../cases';
import { assetById } from '../inquiry';
import { caseForStaff } from './measure-access';
import { queueOrder } from './measure-orders';
import {
  committedOf,
  defaultFreezeAmount,
  enforcementCosts,
  expiryFor,
  isFunds,
  isPositiveMoney,
  measureKindFor,
  overSeizure,
  seizureRoom,
} from './measure.rules';
import { activeMeasureOnAsset, activeMeasuresOfCase, insertMeasure, lockCaseMeasures, type MeasureRow } from './measure.store';

export interface MeasureDeps {
  /** The platform's callback URL, given to institutions for later events (a queued measure taking effect). */
  callbackUrl: string;
}

/**
 * Orders a freeze (冻结) or seizure (查封) of one asset of a debtor of the case (协助执行通知书 to the institution through
 * the outbox). The term follows the asset kind (民诉解释 Art. 485); what the case's measures bind may not exceed the
 * outstanding claim plus costs (查扣冻 Art. 19) unless the judge records the asset as indivisible.
 */
export async function orderMeasure(ctx: AppContext, deps: MeasureDeps, actor: Actor, caseId: string, input: OrderMeasureBody): Promise<MeasureRow> {
  const theCase = await caseForStaff(ctx.db, actor, caseId);
  if (theCase.status !== 'open') throw new AppError('CASE_NOT_OPEN', '案件已结，不能采取控制措施 / The case is closed; no measure may be ordered');

  const asset = await assetById(ctx.db, input.assetId);
  const debtor = asset ? (await partiesOf(ctx.db, [caseId])).find((p) => p.role === 'debtor' && p.idNumber === asset.debtorIdNumber) : undefined;
  const assetKind = AssetKind.safeParse(asset?.kind);
  if (!asset || !debtor || !assetKind.success) {
    throw fieldError('ASSET_NOT_OF_CASE', 'assetId', '该财产不属于本案被执行人（网查第7条） / That asset is not one of this case\'s debtors\' (网查 Art. 7)');
  }
  const kind = measureKindFor(assetKind.data);
  if (input.amount !== undefined && !isPositiveMoney(input.amount)) {
    throw fieldError('VALIDATION_FAILED', 'amount', '金额必须为大于0、最多两位小数的金额 / The amount must be positive money with at most 2 decimals');
  }
  if (kind === 'seizure' && input.amount !== undefined) {
    throw fieldError('VALIDATION_FAILED', 'amount', '查封不动产或车辆不指定金额 / A seizure of real estate or a vehicle takes no amount');
  }
  if (input.indivisible && isFunds(assetKind.data)) {
    throw fieldError('VALIDATION_FAILED', 'indivisible', '资金是可分的，不能记录为不可分物 / Money is divisible; it cannot be recorded as indivisible');
  }
  if (input.indivisible && !input.indivisibleReason?.trim()) {
    throw fieldError('VALIDATION_FAILED', 'indivisibleReason', '记录不可分物须说明理由 / Say why the asset is indivisible');
  }

  const now = ctx.clock.now();
  const term = expiryFor(assetKind.data, now, input.until ? new Date(input.until) : undefined);
  if (!term.ok) throw fieldError(term.code === 'TERM_TOO_LONG' ? 'TERM_TOO_LONG' : 'VALIDATION_FAILED', 'until', term.message, { maxUntil: term.maxUntil.toISOString() });

  return ctx.db.transaction(async (tx) => {
    await lockCaseMeasures(tx, caseId);
    if (await activeMeasureOnAsset(tx, caseId, asset.id)) {
      throw new AppError('MEASURE_EXISTS', '本案对该财产已有有效措施 / This case already has a live measure on that asset');
    }
    const current = (await caseById(tx, caseId))!;
    const costs = enforcementCosts(current.claimAmount);
    const committed = committedOf(await activeMeasuresOfCase(tx, caseId));
    const room = seizureRoom({ outstanding: current.outstandingAmount, costs, committed });

    let requested: string | null;
    if (kind === 'seizure') {
      requested = asset.indicativeValue === null ? null : formatMoney(asset.indicativeValue);
    } else {
      // Funds default to their balance; securities and equity to their indicative value.
      const holding = asset.balance ?? asset.indicativeValue;
      const amount = input.amount ?? defaultFreezeAmount(holding, room) ?? (holding !== null && isPositive(holding) ? holding : null);
      if (amount === null) throw fieldError('VALIDATION_FAILED', 'amount', '该财产余额或价值为0，请填写冻结金额 / The balance or value is 0: give the amount to freeze');
      requested = formatMoney(amount);
    }

    // 查扣冻 Art. 19: no more than the claim plus costs, unless the asset is indivisible (para 2).
    const over = overSeizure({ outstanding: current.outstandingAmount, costs, committed, requested: requested ?? '0' });
    if (over && !input.indivisible) {
      throw new AppError(
        'OVER_SEIZURE',
        `超标的查封：已控制${over.committed}元，本次${over.requested}元，超出债权及执行费用${over.limit}元共${over.excess}元（查扣冻第19条） / Over-seizure: ${over.committed} already bound plus ${over.requested} exceeds the claim and costs of ${over.limit} by ${over.excess} (查扣冻 Art. 19)`,
        over,
      );
    }

    const row: MeasureRow = {
      id: randomUUID(),
      caseId,
      courtId: current.courtId,
      caseNo: current.caseNo,
      assetId: asset.id,
      debtorIdNumber: asset.debtorIdNumber,
      institutionCode: asset.institutionCode,
      assetRef: asset.assetRef,
      assetKind: assetKind.data,
      assetIdentifier: asset.identifier,
      assetDescription: asset.description,
      kind,
      status: 'pending',
      requestedAmount: requested,
      frozenAmount: null,
      deductedAmount: '0.00',
      rank: null,
      indivisible: Boolean(input.indivisible),
      indivisibleReason: input.indivisible ? input.indivisibleReason!.trim() : null,
      measureRef: null,
      expiresAt: term.expiresAt,
      orderedBy: actor.userId!,
      orderedAt: now,
      effectiveAt: null,
      endedAt: null,
      endReason: null,
      remindedAt: null,
      pendingOrder: null,
      renewUntil: null,
      updatedAt: now,
    };
    await insertMeasure(tx, row);
    const debtorOnNotice = { kind: debtor.kind, name: debtor.name, idNumber: debtor.idNumber };
    await queueOrder(tx, {
      measure: row,
      type: kind === 'freeze' ? 'freeze' : 'seize',
      body:
        kind === 'freeze'
          ? { assetRef: row.assetRef, debtor: debtorOnNotice, amount: requested!, until: row.expiresAt.toISOString() }
          : { assetRef: row.assetRef, debtor: debtorOnNotice, until: row.expiresAt.toISOString() },
      official: { id: actor.userId!, name: actor.displayName },
      callbackUrl: deps.callbackUrl,
      now,
    });
    await recordAudit(tx, ctx.clock, actor, {
      action: kind === 'freeze' ? 'measure.freeze_ordered' : 'measure.seizure_ordered',
      entityType: 'measure',
      entityId: row.id,
      caseId,
      data: {
        institution: row.institutionCode,
        asset: row.assetIdentifier,
        assetKind: row.assetKind,
        debtor: debtor.name,
        requestedAmount: requested,
        expiresAt: row.expiresAt.toISOString(),
        indivisible: row.indivisible,
        indivisibleReason: row.indivisibleReason,
        overSeizure: over,
      },
    });
    return row;
  });
}
