import { z } from 'zod';
import { CreditCode, ResidentId, Uuid } from './common';

export const ROLES = ['admin', 'judge', 'clerk', 'institution_operator', 'bidder', 'party'] as const;
export const Role = z.enum(ROLES).meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名 / Enter a user name').max(64),
  password: z.string().min(1, '请输入密码 / Enter a password').max(200),
});

export const UserView = z
  .object({
    id: Uuid,
    username: z.string(),
    displayName: z.string(),
    role: Role,
    courtId: Uuid.nullable(),
    courtName: z.string().nullable(),
    courtCode: z.string().nullable(),
    institutionId: Uuid.nullable(),
    institutionName: z.string().nullable(),
    canApprove: z.boolean(),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof UserView>;

export const LoginResult = z
  .object({ token: z.string(), expiresAt: z.string(), user: UserView })
  .meta({ id: 'LoginResult' });

const PersonIdentity = z.strictObject({
  kind: z.literal('person'),
  name: z.string().trim().min(2).max(50),
  idNumber: ResidentId,
});
const OrganisationIdentity = z.strictObject({
  kind: z.literal('organisation'),
  name: z.string().trim().min(2).max(100),
  creditCode: CreditCode,
  legalRepresentative: z.string().trim().min(2).max(50),
});
export const BidderIdentity = z.discriminatedUnion('kind', [PersonIdentity, OrganisationIdentity]).meta({ id: 'BidderIdentity' });

export const RegisterBidderBody = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名为3–32位字母、数字、_ . - / A user name has 3–32 letters, digits, _ . -'),
  password: z.string().min(10, '密码至少10位 / A password has at least 10 characters').max(200),
  phone: z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入11位手机号 / Enter an 11-digit mobile number'),
  identity: BidderIdentity,
});
export type RegisterBidderBody = z.infer<typeof RegisterBidderBody>;
