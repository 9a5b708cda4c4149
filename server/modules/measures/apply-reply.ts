import type { Reply } from '../../../shared/institution-protocol';
import { add, compareMoney, formatMoney, minMoney } from '../../../shared/money';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { recordAudit } from '../audit';
import { applyRecovery } from '../cases';
import { courtById } from '../courts';
import { caseRecoveredAccount, courtFundsAccount, postTransaction } from '../ledger';
import type { AfterCommit, OutboxRow, ReplyHandler } from '../network';
import { institutionActor, pushAfterCommit } from './measure-events';
import { available } from './measure.rules';
import { deductionByMessage, lockCaseMeasures, measureById, measureForUpdate, updateDeduction, updateMeasure, type MeasureRow } from './measure.store';

/** The outbox message types whose replies this module applies. */
export const MEASURE_ORDER_TYPES = ['freeze', 'seize', 'renew', 'release', 'lapse', 'deduct'] as const;

const earlier = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

/**
 * The ReplyHandler for measure orders, called by the outbox worker (or the inbox, for institutions that answer by
 * hand) inside the transaction that marks the message delivered, so a reply is applied exactly once. Other message
 * types are left alone (resolves undefined). Returns the push to the judge, to run after commit.
 */
export function measureReplyHandler(ctx: AppContext): ReplyHandler {
  return async (tx, message, reply) => {
    if (!(MEASURE_ORDER_TYPES as readonly string[]).includes(message.type)) return undefined;
    return applyReply(ctx, tx, message, reply);
  };
}

/** Applies one institution reply to the measure (and deduction) it answers. */
export async function applyReply(ctx: AppContext, tx: Db, message: OutboxRow, reply: Reply): Promise<AfterCommit | undefined> {
  const found = await measureById(tx, message.correlationId);
  if (!found) {
    ctx.logger.warn({ messageId: message.id, correlationId: message.correlationId }, 'reply for an unknown measure');
    return undefined;
  }
  // Same lock as an order of the case: what the case binds changes here.
  await lockCaseMeasures(tx, found.caseId);
  const measure = (await measureForUpdate(tx, found.id))!;
  const now = ctx.clock.now();
  const actor = institutionActor(message.institutionCode);
  const rejected = reply.status === 'rejected';
  const reason = reply.reason ?? '机构未说明理由 / no reason given';
  const audit = (action: string, data: Record<string, unknown>) =>
    recordAudit(tx, ctx.clock, actor, { action, entityType: 'measure', entityId: measure.id, caseId: measure.caseId, data: { institution: measure.institutionCode, asset: measure.assetIdentifier, ...data } });

  switch (message.type) {
    case 'freeze':
    case 'seize': {
      if (measure.status !== 'pending') return undefined;
      if (rejected) {
        const updated = await updateMeasure(tx, measure.id, { status: 'rejected', endedAt: now, endReason: reason, updatedAt: now });
        const push = await pushAfterCommit(ctx, tx, updated, 'measure.updated');
        await audit('measure.rejected', { reason });
        return push;
      }
      const rank = reply.rank ?? 1;
      const inForce = rank === 1;
      // The institution may freeze less than ordered (the balance), never more; it may not extend the term ordered.
      const frozen =
        measure.kind === 'freeze' && inForce ? formatMoney(minMoney(reply.frozenAmount ?? measure.requestedAmount ?? '0', measure.requestedAmount ?? '0')) : null;
      const expiresAt = reply.effectiveUntil ? earlier(new Date(reply.effectiveUntil), measure.expiresAt) : measure.expiresAt;
      const updated = await updateMeasure(tx, measure.id, {
        status: inForce ? 'in_force' : 'queued',
        rank,
        frozenAmount: frozen,
        measureRef: reply.measureRef ?? message.id,
        expiresAt,
        effectiveAt: inForce ? now : null,
        updatedAt: now,
      });
      const push = await pushAfterCommit(ctx, tx, updated, 'measure.updated');
      await audit(inForce ? 'measure.in_force' : 'measure.queued', { rank, frozenAmount: frozen, expiresAt: expiresAt.toISOString(), measureRef: updated.measureRef });
      return push;
    }

    case 'renew': {
      if (measure.pendingOrder !== 'renew') return undefined;
      if (rejected) {
        const updated = await updateMeasure(tx, measure.id, { pendingOrder: null, renewUntil: null, updatedAt: now });
        const push = await pushAfterCommit(ctx, tx, updated, 'measure.updated');
        await audit('measure.renewal_rejected', { reason, expiresAt: measure.expiresAt.toISOString() });
        return push;
      }
      const ordered = measure.renewUntil ?? measure.expiresAt;
      const until = reply.effectiveUntil ? earlier(new Date(reply.effectiveUntil), ordered) : ordered;
      // A new term: the reminder before it ends is due again.
      const updated = await updateMeasure(tx, measure.id, { expiresAt: until, pendingOrder: null, renewUntil: null, remindedAt: null, updatedAt: now });
      const push = await pushAfterCommit(ctx, tx, updated, 'measure.updated');
      await audit('measure.renewed', { from: measure.expiresAt.toISOString(), until: until.toISOString() });
      return push;
    }

    case 'release': {
      if (measure.pendingOrder !== 'release') return undefined;
      if (rejected) {
        const updated = await updateMeasure(tx, measure.id, { pendingOrder: null, endReason: null, updatedAt: now });
        const push = await pushAfterCommit(ctx, tx, updated, 'measure.updated');
        await audit('measure.release_rejected', { reason });
        return push;
      }
      const updated = await updateMeasure(tx, measure.id, { status: 'released', pendingOrder: null, endedAt: now, updatedAt: now });
      const push = await pushAfterCommit(ctx, tx, updated, 'measure.updated');
      await audit('measure.released', { reason: measure.endReason });
      return push;
    }

    case 'lapse': {
      // A notice of what already happened here (the measure lapsed at expiry); the institution only acknowledges it.
      await audit('measure.lapse_acknowledged', { status: reply.status, reason: rejected ? reason : null });
      return undefined;
    }

    case 'deduct':
      return applyDeductReply(ctx, tx, message, reply, measure, actor);

    default:
      return undefined;
  }
}

