import type { z } from 'zod';
import type { ListPetitionsQuery, PetitionPage, PetitionView } from '../../../shared/schemas/transparency';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { petitionVisibleTo, requireCourtStaff } from './petition-access';
import { toPetitionView, toPetitionViews } from './petition-view';
import { listPetitions } from './petition.store';

/** The court's petitions (an admin: every court's), open ones first by the deadline running now. */
export async function courtPetitions(ctx: AppContext, actor: Actor, q: z.output<typeof ListPetitionsQuery>): Promise<PetitionPage> {
  requireCourtStaff(actor, false);
  const filter = {
    courtId: actor.role === 'admin' ? undefined : actor.courtId!,
    status: q.status,
    caseId: q.caseId,
    overdueAt: q.overdue === 'true' ? ctx.clock.now() : undefined,
  };
  const { rows, total } = await listPetitions(ctx.db, filter, q.page, q.pageSize);
  return { items: await toPetitionViews(ctx.db, rows, ctx.clock.now()), total, page: q.page, pageSize: q.pageSize };
}

export async function petitionFor(ctx: AppContext, actor: Actor, id: string): Promise<PetitionView> {
  requireCourtStaff(actor, false);
  return toPetitionView(ctx.db, await petitionVisibleTo(ctx.db, actor, id), ctx.clock.now());
}
