import type { CaseSummary, ListCasesQuery } from '../../../shared/schemas/cases';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { listCases } from './case.store';
import { toSummaries } from './case-view';

const DAY = 86_400_000;
/** A date `YYYY-MM-DD` as the instant its day starts in China (UTC+8). */
const chinaDayStart = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`));

/** Cases the actor may see, filtered and paged. A judge or clerk sees only their court's. */
export async function listCasesFor(ctx: AppContext, actor: Actor, query: ListCasesQuery): Promise<{ items: CaseSummary[]; total: number; page: number; pageSize: number }> {
  const courtId = actor.role === 'admin' ? undefined : actor.courtId!;
  const { rows, total } = await listCases(
    ctx.db,
    {
      courtId,
      status: query.status,
      judgeId: query.judgeId,
      q: query.q || undefined,
      filedFrom: query.filedFrom ? chinaDayStart(query.filedFrom) : undefined,
      filedBefore: query.filedTo ? new Date(chinaDayStart(query.filedTo).getTime() + DAY) : undefined,
    },
    query.page,
    query.pageSize,
  );
  return { items: await toSummaries(ctx.db, rows), total, page: query.page, pageSize: query.pageSize };
}
