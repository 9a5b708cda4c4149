import { Callback } from '../../../shared/institution-protocol';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { AppError } from '../../platform/errors';
import { institutionKey, verifySignature } from '../../platform/signing';
import { institutionByCode } from '../institutions';
import type { AfterCommit } from './outbox-worker';
import type { Journal } from './journal';
import { receivedCallbacks } from './network.tables';

export type CallbackHandler = (tx: Db, callback: Callback) => Promise<AfterCommit | void>;

const MAX_AGE_MS = 5 * 60_000;

/**
 * An institution reports a later event (a queued measure took effect). Refused unless signed with that institution's
 * key, fresh (sent within 5 minutes) and new: a replayed message id is refused and changes nothing.
 */
export async function receiveCallback(ctx: AppContext, journal: Journal, onCallback: CallbackHandler, raw: unknown): Promise<void> {
  const parsed = Callback.safeParse(raw);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'Not a callback of the protocol', { where: 'body', issues: parsed.error.issues.map((i) => ({ path: i.path, code: i.code, message: i.message })) });
  const callback = parsed.data;
  const institution = await institutionByCode(ctx.db, callback.institution);
  if (!institution || !verifySignature(institutionKey(ctx.config.network.secret, callback.institution), raw as Record<string, unknown>)) {
    throw new AppError('BAD_SIGNATURE', '签名无效 / The signature is not valid');
  }
  const age = ctx.clock.nowMs() - Date.parse(callback.sentAt);
  if (age > MAX_AGE_MS || age < -MAX_AGE_MS) throw new AppError('BAD_SIGNATURE', '消息已过期 / The message is stale');
  let after: AfterCommit | void;
  try {
    after = await ctx.db.transaction(async (tx) => {
      await tx.insert(receivedCallbacks).values({ messageId: callback.messageId, institutionCode: callback.institution, receivedAt: ctx.clock.now() });
      return onCallback(tx, callback);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('REPLAYED', '重复的回调已拒绝 / This callback was already received');
    throw err;
  }
  journal.record({
    at: ctx.clock.now(),
    caseId: null,
    messageId: callback.messageId,
    correlationId: callback.correlationId,
    institutionCode: callback.institution,
    type: callback.type,
    direction: 'callback',
    attempt: 1,
    payload: callback,
  });
  after?.();
}
