import type { AppContext } from '../../platform/context';
import { revokeSession } from './account.store';

/** Ends the session; the token stops working at once on every process. */
export async function logout(ctx: AppContext, tokenHash: string): Promise<void> {
  await revokeSession(ctx.db, tokenHash, ctx.clock.now());
}
