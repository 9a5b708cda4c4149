import { z } from 'zod';
import { Callback } from '../../../shared/institution-protocol';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import type { Journal } from './journal';
import { receiveCallback, type CallbackHandler } from './receive-callback';

export function networkRoutes(api: Api, ctx: AppContext, deps: { journal: Journal; onCallback: CallbackHandler }): void {
  api.route({
    method: 'post',
    path: '/api/network/callbacks',
    tag: 'network',
    summary: 'Callback from an institution (signed): a queued measure took effect',
    description: 'Authenticated by the institution\'s HMAC signature, not a session. Stale (> 5 min) or replayed messages are refused.',
    auth: 'public',
    body: Callback.passthrough(),
    response: z.object({ ok: z.literal(true) }),
    errors: ['BAD_SIGNATURE', 'REPLAYED'],
    handler: async ({ req }) => {
      await receiveCallback(ctx, deps.journal, deps.onCallback, req.body);
      return { ok: true as const };
    },
  });
}
