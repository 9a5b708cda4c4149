import type { ValuationView } from '../../../shared/schemas/valuation';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { caseVisibleTo } from '../cases';
import { measureVisibleTo, valuationVisibleTo } from './valuation-access';
import { valuationsOfCase, valuationsOfMeasure } from './valuation.store';
import { toValuationView, toValuationViews } from './valuation-view';

/** One valuation with its steps, deadlines, results, objections and reference price. */
export async function valuationDetail(ctx: AppContext, actor: Actor, valuationId: string): Promise<ValuationView> {
  const { valuation } = await valuationVisibleTo(ctx.db, actor, valuationId);
  return toValuationView(ctx.db, valuation);
}

/** The measure's valuations, newest first. */
export async function measureValuations(ctx: AppContext, actor: Actor, measureId: string): Promise<ValuationView[]> {
  await measureVisibleTo(ctx.db, actor, measureId);
  return toValuationViews(ctx.db, await valuationsOfMeasure(ctx.db, measureId));
}

/** The case's valuations, newest first. */
export async function caseValuations(ctx: AppContext, actor: Actor, caseId: string): Promise<ValuationView[]> {
  await caseVisibleTo(ctx.db, actor, caseId);
  return toValuationViews(ctx.db, await valuationsOfCase(ctx.db, caseId));
}
