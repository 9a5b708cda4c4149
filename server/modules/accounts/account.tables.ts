import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { courts } from '../courts/court.tables';
import { institutions } from '../institutions/institution.tables';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['admin', 'judge', 'clerk', 'institution_operator', 'bidder', 'party'] }).notNull(),
    courtId: uuid('court_id').references(() => courts.id),
    institutionId: uuid('institution_id').references(() => institutions.id),
    /** May act as the second approver of deductions and the like. */
    canApprove: boolean('can_approve').notNull().default(false),
    phone: text('phone'),
    identityKind: text('identity_kind', { enum: ['person', 'organisation'] }),
    identityName: text('identity_name'),
    identityNumber: text('identity_number'),
    legalRepresentative: text('legal_representative'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('users_username_lower').on(sql`lower(${t.username})`), index('users_court').on(t.courtId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the token: a leaked table does not leak usable tokens. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Failed-login counters per user name and per client address, shared by every server process. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
});
