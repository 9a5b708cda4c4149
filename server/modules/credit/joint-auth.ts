import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { institutionKey, verifySignature } from '../../platform/signing';
import { institutionById, institutionByCode } from '../institutions';
import { insertCheck } from './joint.store';

/** Who called a joint-punishment API, once authenticated. */
export interface JointCaller {
  institutionCode: string;
  via: 'signature' | 'session';
  /** The caller's request id (signed requests): unique per institution. */
  requestId: string | null;
}

/** The signed fields of a machine request (shared/schemas/joint.ts). */
export interface SignedFields {
  institution?: string;
  requestId?: string;
  sentAt?: string;
  signature?: string;
}

/** 5 minutes either way, as for the network's callbacks and notices. */
const MAX_SKEW_MS = 5 * 60_000;

const unauthenticated = (why: string) => new AppError('UNAUTHENTICATED', `${why}`);

/**
 * Authenticates a caller of the joint-punishment APIs. Two ways, both the platform's existing ones for institutions:
 *
 * - **Signed request** (machines: a registry's or payment platform's own system). The same scheme as the network's
 *   callbacks (POST /api/network/callbacks): HMAC-SHA256 over the canonical JSON of the raw body without `signature`,
 *   under the institution's key institutionKey(networkSecret, code), which every institution of the network already
 *   holds; `sentAt` within 5 minutes; `requestId` unique (the check log refuses a replay). Sessions are the wrong tool
 *   for a machine that checks thousands of buyers a day: no password to keep, nothing to expire, and each request
 *   proves itself.
 * - **Operator session** (a person at the institution, as for the inbox): a signed-in `institution_operator` acts for
 *   their own institution.
 *
 * Anything else is refused before the list is read: no signature and no session → UNAUTHENTICATED; a forged, stale or
 * unknown-institution signature → UNAUTHENTICATED; a session of another role (a bidder, a party, court staff) →
 * FORBIDDEN: the joint-punishment channel gives whole ID numbers, which only institutions may ask about.
 */
export async function authenticateCaller(ctx: AppContext, actor: Actor | undefined, raw: unknown, fields: SignedFields): Promise<JointCaller> {
  if (fields.signature !== undefined) {
    if (!fields.institution || !fields.requestId || !fields.sentAt) {
      throw unauthenticated('签名请求须载明 institution、requestId 和 sentAt / A signed request names institution, requestId and sentAt');
    }
    const institution = await institutionByCode(ctx.db, fields.institution);
    if (!institution || !verifySignature(institutionKey(ctx.config.network.secret, institution.code), raw as Record<string, unknown>)) {
      throw unauthenticated('签名无效 / The signature is not valid for this institution');
    }
    const age = ctx.clock.nowMs() - Date.parse(fields.sentAt);
    if (!(Math.abs(age) <= MAX_SKEW_MS)) throw unauthenticated('请求时间与平台时间相差超过5分钟 / sentAt is more than 5 minutes from the platform\'s clock');
    return { institutionCode: institution.code, via: 'signature', requestId: fields.requestId };
  }
  if (!actor) throw unauthenticated('须由协助执行机构签名或登录后调用 / Sign the request as an institution, or sign in as its operator');
  if (actor.role !== 'institution_operator' || !actor.institutionId) {
    throw new AppError('FORBIDDEN', '只有协助执行机构可以核查失信与限制消费信息 / Only institutions of the network may check the list by ID number');
  }
  const institution = await institutionById(ctx.db, actor.institutionId);
  if (!institution) throw new AppError('FORBIDDEN', '您不属于任何协助执行机构 / You do not belong to an institution');
  return { institutionCode: institution.code, via: 'session', requestId: null };
}

/**
 * Keeps a refused attempt in the check log: who it claimed to be, when, why refused; never the ID numbers asked
 * about, and no answer (none was given).
 */
export async function logRefusedCheck(ctx: AppContext, kind: 'single' | 'batch', claimed: string | undefined, actor: Actor | undefined, code: string, subjectCount: number): Promise<void> {
  const who = claimed ?? (actor ? `user:${actor.userId}` : '?');
  await insertCheck(
    ctx.db,
    { id: randomUUID(), requestId: null, institutionCode: who.slice(0, 100), via: null, kind, status: 'refused', refusalCode: code, subjectCount, at: ctx.clock.now() },
    [],
  );
}
