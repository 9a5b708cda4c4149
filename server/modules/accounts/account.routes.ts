import type { Request, Response } from 'express';
import { z } from 'zod';
import { LoginBody, LoginResult, RegisterBidderBody, Role, UserView } from '../../../shared/schemas/auth';
import { StaffView } from '../../../shared/schemas/courts';
import { IdParams, Uuid } from '../../../shared/schemas/common';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { Api } from '../../platform/http/api';
import { staffOfCourt, userById } from './account.store';
import { createUser } from './create-user';
import { login } from './login';
import { logout } from './logout';
import { registerBidder } from './register-bidder';
import { SESSION_COOKIE } from './session-token';
import { toUserView } from './user-view';

const CreateUserBody = z.strictObject({
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,32}$/),
  password: z.string().min(10).max(200),
  displayName: z.string().trim().min(2).max(50),
  role: Role.exclude(['bidder']),
  courtId: Uuid.nullish(),
  institutionId: Uuid.nullish(),
  canApprove: z.boolean().optional(),
});

export function accountRoutes(api: Api, ctx: AppContext): void {
  api.route({
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    summary: 'Sign in',
    description: 'Opens a session. The token comes back in the body (for `Authorization: Bearer` and the socket.io handshake) and as the HTTP-only cookie `zx_session`. Repeated failures lock the user name with exponential back-off.',
    auth: 'public',
    body: LoginBody,
    response: LoginResult,
    errors: ['INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS'],
    handler: async ({ body, req, res }) => {
      const result = await login(ctx, { ...body, clientAddress: req.ip ?? 'unknown' });
      setSessionCookie(req, res, result.token, result.expiresAt);
      return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: result.user };
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    summary: 'Sign out (revokes the session)',
    auth: 'user',
    handler: async ({ req, res }) => {
      await logout(ctx, req.sessionTokenHash!);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  });

  api.route({
    method: 'get',
    path: '/api/auth/me',
    tag: 'auth',
    summary: 'The signed-in user',
    auth: 'user',
    response: z.object({ user: UserView }),
    handler: async ({ actor }) => {
      const user = await userById(ctx.db, actor.userId!);
      if (!user) throw new AppError('UNAUTHENTICATED', '请先登录 / Sign in first');
      return { user: await toUserView(ctx.db, user) };
    },
  });

  api.route({
    method: 'post',
    path: '/api/bidders/register',
    tag: 'auth',
    summary: 'Register as a bidder with real-name details',
    description: 'A person gives a resident ID number (GB 11643 checksum); a company a unified social credit code (GB 32100 checksum) and its legal representative. The identity is then checked by the identity verifier.',
    auth: 'public',
    body: RegisterBidderBody,
    response: z.object({ user: UserView }),
    status: 201,
    errors: ['USERNAME_TAKEN', 'IDENTITY_REJECTED'],
    handler: async ({ body }) => ({ user: await toUserView(ctx.db, await registerBidder(ctx, body)) }),
  });

  api.route({
    method: 'get',
    path: '/api/courts/:id/staff',
    tag: 'courts',
    summary: 'Judges and clerks of a court',
    description: 'A judge or clerk may list only their own court.',
    auth: ['judge', 'clerk', 'admin'],
    params: IdParams,
    response: z.array(StaffView),
    handler: async ({ params, actor }) => {
      if (actor.role !== 'admin' && actor.courtId !== params.id) throw new AppError('FORBIDDEN', '只能查看本院人员 / Only your own court');
      const rows = await staffOfCourt(ctx.db, params.id);
      return rows.map((u) => ({ id: u.id, displayName: u.displayName, role: u.role as 'judge' | 'clerk', canApprove: u.canApprove }));
    },
  });

  api.route({
    method: 'post',
    path: '/api/admin/users',
    tag: 'admin',
    summary: 'Create a staff account',
    description: 'Judges and clerks belong to a court; institution operators to an institution.',
    auth: ['admin'],
    body: CreateUserBody,
    response: z.object({ user: UserView }),
    status: 201,
    errors: ['USERNAME_TAKEN'],
    handler: async ({ body, actor }) => ({ user: await toUserView(ctx.db, await createUser(ctx, actor, body)) }),
  });
}

function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', expires: expiresAt });
}
