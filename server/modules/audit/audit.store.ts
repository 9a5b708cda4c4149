import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { uuidIn } from '../../platform/db/conditions';
import type { Db } from '../../platform/db/database';
import { auditLog } from './audit.tables';
import { GENESIS_HASH, chainHash, type StoredRecord } from './audit.rules';

/** Any advisory-lock key shared by every appender: the chain has one head. */
const AUDIT_CHAIN_LOCK = 7_303_001;

export interface AppendInput {
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  caseId: string | null;
  data: string;
}

/**
 * Appends one record at the head of the chain. Must run inside the transaction of the change it records.
 * The transaction-scoped advisory lock serialises appenders across connections and processes, so two records never
 * claim the same predecessor; it is held until commit, which is why callers append last.
 */
export async function appendRecord(tx: Db, input: AppendInput): Promise<StoredRecord> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [head] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const fields = { ...input, seq: (head?.seq ?? 0) + 1, id: randomUUID() };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const record: StoredRecord = { ...fields, prevHash, hash: chainHash(prevHash, fields) };
  await tx.insert(auditLog).values(record);
  return record;
}

/** A page of the chain in seq order, after `afterSeq`. */
export async function readChain(db: Db, afterSeq: number, limit: number): Promise<StoredRecord[]> {
  return db.select().from(auditLog).where(gt(auditLog.seq, afterSeq)).orderBy(asc(auditLog.seq)).limit(limit);
}

export async function recordsOfCase(db: Db, caseId: string): Promise<StoredRecord[]> {
  return db.select().from(auditLog).where(eq(auditLog.caseId, caseId)).orderBy(asc(auditLog.seq));
}

export async function recordsOfEntity(db: Db, entityType: string, entityId: string): Promise<StoredRecord[]> {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.seq));
}

/**
 * The records of the given actions before `before` (exclusive) that belong to one of `caseIds` (to any case when not
 * given), in chain order: the quality figures read closings, restorations and renewals from them.
 */
export async function caseRecordsByAction(db: Db, actions: string[], before: Date, caseIds?: readonly string[]): Promise<Pick<StoredRecord, 'caseId' | 'action' | 'at' | 'data'>[]> {
  const conditions = [inArray(auditLog.action, actions), lt(auditLog.at, before), caseIds ? uuidIn(auditLog.caseId, caseIds) : isNotNull(auditLog.caseId)];
  return db
    .select({ caseId: auditLog.caseId, action: auditLog.action, at: auditLog.at, data: auditLog.data })
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(asc(auditLog.seq));
}
