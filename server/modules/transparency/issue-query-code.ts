import { randomBytes } from 'node:crypto';
import type { QueryCodeIssued, QueryCodeStatus } from '../../../shared/schemas/transparency';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { forbidden } from '../../platform/errors';
import { recordAudit } from '../audit';
import { caseVisibleTo } from '../cases';
import { codeFromBytes, hashCode } from './query-code.rules';
import { queryCodeOf, upsertQueryCode } from './transparency.store';

function newCode(): string {
  for (;;) {
    const code = codeFromBytes(randomBytes(32));
    if (code) return code;
  }
}

/**
 * Issues the case's query code (查询码) for its parties: a judge or clerk of the case's court. A new code replaces the
 * old one (which stops working at once). The code is returned this once; only its keyed hash is stored, and the audit
 * record (on the case's timeline) says that a code was issued, never which.
 */
export async function issueQueryCode(ctx: AppContext, actor: Actor, caseId: string): Promise<QueryCodeIssued> {
  const theCase = await caseVisibleTo(ctx.db, actor, caseId);
  if (actor.role !== 'judge' && actor.role !== 'clerk') throw forbidden('只有本院法官或书记员可以发放查询码 / Only a judge or clerk of the court issues query codes');
  const code = newCode();
  const now = ctx.clock.now();
  const reissued = await ctx.db.transaction(async (tx) => {
    const had = await upsertQueryCode(tx, { caseId: theCase.id, codeHash: hashCode(ctx.config.appSecret, theCase.id, code), issuedBy: actor.userId!, issuedAt: now });
    await recordAudit(tx, ctx.clock, actor, { action: 'case.query_code_issued', entityType: 'case', entityId: theCase.id, caseId: theCase.id, data: { reissued: had } });
    return had;
  });
  return { code, issuedAt: now.toISOString(), reissued };
}

/** Whether the case has a query code, and since when (never the code). */
export async function queryCodeStatus(ctx: AppContext, actor: Actor, caseId: string): Promise<QueryCodeStatus> {
  await caseVisibleTo(ctx.db, actor, caseId);
  const row = await queryCodeOf(ctx.db, caseId);
  return { issued: Boolean(row), issuedAt: row?.issuedAt.toISOString() ?? null };
}
