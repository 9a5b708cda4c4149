/** Pure rules of the hash chain. */
import { createHash } from 'node:crypto';
import { stableJson } from '../../platform/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  caseId: string | null;
  /** Canonical JSON (RFC 8785) of the record's data. */
  data: string;
}

/** Canonical JSON (RFC 8785): the same value always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  return stableJson(value);
}

/** hash = SHA-256(prevHash ‖ canonical JSON of every field of the record). Changing any field changes the hash. */
export function chainHash(prevHash: string, f: ChainedFields): string {
  const body = canonicalJson({
    seq: f.seq,
    id: f.id,
    at: f.at.toISOString(),
    actorId: f.actorId,
    actorName: f.actorName,
    action: f.action,
    entityType: f.entityType,
    entityId: f.entityId,
    caseId: f.caseId,
    data: f.data,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface StoredRecord extends ChainedFields {
  prevHash: string;
  hash: string;
}

export type ChainBreak = { seq: number; id: string; reason: string };

/**
 * Checks records given in seq order, continuing from `prev` (the last record checked before, or null at the start).
 * Returns the first break, or null.
 */
export function firstBreak(records: StoredRecord[], prev: { seq: number; hash: string } | null): ChainBreak | null {
  let expectedSeq = prev ? prev.seq + 1 : 1;
  let expectedPrev = prev ? prev.hash : GENESIS_HASH;
  for (const r of records) {
    if (r.seq !== expectedSeq) return { seq: r.seq, id: r.id, reason: `sequence gap: expected ${expectedSeq}, found ${r.seq} (a record was removed)` };
    if (r.prevHash !== expectedPrev) return { seq: r.seq, id: r.id, reason: 'prev_hash does not match the hash of the record before it' };
    if (chainHash(r.prevHash, r) !== r.hash) return { seq: r.seq, id: r.id, reason: 'hash does not match the record\'s contents (the record was altered)' };
    expectedSeq = r.seq + 1;
    expectedPrev = r.hash;
  }
  return null;
}
