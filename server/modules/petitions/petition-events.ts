import type { PetitionView } from '../../../shared/schemas/transparency';
import type { AppContext } from '../../platform/context';

export type PetitionEvent = 'petition.updated' | 'petition.assigned' | 'petition.reminder' | 'petition.overdue';

/**
 * A push to send after the transaction commits (ARCHITECTURE invariant 2): the view to the court's room (the staff's
 * petitions page follows it), and, when a person is meant, the event to their own room too.
 */
export function petitionPush(ctx: AppContext, view: PetitionView, courtId: string, event: PetitionEvent, to: string | null, extra: Record<string, unknown> = {}): () => void {
  return () => {
    ctx.realtime.toRoom(`court:${courtId}`, 'petition.updated', view);
    if (to && event !== 'petition.updated') ctx.realtime.toRoom(`user:${to}`, event, { ...view, ...extra });
  };
}
