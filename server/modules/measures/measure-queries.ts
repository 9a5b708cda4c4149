import { formatMoney } from '../../../shared/money';
import type { CaseMeasures, DeductionView, MeasureView } from '../../../shared/schemas/measures';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { caseVisibleTo } from '../cases';
import { requireStaff } from './measure-access';
import { committedOf, enforcementCosts, seizureRoom } from './measure.rules';
import { deductionsOfCase, expiringOfCourt, measuresOfCase } from './measure.store';
import { toDeductionViews, toMeasureViews } from './measure-view';

const DAY_MS = 86_400_000;

/** The case's measures, newest first, with the over-seizure figures (查扣冻 Art. 19): limit, committed, room. */
export async function caseMeasures(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseMeasures> {
  const theCase = await caseVisibleTo(ctx.db, actor, caseId);
  const rows = await measuresOfCase(ctx.db, caseId);
  const costs = enforcementCosts(theCase.claimAmount);
  const committed = committedOf(rows);
  return {
    items: await toMeasureViews(ctx.db, rows, ctx.clock.now()),
    limit: {
      outstanding: formatMoney(theCase.outstandingAmount),
      costs: formatMoney(costs),
      limit: formatMoney(costs.plus(theCase.outstandingAmount)),
      committed: formatMoney(committed),
      room: formatMoney(seizureRoom({ outstanding: theCase.outstandingAmount, costs, committed })),
    },
  };
}

export async function caseDeductions(ctx: AppContext, actor: Actor, caseId: string): Promise<DeductionView[]> {
  await caseVisibleTo(ctx.db, actor, caseId);
  return toDeductionViews(ctx.db, await deductionsOfCase(ctx.db, caseId));
}

/** The court's calendar: its measures in force or queued that expire within `days`, soonest first (expired included). */
export async function expiringMeasures(ctx: AppContext, actor: Actor, days: number): Promise<MeasureView[]> {
  requireStaff(actor);
  const now = ctx.clock.now();
  const rows = await expiringOfCourt(ctx.db, actor.courtId!, new Date(now.getTime() + days * DAY_MS));
  return toMeasureViews(ctx.db, rows, now);
}
