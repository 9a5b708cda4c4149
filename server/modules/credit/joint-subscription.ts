import { JOINT_EVENTS } from '../../../shared/schemas/joint';
import type { AppContext } from '../../platform/context';
import { SYSTEM_ACTOR } from '../../platform/actor';
import { recordAudit } from '../audit';
import type { JointCaller } from './joint-auth';
import { deleteSubscription, upsertSubscription } from './joint.store';

/** An institution sets (or, with null, ends) its webhook for list changes; audited. */
export async function subscribe(ctx: AppContext, caller: JointCaller, url: string | null): Promise<{ institution: string; url: string | null; events: string[] }> {
  await ctx.db.transaction(async (tx) => {
    if (url) await upsertSubscription(tx, caller.institutionCode, url, ctx.clock.now());
    else await deleteSubscription(tx, caller.institutionCode);
    await recordAudit(tx, ctx.clock, { ...SYSTEM_ACTOR, displayName: caller.institutionCode }, {
      action: url ? 'credit.joint_subscribed' : 'credit.joint_unsubscribed',
      entityType: 'joint_subscription',
      entityId: caller.institutionCode,
      data: { institution: caller.institutionCode, url, via: caller.via },
    });
  });
  return { institution: caller.institutionCode, url, events: url ? [...JOINT_EVENTS] : [] };
}
