import { randomUUID } from 'node:crypto';
import type { MessageType } from '../../../shared/institution-protocol';
import type { Db } from '../../platform/db/database';
import { courtById } from '../courts';
import { insertOutbox, type MessageMeta } from '../network';
import type { MeasureRow } from './measure.store';

export type OrderType = Exclude<MessageType, 'inquiry'>;

export interface QueueOrderInput {
  measure: MeasureRow;
  type: OrderType;
  body: Record<string, unknown>;
  official: { id: string; name: string };
  /** Where the institution reports later events about the measure (a queued measure taking effect). */
  callbackUrl: string | null;
  now: Date;
}

/**
 * Puts an order to the institution in the outbox, inside the caller's transaction (ARCHITECTURE invariant 5): it is
 * sent if and only if the change that caused it commits. The message id is the institution's idempotency key; the
 * correlation id is the measure's id, so request, reply and later callbacks tie together in the journal.
 */
export async function queueOrder(tx: Db, input: QueueOrderInput): Promise<string> {
  const { measure, now } = input;
  const court = await courtById(tx, measure.courtId);
  if (!court) throw new Error(`queueOrder: no court ${measure.courtId}`);
  const messageId = randomUUID();
  const meta: MessageMeta = {
    messageId,
    correlationId: measure.id,
    caseId: measure.caseId,
    caseNo: measure.caseNo,
    court: { code: court.code, name: court.name },
    official: input.official,
    callbackUrl: input.callbackUrl,
  };
  await insertOutbox(tx, {
    id: messageId,
    correlationId: measure.id,
    caseId: measure.caseId,
    type: input.type,
    institutionCode: measure.institutionCode,
    envelope: { meta, body: input.body },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  });
  return messageId;
}
