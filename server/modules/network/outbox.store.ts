import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Reply } from '../../../shared/institution-protocol';
import type { Db } from '../../platform/db/database';
import { outboxMessages } from './network.tables';
import type { MessageMeta } from './institution-adapter';

export type OutboxRow = typeof outboxMessages.$inferSelect;

export interface OutboxEnvelope {
  meta: MessageMeta;
  body: Record<string, unknown>;
}

export async function insertOutbox(tx: Db, row: typeof outboxMessages.$inferInsert): Promise<void> {
  await tx.insert(outboxMessages).values(row);
}

/**
 * Claims up to `limit` due messages for this worker until `leaseUntil`. SKIP LOCKED lets several workers (processes)
 * claim disjoint sets; an expired lease (a worker that died mid-delivery) makes the message due again.
 */
export async function claimDue(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.status, 'pending'),
          lte(outboxMessages.nextAttemptAt, now),
          or(isNull(outboxMessages.leaseUntil), lte(outboxMessages.leaseUntil, now)),
        ),
      )
      .orderBy(outboxMessages.nextAttemptAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outboxMessages)
      .set({ leaseUntil: leaseUntil, attempts: sql`${outboxMessages.attempts} + 1` })
      .where(inArray(outboxMessages.id, due.map((d) => d.id)))
      .returning();
  });
}

/** Marks a message delivered with its reply; false when it was no longer pending (delivered by another worker). */
export async function markDelivered(tx: Db, id: string, reply: Reply, now: Date): Promise<boolean> {
  const rows = await tx
    .update(outboxMessages)
    .set({ status: reply.status === 'rejected' ? 'rejected' : 'delivered', reply, deliveredAt: now, leaseUntil: null, lastError: null })
    .where(and(eq(outboxMessages.id, id), inArray(outboxMessages.status, ['pending', 'inbox'])))
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}

export async function markInbox(tx: Db, id: string): Promise<boolean> {
  const rows = await tx
    .update(outboxMessages)
    .set({ status: 'inbox', leaseUntil: null })
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'pending')))
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}

export async function scheduleRetry(db: Db, id: string, at: Date, error: string): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ nextAttemptAt: at, leaseUntil: null, lastError: error.slice(0, 500) })
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'pending')));
}

export async function outboxById(db: Db, id: string): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return row;
}

export async function pendingCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages).where(eq(outboxMessages.status, 'pending'));
  return Number(row?.n ?? 0);
}

/**
 * Records the reply an operator gave by hand to an order that sat in their inbox; returns the message, or undefined
 * when it was already answered.
 */
export async function completeFromInbox(tx: Db, id: string, reply: Reply, now: Date): Promise<OutboxRow | undefined> {
  const [row] = await tx
    .update(outboxMessages)
    .set({ status: reply.status === 'rejected' ? 'rejected' : 'delivered', reply, deliveredAt: now })
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'inbox')))
    .returning();
  return row;
}
