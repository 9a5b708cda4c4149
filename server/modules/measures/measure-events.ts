import type { Actor } from '../../platform/actor';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { caseById } from '../cases';
import type { AfterCommit } from '../network';
import type { MeasureRow } from './measure.store';
import { toMeasureView } from './measure-view';

export type MeasureEvent = 'measure.updated' | 'measure.promoted' | 'measure.expiring';

/**
 * Prepares a push of the measure's view to the staff of the case's court (the judge, the official who ordered it, the
 * approver of a deduction, the clerks: all may see the case), to be sent only after the transaction commits
 * (ARCHITECTURE invariant 2). The view is read inside the transaction, so it is what commits.
 */
export async function pushAfterCommit(ctx: AppContext, tx: Db, measure: MeasureRow, event: MeasureEvent, extra: Record<string, unknown> = {}): Promise<AfterCommit> {
  const theCase = await caseById(tx, measure.caseId);
  const view = await toMeasureView(tx, measure, ctx.clock.now());
  return () => {
    if (theCase) ctx.realtime.toRoom(`court:${theCase.courtId}`, event, { ...view, ...extra });
  };
}

/** The institution, as the actor of what it reports (the audit trail names it). */
export function institutionActor(code: string): Actor {
  return { ...SYSTEM_ACTOR, displayName: `协助执行机构 ${code} / institution ${code}` };
}
