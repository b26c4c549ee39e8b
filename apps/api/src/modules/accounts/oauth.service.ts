import type { AuthProviders, User } from '@dongne/contracts';
import type { Clock } from '../../platform/clock';
import type { AppConfig } from '../../platform/config';
import { hashToken, randomToken, safeEqual } from '../../platform/crypto';
import { violatedConstraint, type Database } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { SharedCache } from '../../platform/shared-cache';
import { loginLockSeconds } from './account-rules';
import { accountErrors } from './accounts.errors';
import { usersRepository } from './accounts.repository';
import type { AccountsService } from './accounts.service';
import {
  isOAuthProvider,
  nicknameCandidate,
  nicknameFromProvider,
  OAUTH_PROVIDERS,
  ProviderClient,
  ProviderFailure,
  safeReturnTo,
  type OAuthProvider,
  type ProviderProfile,
} from './oauth-providers';
import {
  oauthFlowsRepository,
  oauthIdentitiesRepository,
  oauthTicketsRepository,
  oauthUsersRepository,
  type OAuthFlowRow,
} from './oauth.repository';
import type { PasswordHasher } from './passwords.service';
import type { ClientInfo, IssuedTokens, SessionsService } from './sessions.service';

const FLOW_TTL_MS = 10 * 60_000;
const TICKET_TTL_MS = 10 * 60_000;
/** Flows and tickets are deleted a day after they expire. */
const HOUSEKEEPING_GRACE_MS = 24 * 60 * 60_000;
const NICKNAME_ATTEMPTS = 8;
const IDENTITY_PK = 'oauth_identities_provider_provider_user_id_pk';
const IDENTITY_PER_USER = 'oauth_identities_user_provider_key';

export const oauthErrors = {
  providerNotFound: () => notFound('oauth.provider_not_found', '지원하지 않는 로그인 방법이에요.'),
  emailUnverified: () => unprocessable('oauth.email_unverified', '소셜 계정을 연결하려면 먼저 이메일을 인증해 주세요.'),
  providerAlreadyLinked: () => conflict('oauth.provider_already_linked', '이 서비스의 다른 계정이 이미 연결돼 있어요.'),
  identityInUse: () => conflict('oauth.identity_in_use', '이 소셜 계정은 이미 다른 동네 계정에 연결돼 있어요.'),
  ticketInvalid: () =>
    unprocessable('oauth.link_ticket_invalid', '연결 요청이 올바르지 않거나 이미 사용됐어요. 다시 로그인해 주세요.'),
  ticketExpired: () => unprocessable('oauth.link_ticket_expired', '연결 요청이 만료됐어요. 다시 로그인해 주세요.'),
};

/** A callback that cannot go on; `code` is what the browser sees in `?oauthError=`. */
class OAuthFailure extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'OAuthFailure';
  }
}

export interface OAuthLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface OAuthDeps {
  db: Database;
  clock: Clock;
  hasher: PasswordHasher;
  sessions: SessionsService;
  accounts: AccountsService;
  userViews: SharedCache<User>;
  providers: AppConfig['oauth'];
  publicUrl: string;
  log: OAuthLog;
  loginLockThreshold: number;
}

export interface CallbackQuery {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
}

/** Where to send the browser, and the session to put in its refresh cookie if one was opened. */
export interface CallbackOutcome {
  redirectTo: string;
  session?: { refreshToken: string; refreshExpiresAt: Date };
}

export interface StartedFlow {
  authorizationUrl: string;
  /** Also goes into a cookie: the callback must come back to the browser that started the flow. */
  state: string;
}

/**
 * Social login (authorization code flow). The server exchanges the code and reads the profile
 * itself; nothing the browser sends besides `code` and `state` is ever used.
 */
export class OAuthService {
  private readonly clients = new Map<OAuthProvider, ProviderClient>();

  constructor(private readonly deps: OAuthDeps) {
    for (const name of OAUTH_PROVIDERS) {
      const config = deps.providers[name];
      if (config)
        this.clients.set(name, new ProviderClient(name, config, `${deps.publicUrl}/api/auth/oauth/${name}/callback`));
    }
  }

  enabledProviders(): AuthProviders['providers'] {
    return [...this.clients.keys()].map((name) => ({ name, startUrl: `/api/auth/oauth/${name}/start` }));
  }

