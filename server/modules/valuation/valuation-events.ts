import type { AppContext } from '../../platform/context';
import type { ValuationEvent } from './valuation-flow';
import { valuationById } from './valuation.store';
import { toValuationView } from './valuation-view';

/**
 * Pushes the valuation's view to the staff of its court after the commit (ARCHITECTURE invariant 2):
 * `valuation.result` when a platform's or firm's result arrived, `valuation.fixed` when the reference price was
 * fixed, `valuation.updated` for every other step.
 */
export async function pushValuationEvents(ctx: AppContext, valuationId: string, events: Set<ValuationEvent>): Promise<void> {
  if (events.size === 0) return;
  try {
    const row = await valuationById(ctx.db, valuationId);
    if (!row) return;
    const view = await toValuationView(ctx.db, row);
    for (const event of events) ctx.realtime.toRoom(`court:${row.courtId}`, event, view);
  } catch (err) {
    ctx.logger.warn({ err, valuationId }, 'valuation event not pushed');
  }
}
