import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { liveSession } from './account.store';
import { hashToken } from './session-token';
import { toActor } from './user-view';

/** The actor behind a session token, or null when the token is unknown, expired, revoked or its user disabled. */
export async function resolveSession(ctx: AppContext, token: string): Promise<{ actor: Actor; tokenHash: string } | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const session = await liveSession(ctx.db, tokenHash, ctx.clock.now());
  return session ? { actor: toActor(session.user), tokenHash } : null;
}