  async start(
    providerName: string,
    returnTo: string | undefined,
    linkUserId: string | null = null,
  ): Promise<StartedFlow> {
    const client = this.client(providerName);
    const state = randomToken(32);
    const codeVerifier = client.spec.pkce ? randomToken(48) : null;
    const now = this.deps.clock.now();
    await oauthFlowsRepository.deleteExpired(this.deps.db, new Date(now.getTime() - HOUSEKEEPING_GRACE_MS));
    await oauthFlowsRepository.insert(this.deps.db, {
      stateHash: hashToken(state),
      provider: client.name,
      codeVerifier,
      linkUserId,
      returnTo: safeReturnTo(returnTo),
      createdAt: now,
      expiresAt: new Date(now.getTime() + FLOW_TTL_MS),
    });
    return { authorizationUrl: client.authorizationUrl(state, codeVerifier), state };
  }

  /** A signed-in user links a provider; only an account with a verified e-mail may. */
  async startLink(providerName: string, userId: string, returnTo: string | undefined): Promise<StartedFlow> {
    const client = this.client(providerName);
    const user = await usersRepository.findLiveById(this.deps.db, userId);
    if (!user) throw accountErrors.userNotFound();
    if (!user.emailVerifiedAt) throw oauthErrors.emailUnverified();
    if (await oauthIdentitiesRepository.findOfUser(this.deps.db, userId, client.name))
      throw oauthErrors.providerAlreadyLinked();
    return this.start(providerName, returnTo, userId);
  }

  /** Never throws: every failure becomes a redirect to the login page with a stable code. */
  async callback(
    providerName: string,
    query: CallbackQuery,
    boundState: string | undefined,
    client: ClientInfo,
  ): Promise<CallbackOutcome> {
    try {
      return await this.completeCallback(providerName, query, boundState, client);
    } catch (error) {
      if (error instanceof OAuthFailure) {
        this.deps.log.warn({ provider: providerName, code: error.code }, 'oauth callback refused');
        return this.failure(error.code);
      }
      if (error instanceof ProviderFailure) {
        this.deps.log.warn(
          { provider: providerName, stage: error.stage, reason: error.reason },
          'oauth provider failure',
        );
        return this.failure('oauth.provider_error');
      }
      // Drizzle errors quote statement parameters (e-mails): log only what identifies the fault.
      const { name, code } = (error ?? {}) as { name?: string; code?: unknown };
      this.deps.log.error(
        { provider: providerName, errorName: name, pgCode: code, constraint: violatedConstraint(error) },
        'oauth callback failed',
      );
      return this.failure('oauth.failed');
    }
  }

  /** The owner of the local account proves it with the password; then the identity is linked. */
  async confirmLink(ticket: string, password: string, client: ClientInfo): Promise<{ user: User } & IssuedTokens> {
    const { db, clock, hasher, sessions, loginLockThreshold } = this.deps;
    const ticketHash = hashToken(ticket);
    const row = await oauthTicketsRepository.find(db, ticketHash);
    if (!row || row.usedAt) throw oauthErrors.ticketInvalid();
    const now = clock.now();
    if (row.expiresAt <= now) throw oauthErrors.ticketExpired();
    const user = await usersRepository.findLiveById(db, row.userId);
    // The account changed since: the provider's address no longer proves anything about it.
    if (!user || !user.emailVerifiedAt || user.email !== row.email) throw oauthErrors.ticketInvalid();
    if (user.loginLockedUntil && user.loginLockedUntil > now) {
      throw accountErrors.loginLocked((user.loginLockedUntil.getTime() - now.getTime()) / 1000);
    }
    if (!user.passwordHash) throw accountErrors.noPassword();
    if (!(await hasher.verify(user.passwordHash, password))) {
      await usersRepository.recordLoginFailure(db, user.id, (count) => {
        const seconds = loginLockSeconds(count, loginLockThreshold);
        return seconds > 0 ? new Date(clock.now().getTime() + seconds * 1000) : null;
      });
      throw accountErrors.wrongPassword();
    }
    await usersRepository.clearLoginFailures(db, user.id);
    let opened: Awaited<ReturnType<SessionsService['open']>>;
    try {
      opened = await db.transaction(async (tx) => {
        if (!(await oauthTicketsRepository.spend(tx, ticketHash, clock.now()))) throw oauthErrors.ticketInvalid();
        await oauthIdentitiesRepository.insert(tx, {
          provider: row.provider,
          providerUserId: row.providerUserId,
          userId: user.id,
          email: row.email,
          emailVerified: row.emailVerified,
        });
        return sessions.open(tx, user.id, client);
      });
      await this.deps.userViews.forget(user.id);
    } catch (error) {
      const constraint = violatedConstraint(error);
      if (constraint === IDENTITY_PK) throw oauthErrors.identityInUse();
      if (constraint === IDENTITY_PER_USER) throw oauthErrors.providerAlreadyLinked();
      throw error;
    }
    return {
      user: await this.deps.accounts.me(user.id),
      ...opened,
      accessToken: await sessions.accessTokenFor(user.id, opened.sessionId),
    };
  }

