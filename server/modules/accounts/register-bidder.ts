import { randomUUID } from 'node:crypto';
import type { RegisterBidderBody } from '../../../shared/schemas/auth';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { insertUser, userByUsername, type UserRow } from './account.store';
import { hashPassword } from './password';
import { isUniqueViolation } from '../../platform/db/errors';

/**
 * Self-registration of a bidder with real-name details (网拍 Art. 15: bidders register with their real identity).
 * The ID's checksum is checked by the schema; the name/ID match by the IdentityVerifier.
 */
export async function registerBidder(ctx: AppContext, input: RegisterBidderBody): Promise<UserRow> {
  if (await userByUsername(ctx.db, input.username)) throw new AppError('USERNAME_TAKEN', '用户名已被使用 / That user name is taken');
  const identity = input.identity;
  const number = identity.kind === 'person' ? identity.idNumber : identity.creditCode;
  const check = await ctx.identityVerifier.verify({ kind: identity.kind, name: identity.name, number });
  if (!check.ok) throw new AppError('IDENTITY_REJECTED', `实名核验未通过：${check.reason}`, { reason: check.reason });

  const now = ctx.clock.now();
  const row: UserRow = {
    id: randomUUID(),
    username: input.username,
    passwordHash: await hashPassword(input.password, ctx.config.scryptN),
    displayName: identity.name,
    role: 'bidder',
    courtId: null,
    institutionId: null,
    canApprove: false,
    phone: input.phone,
    identityKind: identity.kind,
    identityName: identity.name,
    identityNumber: number,
    legalRepresentative: identity.kind === 'organisation' ? identity.legalRepresentative : null,
    verifiedAt: now,
    createdAt: now,
    disabledAt: null,
  };
  await ctx.db.transaction(async (tx) => {
    await insertUser(tx, row).catch(usernameTaken);
    // The audit record keeps the verification reference, not the ID number: the trail is read by many.
    await recordAudit(tx, ctx.clock, { ...SYSTEM_ACTOR, userId: row.id, displayName: row.displayName, role: 'bidder' }, {
      action: 'bidder.registered',
      entityType: 'user',
      entityId: row.id,
      data: { kind: identity.kind, verification: check.reference },
    });
  });
  return row;
}

function usernameTaken(err: unknown): never {
  if (isUniqueViolation(err)) throw new AppError('USERNAME_TAKEN', '用户名已被使用 / That user name is taken');
  throw err;
}
