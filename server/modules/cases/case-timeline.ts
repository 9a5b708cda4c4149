import type { TimelineEntry } from '../../../shared/schemas/cases';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { recordsOfCase } from '../audit';
import { listInstitutions } from '../institutions';
import { caseVisibleTo } from './case-access';

/** The case's steps (节点), read from the audit trail: every audited change that names the case. */
export async function caseTimeline(ctx: AppContext, actor: Actor, caseId: string): Promise<TimelineEntry[]> {
  await caseVisibleTo(ctx.db, actor, caseId);
  const records = await recordsOfCase(ctx.db, caseId);
  // The trail names institutions by code; people read names, so the view adds them (the record stays as written).
  const names = new Map((await listInstitutions(ctx.db)).map((i) => [i.code, i.name]));
  return records.map((r) => {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    const name = typeof data.institution === 'string' ? names.get(data.institution) : undefined;
    return {
      seq: r.seq,
      at: r.at.toISOString(),
      action: r.action,
      actor: { id: r.actorId, displayName: r.actorName },
      data: name ? { ...data, institutionName: name } : data,
    };
  });
}
