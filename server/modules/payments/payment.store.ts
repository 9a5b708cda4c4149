import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { paymentNotifications, payments, refunds, type PaymentPurpose } from './payment.tables';

export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

/** Inserts the payment unless one exists for its purpose and ref; returns the row that stands, and whether it is new. */
export async function insertPaymentIfAbsent(tx: Db, row: PaymentRow): Promise<{ row: PaymentRow; created: boolean }> {
  const inserted = await tx.insert(payments).values(row).onConflictDoNothing().returning();
  if (inserted[0]) return { row: inserted[0], created: true };
  return { row: (await paymentByRef(tx, row.purpose, row.ref))!, created: false };
}

export async function paymentByRef(db: Db, purpose: PaymentPurpose, ref: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(and(eq(payments.purpose, purpose), eq(payments.ref, ref)));
  return row;
}

export async function paymentsByRefs(db: Db, purpose: PaymentPurpose, refs: string[]): Promise<PaymentRow[]> {
  if (refs.length === 0) return [];
  return db.select().from(payments).where(and(eq(payments.purpose, purpose), inArray(payments.ref, refs)));
}

export async function paymentById(db: Db, id: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.id, id));
  return row;
}

export async function paymentForUpdate(tx: Db, id: string): Promise<PaymentRow | undefined> {
  const [row] = await tx.select().from(payments).where(eq(payments.id, id)).for('update');
  return row;
}

export async function setPayUrl(db: Db, id: string, payUrl: string): Promise<void> {
  await db.update(payments).set({ payUrl }).where(eq(payments.id, id));
}

/** Marks a created payment paid; undefined when it was paid already (another notification got there first). */
export async function markPaid(tx: Db, id: string, paidAt: Date, bankRef: string): Promise<PaymentRow | undefined> {
  const [row] = await tx
    .update(payments)
    .set({ status: 'paid', paidAt, bankRef })
    .where(and(eq(payments.id, id), eq(payments.status, 'created')))
    .returning();
  return row;
}

/** Records a notification's message id; a second record of the same id fails with a unique violation. */
export async function insertNotification(tx: Db, messageId: string, paymentId: string, at: Date): Promise<void> {
  await tx.insert(paymentNotifications).values({ messageId, paymentId, receivedAt: at });
}

/** Requests the refund of a payment; a payment is refunded at most once, so a second request changes nothing. */
export async function insertRefundIfAbsent(tx: Db, row: RefundRow): Promise<{ row: RefundRow; created: boolean }> {
  const inserted = await tx.insert(refunds).values(row).onConflictDoNothing().returning();
  if (inserted[0]) return { row: inserted[0], created: true };
  const [existing] = await tx.select().from(refunds).where(eq(refunds.paymentId, row.paymentId));
  return { row: existing!, created: false };
}

export async function refundsOfPayments(db: Db, paymentIds: string[]): Promise<RefundRow[]> {
  if (paymentIds.length === 0) return [];
  return db.select().from(refunds).where(inArray(refunds.paymentId, paymentIds));
}

export async function requestedRefunds(db: Db, limit: number): Promise<RefundRow[]> {
  return db.select().from(refunds).where(eq(refunds.status, 'requested')).orderBy(asc(refunds.dueBy), asc(refunds.id)).limit(limit);
}

export async function refundForUpdate(tx: Db, id: string): Promise<RefundRow | undefined> {
  const [row] = await tx.select().from(refunds).where(eq(refunds.id, id)).for('update');
  return row;
}

export async function markRefundCompleted(tx: Db, id: string, completedAt: Date, bankRef: string): Promise<RefundRow | undefined> {
  const [row] = await tx
    .update(refunds)
    .set({ status: 'completed', completedAt, bankRef, attempts: sql`${refunds.attempts} + 1`, lastError: null })
    .where(and(eq(refunds.id, id), eq(refunds.status, 'requested')))
    .returning();
  return row;
}

export async function noteRefundFailure(db: Db, id: string, error: string): Promise<void> {
  await db
    .update(refunds)
    .set({ attempts: sql`${refunds.attempts} + 1`, lastError: error.slice(0, 500) })
    .where(and(eq(refunds.id, id), eq(refunds.status, 'requested')));
}

/** Marks refunds past their legal deadline and not yet flagged; returns those this run flagged. */
export async function flagOverdue(tx: Db, now: Date): Promise<RefundRow[]> {
  return tx
    .update(refunds)
    .set({ overdueAt: now })
    .where(and(eq(refunds.status, 'requested'), lte(refunds.dueBy, now), isNull(refunds.overdueAt)))
    .returning();
}
