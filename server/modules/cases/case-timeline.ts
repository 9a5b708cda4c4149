import type { TimelineEntry } from '../../../shared/schemas/cases';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { recordsOfCase } from '../audit';
import { caseVisibleTo } from './case-access';

/** The case's steps (节点), read from the audit trail: every audited change that names the case. */
export async function caseTimeline(ctx: AppContext, actor: Actor, caseId: string): Promise<TimelineEntry[]> {
  await caseVisibleTo(ctx.db, actor, caseId);
  const records = await recordsOfCase(ctx.db, caseId);
  return records.map((r) => ({
    seq: r.seq,
    at: r.at.toISOString(),
    action: r.action,
    actor: { id: r.actorId, displayName: r.actorName },
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}
