import type { Actor, AccessTokens, SessionCache } from '../../platform/auth';
import type { Clock } from '../../platform/clock';
import { hashToken, randomToken } from '../../platform/crypto';
import type { Database, Executor } from '../../platform/db';
import { newId } from '../../platform/ids';
import { accountErrors } from './accounts.errors';
import { sessionsRepository, usersRepository } from './accounts.repository';

const DAY_MS = 86_400_000;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface IssuedTokens {
  sessionId: string;
  accessToken: string;
  refreshToken: string;
  refreshExpiresAt: Date;
}

export interface SessionSettings {
  refreshTokenTtlDays: number;
  sessionMaxAgeDays: number;
}

/**
 * Sessions: a short-lived access JWT naming the session, and an opaque refresh token that
 * works once. Presenting a spent refresh token revokes the whole session (reuse detection).
 */
export class SessionsService {
  constructor(
    private readonly db: Database,
    private readonly tokens: AccessTokens,
    private readonly clock: Clock,
    private readonly settings: SessionSettings,
    private readonly cache: SessionCache,
  ) {}

  /** Opens a session inside the caller's transaction; sign the access token after commit. */
  async open(ex: Executor, userId: string, client: ClientInfo): Promise<{ sessionId: string; refreshToken: string; refreshExpiresAt: Date }> {
    const now = this.clock.now();
    const sessionId = newId();
    const expiresAt = new Date(now.getTime() + this.settings.sessionMaxAgeDays * DAY_MS);
    await sessionsRepository.insert(ex, {
      id: sessionId,
      userId,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      lastUsedAt: now,
      expiresAt,
    });
    const { refreshToken, refreshExpiresAt } = await this.issueRefreshToken(ex, sessionId, now, expiresAt);
    return { sessionId, refreshToken, refreshExpiresAt };
  }

  async accessTokenFor(userId: string, sessionId: string): Promise<string> {
    return this.tokens.sign({ userId, sessionId });
  }

  async start(userId: string, client: ClientInfo): Promise<IssuedTokens> {
    const opened = await this.db.transaction((tx) => this.open(tx, userId, client));
    return { ...opened, accessToken: await this.accessTokenFor(userId, opened.sessionId) };
  }

  async refresh(presented: string | undefined, client: ClientInfo): Promise<IssuedTokens> {
    if (!presented) throw accountErrors.invalidRefresh();
    const tokenHash = hashToken(presented);
    const now = this.clock.now();
    const outcome = await this.db.transaction(async (tx) => {
      const sessionId = await sessionsRepository.spendRefreshToken(tx, tokenHash, now);
      if (!sessionId) {
        const known = await sessionsRepository.findRefreshToken(tx, tokenHash);
        if (known?.usedAt) {
          // Someone replayed a spent token: the thief or the owner holds a copy. End it for both.
          await sessionsRepository.revoke(tx, known.sessionId, 'refresh_token_reuse', now);
          return { kind: 'reused' as const, sessionId: known.sessionId };
        }
        return { kind: 'invalid' as const };
      }
      const session = await sessionsRepository.findLive(tx, sessionId, now);
      if (!session) return { kind: 'invalid' as const };
      const user = await usersRepository.findLiveById(tx, session.userId);
      if (!user) return { kind: 'invalid' as const };
      await sessionsRepository.touch(tx, sessionId, now, { ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null });
      const issued = await this.issueRefreshToken(tx, sessionId, now, session.expiresAt);
      return { kind: 'ok' as const, userId: user.id, sessionId, ...issued };
    });
    if (outcome.kind === 'reused') {
      await this.cache.invalidateSession(outcome.sessionId);
      throw accountErrors.refreshReused();
    }
    if (outcome.kind === 'invalid') throw accountErrors.invalidRefresh();
    return {
      sessionId: outcome.sessionId,
      refreshToken: outcome.refreshToken,
      refreshExpiresAt: outcome.refreshExpiresAt,
      accessToken: await this.accessTokenFor(outcome.userId, outcome.sessionId),
    };
  }

  /** Ends the session a refresh token belongs to (logout without a valid access token). */
  async sessionOfRefreshToken(presented: string | undefined): Promise<string | undefined> {
    if (!presented) return undefined;
    return (await sessionsRepository.findRefreshToken(this.db, hashToken(presented)))?.sessionId;
  }

  async revoke(sessionId: string, reason: string, ex: Executor = this.db) {
    await sessionsRepository.revoke(ex, sessionId, reason, this.clock.now());
    await this.cache.invalidateSession(sessionId);
  }

  /** Revokes every live session of the user (but `except`); call `forgetCachedUser` after commit. */
  async revokeAll(ex: Executor, userId: string, reason: string, except?: string): Promise<void> {
    await sessionsRepository.revokeAllOfUser(ex, userId, reason, this.clock.now(), except);
  }

  async revokeAllNow(userId: string, reason: string, except?: string) {
    await this.revokeAll(this.db, userId, reason, except);
    await this.forgetCachedUser(userId);
  }

  /** After commit of anything an Actor carries (revocations, roles): every node re-reads the user. */
  async forgetCachedUser(userId: string) {
    await this.cache.invalidateUser(userId);
  }

  async revokeOwn(userId: string, sessionId: string) {
    const now = this.clock.now();
    const session = await sessionsRepository.findLive(this.db, sessionId, now);
    if (!session || session.userId !== userId) throw accountErrors.sessionNotFound();
    await this.revoke(sessionId, 'logout_remote');
  }

  list(userId: string) {
    return sessionsRepository.listLive(this.db, userId, this.clock.now());
  }

  private async issueRefreshToken(ex: Executor, sessionId: string, now: Date, sessionExpiresAt: Date) {
    const refreshToken = randomToken(32);
    const refreshExpiresAt = new Date(Math.min(now.getTime() + this.settings.refreshTokenTtlDays * DAY_MS, sessionExpiresAt.getTime()));
    await sessionsRepository.insertRefreshToken(ex, { tokenHash: hashToken(refreshToken), sessionId, createdAt: now, expiresAt: refreshExpiresAt });
    return { refreshToken, refreshExpiresAt };
  }
}

/** The SessionCache's source of truth: the live session joined with its live user. */
export const actorLookup =
  (db: Database, clock: Clock) =>
  async (sessionId: string): Promise<Actor | null> => {
    const row = await sessionsRepository.findActor(db, sessionId, clock.now());
    return row ? { userId: row.userId, sessionId, roles: row.roles as Actor['roles'] } : null;
  };