async function applyDeductReply(
  ctx: AppContext,
  tx: Db,
  message: OutboxRow,
  reply: Reply,
  measure: MeasureRow,
  actor: ReturnType<typeof institutionActor>,
): Promise<AfterCommit | undefined> {
  const deduction = await deductionByMessage(tx, message.id);
  if (!deduction || deduction.status !== 'approved') return undefined;
  const now = ctx.clock.now();
  const auditDeduction = (action: string, data: Record<string, unknown>) =>
    recordAudit(tx, ctx.clock, actor, { action, entityType: 'deduction', entityId: deduction.id, caseId: measure.caseId, data: { measureId: measure.id, institution: measure.institutionCode, ...data } });

  if (reply.status === 'rejected') {
    const reason = reply.reason ?? '机构未说明理由 / no reason given';
    await updateDeduction(tx, deduction.id, { status: 'rejected_by_institution', rejectionReason: reason, completedAt: now });
    const updated = await updateMeasure(tx, measure.id, { pendingOrder: null, updatedAt: now });
    const push = await pushAfterCommit(ctx, tx, updated, 'measure.updated');
    await auditDeduction('deduction.rejected', { amount: deduction.amount, reason });
    return push;
  }

  // The institution may transfer less than ordered (the frozen balance fell short), never more than it was told to.
  const reported = reply.deductedAmount ?? deduction.amount;
  if (compareMoney(reported, deduction.amount) > 0) {
    ctx.logger.warn({ deductionId: deduction.id, reported, ordered: deduction.amount }, 'institution reports more deducted than ordered; recording the amount ordered');
  }
  const amount = formatMoney(minMoney(reported, deduction.amount));
  const transferRef = reply.transferRef ?? message.id;
  const deducted = formatMoney(add(measure.deductedAmount, amount));
  const exhausted = available(measure.frozenAmount, deducted).isZero();
  const updated = await updateMeasure(tx, measure.id, {
    deductedAmount: deducted,
    pendingOrder: null,
    ...(exhausted ? { status: 'exhausted' as const, endedAt: now, endReason: '冻结款项已全部扣划 / All frozen funds deducted' } : {}),
    updatedAt: now,
  });
  await updateDeduction(tx, deduction.id, { status: 'completed', transferRef, deductedAmount: amount, completedAt: now });

  let recovery = null;
  if (compareMoney(amount, '0') > 0) {
    const court = (await courtById(tx, measure.courtId))!;
    await postTransaction(tx, {
      at: now,
      caseId: measure.caseId,
      kind: 'deduction',
      memo: `扣划 ${measure.institutionCode} ${measure.assetIdentifier}（${transferRef}） / Deduction from ${measure.institutionCode} ${measure.assetIdentifier} (${transferRef})`,
      ref: deduction.id,
      entries: [
        { account: courtFundsAccount(court.code), debit: amount },
        { account: caseRecoveredAccount(measure.caseId), credit: amount },
      ],
    });
    recovery = await applyRecovery(tx, measure.caseId, amount, now);
  }
  const push = await pushAfterCommit(ctx, tx, updated, 'measure.updated');
  await auditDeduction('deduction.completed', {
    amount,
    transferRef,
    exhausted,
    outstandingBefore: recovery?.before ?? null,
    outstandingAfter: recovery?.after ?? null,
  });
  return push;
}
