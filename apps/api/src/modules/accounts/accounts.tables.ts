import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    /** Lower-cased on the way in; null after deletion (the address is freed) and for some social accounts. */
    email: text('email'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    passwordHash: text('password_hash'),
    /** Null after deletion: the nickname is freed and past content shows "탈퇴한 사용자". */
    nickname: text('nickname'),
    introduction: text('introduction').notNull().default(''),
    /** AES-256-GCM sealed (platform/crypto FieldCipher). */
    phoneEncrypted: text('phone_encrypted'),
    avatarMediaId: uuid('avatar_media_id'),
    roles: text('roles').array().notNull().default(sql`array['user']::text[]`),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    loginLockedUntil: timestamp('login_locked_until', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('users_email_key').on(table.email),
    uniqueIndex('users_nickname_key').on(sql`lower(${table.nickname})`),
    check('users_roles_known', sql`${table.roles} <@ array['user','tutor','admin']::text[]`),
    check('users_email_lowercase', sql`${table.email} = lower(${table.email})`),
    check('users_deleted_wiped', sql`${table.deletedAt} is null or (${table.email} is null and ${table.nickname} is null and ${table.passwordHash} is null)`),
    check('users_live_have_nickname', sql`${table.deletedAt} is not null or ${table.nickname} is not null`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end of the session, however often it is refreshed. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (table) => [index('sessions_user_live_idx').on(table.userId).where(sql`${table.revokedAt} is null`)],
);

/** Opaque refresh tokens, stored only as SHA-256; each works once (rotation with reuse detection). */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [index('refresh_tokens_session_idx').on(table.sessionId)],
);

/** Single-use tokens sent by e-mail: password reset and e-mail verification. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['password_reset', 'email_verification'] }).notNull(),
    /** For verification: the address the token proves (the user may change it meanwhile). */
    email: text('email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [
    index('account_tokens_user_idx').on(table.userId, table.purpose),
    check('account_tokens_purpose_known', sql`${table.purpose} in ('password_reset','email_verification')`),
  ],
);

/** A social login bound to a user: one per (provider, provider's user id) and per (user, provider). */
export const oauthIdentities = pgTable(
  'oauth_identities',
  {
    provider: text('provider', { enum: ['kakao', 'naver', 'google'] }).notNull(),
    providerUserId: text('provider_user_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email'),
    emailVerified: boolean('email_verified').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.provider, table.providerUserId] }),
    uniqueIndex('oauth_identities_user_provider_key').on(table.userId, table.provider),
  ],
);

/** One row per authorization request sent to a provider: `state` (hashed), PKCE verifier, link intent. */
export const oauthFlows = pgTable('oauth_flows', {
  stateHash: text('state_hash').primaryKey(),
  provider: text('provider', { enum: ['kakao', 'naver', 'google'] }).notNull(),
  codeVerifier: text('code_verifier'),
  /** Set when a signed-in user asked to link this provider to their account. */
  linkUserId: uuid('link_user_id').references(() => users.id, { onDelete: 'cascade' }),
  returnTo: text('return_to').notNull().default('/'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * A provider asserted a verified e-mail that belongs to an existing local account: the link
 * waits here until the owner proves it with the account's password.
 */
export const oauthLinkTickets = pgTable('oauth_link_tickets', {
  ticketHash: text('ticket_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  provider: text('provider', { enum: ['kakao', 'naver', 'google'] }).notNull(),
  providerUserId: text('provider_user_id').notNull(),
  email: text('email'),
  emailVerified: boolean('email_verified').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});