  private client(providerName: string): ProviderClient {
    const client = isOAuthProvider(providerName) ? this.clients.get(providerName) : undefined;
    if (!client) throw oauthErrors.providerNotFound();
    return client;
  }

  private async completeCallback(
    providerName: string,
    query: CallbackQuery,
    boundState: string | undefined,
    client: ClientInfo,
  ) {
    const provider = isOAuthProvider(providerName) ? this.clients.get(providerName) : undefined;
    if (!provider) throw new OAuthFailure('oauth.provider_not_found');
    const flow = await this.consumeFlow(provider.name, query.state, boundState);
    if (query.error !== undefined)
      throw new OAuthFailure(query.error === 'access_denied' ? 'oauth.provider_denied' : 'oauth.provider_error');
    if (!query.code || query.code.length > 4096) throw new OAuthFailure('oauth.provider_error');
    const accessToken = await provider.exchangeCode(query.code, flow.codeVerifier);
    const profile = await provider.fetchProfile(accessToken);
    return this.resolve(provider, profile, flow, client);
  }

  /** The state must match the browser's cookie and an unused, unexpired flow of this provider. */
  private async consumeFlow(
    provider: OAuthProvider,
    state: string | undefined,
    boundState: string | undefined,
  ): Promise<OAuthFlowRow> {
    if (!state || state.length > 200 || !boundState || !safeEqual(state, boundState))
      throw new OAuthFailure('oauth.state_mismatch');
    const { db, clock } = this.deps;
    const stateHash = hashToken(state);
    const flow = await oauthFlowsRepository.consume(db, stateHash, provider, clock.now());
    if (flow) return flow;
    const known = await oauthFlowsRepository.find(db, stateHash);
    if (known && !known.usedAt && known.provider === provider) throw new OAuthFailure('oauth.state_expired');
    throw new OAuthFailure('oauth.state_mismatch');
  }

  private async resolve(
    provider: ProviderClient,
    profile: ProviderProfile,
    flow: OAuthFlowRow,
    client: ClientInfo,
  ): Promise<CallbackOutcome> {
    const { db, sessions } = this.deps;
    const identity = await oauthIdentitiesRepository.find(db, provider.name, profile.providerUserId);
    if (flow.linkUserId)
      return this.linkToSignedInUser(provider.name, profile, flow.linkUserId, identity?.userId, flow.returnTo);

    if (identity) {
      const user = await usersRepository.findLiveById(db, identity.userId);
      if (!user) throw new OAuthFailure('oauth.account_unavailable');
      await oauthIdentitiesRepository.refresh(
        db,
        provider.name,
        profile.providerUserId,
        profile.email,
        profile.emailVerified,
      );
      return this.signedIn(flow.returnTo, await sessions.start(user.id, client));
    }

    // A verified address of a verified local account: its owner must prove it before we link.
    if (profile.email && profile.emailVerified) {
      const local = await usersRepository.findLiveByEmail(db, profile.email);
      if (local?.emailVerifiedAt) return this.issueLinkTicket(provider.name, profile, local.id);
    }
    return this.createAccount(provider, profile, flow.returnTo, client);
  }

