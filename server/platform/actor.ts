import type { Role } from '../../shared/schemas/auth';

/** Who is acting: a signed-in user, or the system itself (scheduled jobs, the demo seed). */
export interface Actor {
  userId: string | null;
  displayName: string;
  role: Role | 'system';
  courtId: string | null;
  institutionId: string | null;
  canApprove: boolean;
}

export const SYSTEM_ACTOR: Actor = {
  userId: null,
  displayName: '系统 / system',
  role: 'system',
  courtId: null,
  institutionId: null,
  canApprove: false,
};
