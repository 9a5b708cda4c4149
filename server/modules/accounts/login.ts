import type { UserView } from '../../../shared/schemas/auth';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { addFailure, clearFailures, insertSession, throttleRows, userByUsername } from './account.store';
import { lockDurationMs } from './login-throttle.rules';
import { hashPassword, verifyPassword } from './password';
import { hashToken, newSessionToken } from './session-token';
import { toActor, toUserView } from './user-view';

let dummyHash: Promise<string> | undefined;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: UserView;
}

/** Checks the password, with back-off after repeated failures, and opens a session. */
export async function login(ctx: AppContext, input: { username: string; password: string; clientAddress: string }): Promise<LoginResult> {
  const now = ctx.clock.now();
  const userKey = `user:${input.username.toLowerCase()}`;
  const ipKey = `ip:${input.clientAddress}`;
  const locks = await throttleRows(ctx.db, [userKey, ipKey]);
  const lockedUntil = Math.max(0, ...locks.map((l) => l.lockedUntil?.getTime() ?? 0));
  if (lockedUntil > now.getTime()) {
    const retryAfterSeconds = Math.ceil((lockedUntil - now.getTime()) / 1000);
    throw new AppError('TOO_MANY_ATTEMPTS', `登录失败次数过多，请${retryAfterSeconds}秒后再试 / Too many failed attempts; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }

  const user = await userByUsername(ctx.db, input.username);
  // Hash even when the user does not exist, so the answer time does not tell which user names exist.
  dummyHash ??= hashPassword('not-a-password', ctx.config.scryptN);
  const ok = user && !user.disabledAt ? await verifyPassword(input.password, user.passwordHash) : (await verifyPassword(input.password, await dummyHash), false);
  if (!ok || !user) {
    await addFailure(ctx.db, userKey, now, (n) => lockDurationMs(n, 'user'));
    await addFailure(ctx.db, ipKey, now, (n) => lockDurationMs(n, 'ip'));
    throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误 / Wrong user name or password');
  }

  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlMs);
  await ctx.db.transaction(async (tx) => {
    await clearFailures(tx, userKey);
    await insertSession(tx, { tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt });
    await recordAudit(tx, ctx.clock, toActor(user), { action: 'auth.login', entityType: 'user', entityId: user.id, data: { address: input.clientAddress } });
  });
  return { token, expiresAt, user: await toUserView(ctx.db, user) };
}