  private async linkToSignedInUser(
    provider: OAuthProvider,
    profile: ProviderProfile,
    userId: string,
    ownerId: string | undefined,
    returnTo: string,
  ): Promise<CallbackOutcome> {
    const linked = { redirectTo: `${this.deps.publicUrl}${returnTo}#oauth=linked` };
    if (ownerId === userId) return linked;
    if (ownerId) throw new OAuthFailure('oauth.identity_in_use');
    const user = await usersRepository.findLiveById(this.deps.db, userId);
    if (!user) throw new OAuthFailure('oauth.account_unavailable');
    if (!user.emailVerifiedAt) throw new OAuthFailure('oauth.email_unverified');
    try {
      await oauthIdentitiesRepository.insert(this.deps.db, {
        provider,
        providerUserId: profile.providerUserId,
        userId,
        email: profile.email,
        emailVerified: profile.emailVerified,
      });
    } catch (error) {
      const constraint = violatedConstraint(error);
      if (constraint === IDENTITY_PK) throw new OAuthFailure('oauth.identity_in_use');
      if (constraint === IDENTITY_PER_USER) throw new OAuthFailure('oauth.provider_already_linked');
      throw error;
    }
    await this.deps.userViews.forget(userId);
    return linked;
  }

  private async issueLinkTicket(
    provider: OAuthProvider,
    profile: ProviderProfile,
    userId: string,
  ): Promise<CallbackOutcome> {
    const now = this.deps.clock.now();
    const ticket = randomToken(32);
    await oauthTicketsRepository.insert(this.deps.db, {
      ticketHash: hashToken(ticket),
      userId,
      provider,
      providerUserId: profile.providerUserId,
      email: profile.email,
      emailVerified: profile.emailVerified,
      createdAt: now,
      expiresAt: new Date(now.getTime() + TICKET_TTL_MS),
    });
    const query = new URLSearchParams({ ticket, provider });
    return { redirectTo: `${this.deps.publicUrl}/login/link?${query.toString()}` };
  }

  /** A separate account: the provider's address only if it verified it and nobody holds it. */
  private async createAccount(
    provider: ProviderClient,
    profile: ProviderProfile,
    returnTo: string,
    client: ClientInfo,
  ): Promise<CallbackOutcome> {
    const { db, clock, sessions } = this.deps;
    let email = profile.email && profile.emailVerified ? profile.email : null;
    if (email && (await oauthUsersRepository.emailTaken(db, email))) email = null;
    const base = nicknameFromProvider(profile.nickname, provider.spec.fallbackNickname);
    for (let attempt = 0; attempt < NICKNAME_ATTEMPTS; attempt++) {
      const nickname = nicknameCandidate(base, attempt);
      if (await oauthUsersRepository.nicknameTaken(db, nickname)) continue;
      try {
        const opened = await db.transaction(async (tx) => {
          const row = await usersRepository.insert(tx, {
            id: newId(),
            email,
            emailVerifiedAt: email ? clock.now() : null,
            nickname,
            passwordHash: null,
          });
          await oauthIdentitiesRepository.insert(tx, {
            provider: provider.name,
            providerUserId: profile.providerUserId,
            userId: row.id,
            email: profile.email,
            emailVerified: profile.emailVerified,
          });
          return sessions.open(tx, row.id, client);
        });
        return this.signedIn(returnTo, opened);
      } catch (error) {
        const constraint = violatedConstraint(error);
        if (constraint === 'users_nickname_key') continue;
        if (constraint === 'users_email_key') {
          email = null;
          continue;
        }
        if (constraint === IDENTITY_PK) {
          // The same person's other tab won the race: sign in to the account it created.
          const winner = await oauthIdentitiesRepository.find(db, provider.name, profile.providerUserId);
          if (winner) return this.signedIn(returnTo, await sessions.start(winner.userId, client));
        }
        throw error;
      }
    }
    throw new OAuthFailure('oauth.nickname_unavailable');
  }

  private signedIn(returnTo: string, opened: { refreshToken: string; refreshExpiresAt: Date }): CallbackOutcome {
    return {
      redirectTo: `${this.deps.publicUrl}${returnTo}#oauth=success`,
      session: { refreshToken: opened.refreshToken, refreshExpiresAt: opened.refreshExpiresAt },
    };
  }

  private failure(code: string): CallbackOutcome {
    return { redirectTo: `${this.deps.publicUrl}/login?oauthError=${encodeURIComponent(code)}` };
  }
}
