import { and, asc, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db';
import { accountTokens, oauthIdentities, refreshTokens, sessions, users } from './accounts.tables';
import { userAddresses } from './addresses.tables';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type AccountTokenPurpose = (typeof accountTokens.$inferSelect)['purpose'];

const live = isNull(users.deletedAt);

export const usersRepository = {
  async insert(ex: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
    const [row] = await ex.insert(users).values(values).returning();
    return row as UserRow;
  },

  async findLiveByEmail(ex: Executor, email: string): Promise<UserRow | undefined> {
    const [row] = await ex.select().from(users).where(and(eq(users.email, email), live)).limit(1);
    return row;
  },

  async findById(ex: Executor, id: string): Promise<UserRow | undefined> {
    const [row] = await ex.select().from(users).where(eq(users.id, id)).limit(1);
    return row;
  },

  /** The user and their linked providers in one round trip (GET /api/me is the hottest read). */
  async findLiveWithProviders(ex: Executor, id: string) {
    const [row] = await ex
      .select({
        user: users,
        providers: sql<('kakao' | 'naver' | 'google')[]>`array(select ${oauthIdentities.provider} from ${oauthIdentities} where ${oauthIdentities.userId} = ${users.id} order by 1)`,
      })
      .from(users)
      .where(and(eq(users.id, id), live))
      .limit(1);
    return row;
  },

  async findLiveById(ex: Executor, id: string): Promise<UserRow | undefined> {
    const [row] = await ex.select().from(users).where(and(eq(users.id, id), live)).limit(1);
    return row;
  },

  async update(ex: Executor, id: string, patch: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
    const [row] = await ex
      .update(users)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(and(eq(users.id, id), live))
      .returning();
    return row;
  },

  /** Atomic increment: concurrent wrong guesses all count. Returns the new count. */
  async recordLoginFailure(ex: Executor, id: string, lockUntil: (failedCount: number) => Date | null): Promise<number> {
    const [row] = await ex
      .update(users)
      .set({ failedLoginCount: sql`${users.failedLoginCount} + 1` })
      .where(eq(users.id, id))
      .returning({ failedLoginCount: users.failedLoginCount });
    const count = row?.failedLoginCount ?? 0;
    const until = lockUntil(count);
    if (until) await ex.update(users).set({ loginLockedUntil: until }).where(eq(users.id, id));
    return count;
  },

  async clearLoginFailures(ex: Executor, id: string) {
    await ex
      .update(users)
      .set({ failedLoginCount: 0, loginLockedUntil: null })
      .where(and(eq(users.id, id), sql`(${users.failedLoginCount} > 0 or ${users.loginLockedUntil} is not null)`));
  },

  /** Soft delete: frees e-mail and nickname, wipes personal data; the row stays for past content. */
  async softDelete(ex: Executor, id: string, now: Date): Promise<boolean> {
    const rows = await ex
      .update(users)
      .set({
        deletedAt: now,
        email: null,
        emailVerifiedAt: null,
        passwordHash: null,
        nickname: null,
        introduction: '',
        phoneEncrypted: null,
        avatarMediaId: null,
        failedLoginCount: 0,
        loginLockedUntil: null,
        updatedAt: now,
      })
      .where(and(eq(users.id, id), live))
      .returning({ id: users.id });
    await ex.delete(oauthIdentities).where(eq(oauthIdentities.userId, id));
    await ex.delete(accountTokens).where(eq(accountTokens.userId, id));
    await ex.delete(userAddresses).where(eq(userAddresses.userId, id));
    return rows.length === 1;
  },

  async count(ex: Executor): Promise<number> {
    const [row] = await ex.select({ count: sql<number>`count(*)::int` }).from(users);
    return row?.count ?? 0;
  },

  async providersOf(ex: Executor, userId: string): Promise<('kakao' | 'naver' | 'google')[]> {
    const rows = await ex
      .select({ provider: oauthIdentities.provider })
      .from(oauthIdentities)
      .where(eq(oauthIdentities.userId, userId))
      .orderBy(asc(oauthIdentities.provider));
    return rows.map((row) => row.provider);
  },
};

export const sessionsRepository = {
  async insert(ex: Executor, values: typeof sessions.$inferInsert) {
    await ex.insert(sessions).values(values);
  },

  async insertRefreshToken(ex: Executor, values: typeof refreshTokens.$inferInsert) {
    await ex.insert(refreshTokens).values(values);
  },

  /** Compare-and-swap: only one caller can ever spend a given refresh token. */
  async spendRefreshToken(ex: Executor, tokenHash: string, now: Date): Promise<string | undefined> {
    const [row] = await ex
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.usedAt), gt(refreshTokens.expiresAt, now)))
      .returning({ sessionId: refreshTokens.sessionId });
    return row?.sessionId;
  },

  async findRefreshToken(ex: Executor, tokenHash: string) {
    const [row] = await ex.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
    return row;
  },

  async findLive(ex: Executor, sessionId: string, now: Date): Promise<SessionRow | undefined> {
    const [row] = await ex
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .limit(1);
    return row;
  },

  /** The live session joined with its live user: what an access token stands for right now. */
  async findActor(ex: Executor, sessionId: string, now: Date) {
    const [row] = await ex
      .select({ userId: users.id, roles: users.roles })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), live))
      .limit(1);
    return row;
  },

  async touch(ex: Executor, sessionId: string, now: Date, meta: { ip: string | null; userAgent: string | null }) {
    await ex.update(sessions).set({ lastUsedAt: now, ...meta }).where(eq(sessions.id, sessionId));
  },

  async revoke(ex: Executor, sessionId: string, reason: string, now: Date): Promise<boolean> {
    const rows = await ex
      .update(sessions)
      .set({ revokedAt: now, revokedReason: reason })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.length === 1;
  },

  async revokeAllOfUser(ex: Executor, userId: string, reason: string, now: Date, exceptSessionId?: string): Promise<string[]> {
    const rows = await ex
      .update(sessions)
      .set({ revokedAt: now, revokedReason: reason })
      .where(
        and(
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
        ),
      )
      .returning({ id: sessions.id });
    return rows.map((row) => row.id);
  },

  async listLive(ex: Executor, userId: string, now: Date): Promise<SessionRow[]> {
    return ex
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .orderBy(desc(sessions.lastUsedAt))
      .limit(100);
  },
};

