import { randomUUID } from 'node:crypto';
import type { JointEvent } from '../../../shared/schemas/joint';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { allSubscriptions, insertDeliveries, type DeliveryRow } from './joint.store';

export interface JointEventFacts {
  event: JointEvent;
  idNumber: string;
  name: string;
  subject: 'debtor' | 'legal_representative';
  court: string;
  caseNo: string;
}

/**
 * Queues the events for every subscribed institution inside the caller's transaction (the transactional outbox,
 * ARCHITECTURE invariant 5): a listing or removal that commits has its deliveries, one that rolls back has none.
 * The delivery worker sends them after commit.
 */
export async function enqueueJointEvents(tx: Db, clock: Clock, events: JointEventFacts[]): Promise<void> {
  if (!events.length) return;
  const subscriptions = await allSubscriptions(tx);
  if (!subscriptions.length) return;
  const now = clock.now();
  const rows: DeliveryRow[] = subscriptions.flatMap((s) =>
    events.map((e) => ({
      id: randomUUID(),
      institutionCode: s.institutionCode,
      url: s.url,
      event: e.event,
      payload: { event: e.event, institution: s.institutionCode, idNumber: e.idNumber, name: e.name, subject: e.subject, court: e.court, caseNo: e.caseNo, occurredAt: now.toISOString() },
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: null,
      lastError: null,
      createdAt: now,
      deliveredAt: null,
    })),
  );
  await insertDeliveries(tx, rows);
}
