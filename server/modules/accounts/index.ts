/** Accounts: users and roles, sessions, bidder registration. */
export { accountRoutes } from './account.routes';
export { resolveSession } from './resolve-session';
export { createUser, type NewStaff } from './create-user';
export { registerBidder } from './register-bidder';
export { userById, usersByIds, countUsers, staffWithIdentityNumber, type UserRow } from './account.store';
export { SimulatedIdentityVerifier, type IdentityVerifier } from './identity-verifier';
export { SESSION_COOKIE } from './session-token';
export { toActor } from './user-view';
