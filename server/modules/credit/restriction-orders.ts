import { compareMoney } from '../../../shared/money';
import type { IssueRestrictionBody, LiftRestrictionBody, RestrictionOrderView } from '../../../shared/schemas/credit';
import { SYSTEM_ACTOR, type Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { recordAudit } from '../audit';
import { caseVisibleTo, partiesOf } from '../cases';
import { courtById } from '../courts';
import { requireJudge } from './credit-access';
import { requireLegalRep, restrictionRows } from './restriction-rows';
import { currentListingOf, endOrders, insertRestrictions, lockCaseCredit, orderInForceOf, restrictionById, type RestrictionRow } from './credit.store';
import { enqueueJointEvents } from './joint-events';

const inForce = () =>
  new AppError('RESTRICTION_IN_FORCE', '该被执行人已因本案被限制消费 / A consumption restriction is already in force against this debtor in this case');

/** An order-made restriction row as court staff see it. */
export function toOrderView(r: RestrictionRow): RestrictionOrderView {
  return {
    id: r.id,
    partyId: r.partyId!,
    subject: r.subject,
    name: r.name,
    idNumber: r.idNumber,
    reason: r.orderReason ?? '',
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    endedReason: r.endedReason,
  };
}

/**
 * A judge of the case's court issues a consumption restriction order (限制消费令) against a debtor of the case who has
 * not performed, without listing them as dishonest (限高 Art. 1: 被执行人未按执行通知书指定的期间履行…可以限制其高消费;
 * Art. 4: on the creditor's application or of the court's own motion). The order restricts the debtor and, for an
 * organisation, its legal representative (Art. 3 para 2), who must therefore be named. The court president's signature
 * of the paper order (Art. 5) is outside the platform; the platform records the deciding judge and the reason (Art. 2).
 *
 * Unlike a listing, a minor debtor is NOT refused: the bar on minors is 失信 Art. 4 and governs the dishonest-debtor
 * list only; 限高 applies to every 被执行人 and names no age.
 *
 * Every check is made before anything is written, so a refusal changes nothing.
 */
export async function issueRestrictionOrder(ctx: AppContext, actor: Actor, caseId: string, input: IssueRestrictionBody): Promise<RestrictionRow[]> {
  const theCase = await caseVisibleTo(ctx.db, actor, caseId);
  requireJudge(actor);
  const now = ctx.clock.now();
  if (theCase.status !== 'open') throw new AppError('CASE_NOT_OPEN', '案件已结，不能限制消费 / The case is closed; no consumption restriction');
  // 限高 Art. 1: only a debtor who has not performed; Art. 9 lifts the order once the duty is performed.
  if (compareMoney(theCase.outstandingAmount, '0') <= 0) {
    throw new AppError('DEBT_SATISFIED', '案件未履行金额为零，不得限制消费（限高规定第一条） / Nothing is outstanding: 限高 Art. 1 restricts only a debtor who fails to perform');
  }
  const party = (await partiesOf(ctx.db, [caseId])).find((p) => p.id === input.partyId && p.role === 'debtor');
  if (!party) throw fieldError('NOT_A_DEBTOR', 'partyId', '只能对本案被执行人限制消费 / Only a debtor of this case can be restricted (限高 Art. 1)');
  // 限高 Art. 3 para 2: a company's legal representative is restricted too, so must be named in the order.
  requireLegalRep(party.kind, input);
  // One restriction at a time: a current listing already restricts the debtor (限高 Art. 1, 3), as does an order.
  const restrictedAlready = async (db: Db) => (await currentListingOf(db, caseId, party.id)) !== undefined || (await orderInForceOf(db, caseId, party.id)).length > 0;
  if (await restrictedAlready(ctx.db)) throw inForce();
  const court = await courtById(ctx.db, theCase.courtId);

  const rows = restrictionRows(party, input, {
    listingId: null,
    caseId,
    courtId: theCase.courtId,
    courtName: court?.name ?? '',
    caseNo: theCase.caseNo,
    orderedBy: actor.userId,
    orderReason: input.reason,
    startedAt: now,
  });

  try {
    await ctx.db.transaction(async (tx) => {
      await lockCaseCredit(tx, caseId);
      if (await restrictedAlready(tx)) throw inForce();
      await insertRestrictions(tx, rows);
      // 限高 Art. 6: the institutions bound to assist hear of it (a delivery per subscriber, committed with the order).
      await enqueueJointEvents(
        tx,
        ctx.clock,
        rows.map((r) => ({ event: 'restriction.added' as const, idNumber: r.idNumber, name: r.name, subject: r.subject, court: r.courtName!, caseNo: r.caseNo! })),
      );
      await recordAudit(tx, ctx.clock, actor, {
        action: 'credit.restriction_ordered',
        entityType: 'consumption_restriction',
        entityId: rows[0]!.id,
        caseId,
        data: { debtor: party.name, reason: input.reason, restricted: rows.map((r) => ({ subject: r.subject, name: r.name })) },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw inForce();
    throw err;
  }
  return rows;
}

/**
 * Ends the order-made restrictions in force of a case (of one debtor when `partyId` is given) inside the caller's
 * transaction: subscribers hear that each has ended and it is audited on the case's timeline. Conditional, so it
 * happens once however many runs race; answers the rows ended now.
 */
export async function endOrdersInTx(ctx: AppContext, tx: Db, actor: Actor, caseId: string, partyId: string | null, cause: 'lifted' | 'debt_satisfied', reason: string): Promise<RestrictionRow[]> {
  const ended = await endOrders(tx, caseId, partyId, ctx.clock.now(), reason);
  if (!ended.length) return ended;
  await enqueueJointEvents(
    tx,
    ctx.clock,
    ended.map((r) => ({ event: 'restriction.ended' as const, idNumber: r.idNumber, name: r.name, subject: r.subject, court: r.courtName ?? '', caseNo: r.caseNo ?? '' })),
  );
  for (const debtorRow of ended.filter((r) => r.subject === 'debtor')) {
    const mine = ended.filter((r) => r.partyId === debtorRow.partyId);
    await recordAudit(tx, ctx.clock, actor, {
      action: cause === 'lifted' ? 'credit.restriction_lifted' : 'credit.restriction_ended',
      entityType: 'consumption_restriction',
      entityId: debtorRow.id,
      caseId,
      data: { debtor: debtorRow.name, cause, reason, ended: mine.map((r) => ({ subject: r.subject, name: r.name })) },
    });
  }
  return ended;
}

/**
 * A judge lifts a restriction order with the reason (限高 Art. 9: the debtor gave security that is real and effective,
 * or the creditor agreed; or the duty was performed). Names any row of the order; the debtor's and the legal
 * representative's rows end together.
 */
export async function liftRestrictionOrder(ctx: AppContext, actor: Actor, id: string, input: LiftRestrictionBody): Promise<RestrictionRow[]> {
  const row = await restrictionById(ctx.db, id);
  const missing = () => notFound('restriction order', '限制消费令');
  if (!row) throw missing();
  await caseVisibleTo(ctx.db, actor, row.caseId).catch(() => {
    throw missing();
  });
  requireJudge(actor);
  // A listing's restrictions end with the listing (失信 Art. 10; remove the listing instead).
  if (row.listingId !== null) {
    throw new AppError('RESTRICTION_BY_LISTING', '该限制消费因纳入失信名单而生，随失信名单删除而解除 / This restriction comes with a listing: remove the listing to end it');
  }
  if (row.endedAt) throw new AppError('RESTRICTION_NOT_IN_FORCE', '该限制消费令已解除 / This restriction order has already ended');
  return ctx.db.transaction(async (tx) => {
    await lockCaseCredit(tx, row.caseId);
    const ended = await endOrdersInTx(ctx, tx, actor, row.caseId, row.partyId, 'lifted', input.reason);
    if (!ended.length) throw new AppError('RESTRICTION_NOT_IN_FORCE', '该限制消费令已解除 / This restriction order has already ended');
    return ended;
  });
}

/** The debt is performed: the order-made restrictions of the case end (限高 Art. 9, second clause: 应当…及时解除). */
export async function endOrdersOnSatisfied(ctx: AppContext, tx: Db, caseId: string): Promise<number> {
  return (await endOrdersInTx(ctx, tx, SYSTEM_ACTOR, caseId, null, 'debt_satisfied', '被执行人履行完毕 / The debt is performed (限高 Art. 9)')).length;
}
