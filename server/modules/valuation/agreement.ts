import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db/database';
import { partiesOf } from '../cases';

/**
 * What the court records of an agreement of the parties (a negotiated price, a skip of a method, the choice of
 * appraisal firms): who (the case's creditors and debtors by name), when, and what, and who recorded it
 * (参考价 Art. 34: the system keeps the record of negotiation and lottery).
 */
export async function agreementRecord(db: Db, actor: Actor, caseId: string, text: string, at: Date, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const parties = (await partiesOf(db, [caseId])).map((p) => ({ role: p.role, name: p.name }));
  return { text: text.trim(), parties, agreedAt: at.toISOString(), recordedBy: { id: actor.userId, name: actor.displayName }, ...extra };
}
