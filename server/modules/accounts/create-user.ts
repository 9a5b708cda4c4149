import { randomUUID } from 'node:crypto';
import { ID_PROBLEM_MESSAGES, maskId, residentIdProblem } from '../../../shared/identity';
import type { Role } from '../../../shared/schemas/auth';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { courtById } from '../courts';
import { institutionById } from '../institutions';
import { insertUser, userByUsername, type UserRow } from './account.store';
import { hashPassword } from './password';
import { isUniqueViolation } from '../../platform/db/errors';

export interface NewStaff {
  username: string;
  password: string;
  displayName: string;
  role: Exclude<Role, 'bidder'>;
  courtId?: string | null | undefined;
  institutionId?: string | null | undefined;
  canApprove?: boolean | undefined;
  /**
   * The staff member's resident ID number, recorded so that they cannot bid under a bidder account in auctions of their
   * court (网拍 Art. 14, 34: bidders are matched to staff by this number).
   */
  idNumber?: string | undefined;
}

/** Creates a staff account (admin, judge, clerk, institution operator, party). Judges and clerks need a court, operators an institution. */
export async function createUser(ctx: AppContext, actor: Actor, input: NewStaff): Promise<UserRow> {
  const needsCourt = input.role === 'judge' || input.role === 'clerk';
  const needsInstitution = input.role === 'institution_operator';
  if (needsCourt !== Boolean(input.courtId)) {
    throw new AppError('VALIDATION_FAILED', needsCourt ? '法官和书记员必须属于一个法院 / Judges and clerks belong to a court' : '只有法官和书记员属于法院 / Only judges and clerks belong to a court');
  }
  if (needsInstitution !== Boolean(input.institutionId)) {
    throw new AppError('VALIDATION_FAILED', needsInstitution ? '机构操作员必须属于一个机构 / Operators belong to an institution' : '只有机构操作员属于机构 / Only operators belong to an institution');
  }
  if (input.courtId && !(await courtById(ctx.db, input.courtId))) throw new AppError('VALIDATION_FAILED', '法院不存在 / No such court');
  if (input.institutionId && !(await institutionById(ctx.db, input.institutionId))) throw new AppError('VALIDATION_FAILED', '机构不存在 / No such institution');
  const idNumber = input.idNumber?.trim().toUpperCase() || null;
  const idProblem = idNumber ? residentIdProblem(idNumber, ctx.clock.now()) : null;
  if (idProblem) throw new AppError('VALIDATION_FAILED', ID_PROBLEM_MESSAGES.residentId[idProblem]);
  if (await userByUsername(ctx.db, input.username)) throw new AppError('USERNAME_TAKEN', '用户名已被使用 / That user name is taken');

  const row: UserRow = {
    id: randomUUID(),
    username: input.username,
    passwordHash: await hashPassword(input.password, ctx.config.scryptN),
    displayName: input.displayName,
    role: input.role,
    courtId: input.courtId ?? null,
    institutionId: input.institutionId ?? null,
    canApprove: Boolean(input.canApprove) && needsCourt,
    phone: null,
    identityKind: idNumber ? 'person' : null,
    identityName: idNumber ? input.displayName : null,
    identityNumber: idNumber,
    legalRepresentative: null,
    verifiedAt: null,
    createdAt: ctx.clock.now(),
    disabledAt: null,
  };
  await ctx.db.transaction(async (tx) => {
    await insertUser(tx, row).catch(usernameTaken);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'user.created',
      entityType: 'user',
      entityId: row.id,
      // The trail is read by many: the ID number only masked.
      data: {
        username: row.username,
        role: row.role,
        courtId: row.courtId,
        institutionId: row.institutionId,
        canApprove: row.canApprove,
        ...(idNumber ? { idNumber: maskId(idNumber) } : {}),
      },
    });
  });
  return row;
}

function usernameTaken(err: unknown): never {
  if (isUniqueViolation(err)) throw new AppError('USERNAME_TAKEN', '用户名已被使用 / That user name is taken');
  throw err;
}
