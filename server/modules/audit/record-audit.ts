import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { canonicalJson } from './audit.rules';
import { appendRecord } from './audit.store';

export interface AuditEvent {
  /** Dotted verb, e.g. `case.created`. */
  action: string;
  entityType: string;
  entityId: string;
  /** The enforcement case the step belongs to, when there is one: the case's timeline is read from these. */
  caseId?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Records a state change in the audit trail. Call it inside the same transaction as the change (invariant 7),
 * as the last write of that transaction.
 */
export async function recordAudit(tx: Db, clock: Clock, actor: Actor, event: AuditEvent): Promise<{ seq: number }> {
  const record = await appendRecord(tx, {
    at: clock.now(),
    actorId: actor.userId,
    actorName: actor.displayName,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    caseId: event.caseId ?? null,
    data: canonicalJson(event.data ?? {}),
  });
  return { seq: record.seq };
}
