import { randomUUID } from 'node:crypto';
import { normaliseCaseNo } from '../../../shared/case-no';
import type { PartyCredentials } from '../../../shared/schemas/transparency';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { caseByNo, type CaseRow } from '../cases';
import { FAILURE_WINDOW_MS, hashCode, lockDurationMs, sameHash } from './query-code.rules';
import { addFailure, clearFailures, queryCodeOf, throttleRows } from './transparency.store';

/** The one answer to every mismatch: an unknown case, a case without a code, a wrong code. */
export const queryRefused = () => new AppError('QUERY_REFUSED', '案号或查询码不正确 / The case number or the query code is not right');

// A hash that matches nothing, compared when there is no case or no code, so every refusal does the same work.
const NO_HASH = '0'.repeat(64);
const NO_CASE = '00000000-0000-0000-0000-000000000000';

/**
 * Opens a case for a party who gives its number and query code (no login). Every mismatch answers QUERY_REFUSED after
 * the same steps (one case lookup, one code lookup, one HMAC, one constant-time comparison, two failure counts), so
 * neither the answer nor its timing tells whether the case exists. Wrong attempts are counted per case number and per
 * client address and lock both for a while (query-code.rules.ts), the login lock-out's model.
 */
export async function openCase(ctx: AppContext, credentials: PartyCredentials, clientAddress: string): Promise<CaseRow> {
  const now = ctx.clock.now();
  const caseNo = normaliseCaseNo(credentials.caseNo);
  const caseKey = `case:${caseNo}`;
  const ipKey = `ip:${clientAddress}`;
  const locks = await throttleRows(ctx.db, [caseKey, ipKey]);
  const lockedUntil = Math.max(0, ...locks.map((l) => l.lockedUntil?.getTime() ?? 0));
  if (lockedUntil > now.getTime()) {
    const retryAfterSeconds = Math.ceil((lockedUntil - now.getTime()) / 1000);
    throw new AppError('TOO_MANY_ATTEMPTS', `查询失败次数过多，请${retryAfterSeconds}秒后再试 / Too many failed attempts; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }

  const theCase = await caseByNo(ctx.db, caseNo);
  const stored = await queryCodeOf(ctx.db, theCase?.id ?? NO_CASE);
  const given = hashCode(ctx.config.appSecret, theCase?.id ?? randomUUID(), credentials.code);
  const ok = sameHash(stored?.codeHash ?? NO_HASH, given) && Boolean(theCase && stored);
  if (!ok || !theCase) {
    await addFailure(ctx.db, caseKey, now, FAILURE_WINDOW_MS, (n) => lockDurationMs(n, 'case'));
    await addFailure(ctx.db, ipKey, now, FAILURE_WINDOW_MS, (n) => lockDurationMs(n, 'ip'));
    throw queryRefused();
  }
  await clearFailures(ctx.db, caseKey);
  return theCase;
}