export const accountTokensRepository = {
  async insert(ex: Executor, values: typeof accountTokens.$inferInsert) {
    await ex.insert(accountTokens).values(values);
  },

  /** Compare-and-swap on used_at: a token works once, even under concurrent submits. */
  async spend(ex: Executor, tokenHash: string, purpose: AccountTokenPurpose, now: Date) {
    const [row] = await ex
      .update(accountTokens)
      .set({ usedAt: now })
      .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)))
      .returning();
    return row;
  },

  async find(ex: Executor, tokenHash: string, purpose: AccountTokenPurpose) {
    const [row] = await ex
      .select()
      .from(accountTokens)
      .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose)))
      .limit(1);
    return row;
  },

  /** A new request supersedes the links sent before it. */
  async retireUnused(ex: Executor, userId: string, purpose: AccountTokenPurpose, now: Date) {
    await ex
      .update(accountTokens)
      .set({ usedAt: now })
      .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
  },
};

export const adminUsersRepository = {
  /** Newest first, keyset-paged; `q` matches e-mail or nickname. */
  async list(ex: Executor, options: { limit: number; after?: { at: string; id: string } | undefined; q?: string | undefined }) {
    const pattern = options.q ? `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    return ex
      .select()
      .from(users)
      .where(
        and(
          pattern ? sql`(${users.email} ilike ${pattern} or ${users.nickname} ilike ${pattern})` : undefined,
          options.after ? sql`(${users.createdAt}, ${users.id}) < (${options.after.at}::timestamptz, ${options.after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(options.limit + 1);
  },
};
