import type { UserView } from '../../../shared/schemas/auth';
import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db/database';
import { courtById } from '../courts';
import { institutionById } from '../institutions';
import type { UserRow } from './account.store';

/** What a user may see of their own account. */
export async function toUserView(db: Db, user: UserRow): Promise<UserView> {
  const court = user.courtId ? await courtById(db, user.courtId) : undefined;
  const institution = user.institutionId ? await institutionById(db, user.institutionId) : undefined;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    courtId: user.courtId,
    courtName: court?.name ?? null,
    courtCode: court?.code ?? null,
    institutionId: user.institutionId,
    institutionName: institution?.name ?? null,
    canApprove: user.canApprove,
  };
}

export function toActor(user: UserRow): Actor {
  return {
    userId: user.id,
    displayName: user.displayName,
    role: user.role,
    courtId: user.courtId,
    institutionId: user.institutionId,
    canApprove: user.canApprove,
  };
}
