import type { Platform } from '../../platform/platform';
import type { RouteApp } from '../../platform/http';
import type { User } from '@dongne/contracts';
import { SessionCache } from '../../platform/auth';
import { SharedCache } from '../../platform/shared-cache';
import { AccountsService, type AccountEraser } from './accounts.service';
import { adminRoutes } from './admin.routes';
import { addressesRoutes } from './addresses.routes';
import { AddressesService } from './addresses.service';
import { authRoutes } from './auth.routes';
import { meRoutes } from './me.routes';
import { oauthRoutes } from './oauth.routes';
import { OAuthService } from './oauth.service';
import { PasswordHasher } from './passwords.service';
import { RecoveryService } from './recovery.service';
import { actorLookup, SessionsService } from './sessions.service';

export type { AccountsService, AccountEraser } from './accounts.service';
export type { SessionsService } from './sessions.service';
export { REFRESH_COOKIE } from './auth.routes';
/** For foreign keys from other modules' tables only: just accounts' repositories read or write users. */
export { users } from './accounts.tables';

export interface AccountsModuleOptions {
  /** Other modules' personal data to erase with an account, in the same transaction. */
  erasers?: readonly AccountEraser[];
}

export function createAccountsModule(platform: Platform, options: AccountsModuleOptions = {}) {
  const { config, database, clock } = platform;
  const db = database.db;
  const sessionCache = new SessionCache(actorLookup(db, clock), platform.broadcast);
  const sessions = new SessionsService(db, platform.tokens, clock, config.auth, sessionCache);
  const hasher = new PasswordHasher(config.auth.argon2);
  const userViews = new SharedCache<User>('user-views', platform.broadcast, { ttlMs: 60_000, maxEntries: 50_000 });
  const recovery = new RecoveryService({ db, clock, mailer: platform.mailer, hasher, sessions, userViews, publicUrl: config.publicUrl });
  const accounts = new AccountsService({
    db,
    clock,
    cipher: platform.cipher,
    hasher,
    sessions,
    recovery,
    userViews,
    loginLockThreshold: config.auth.loginLockThreshold,
    erasers: options.erasers ?? [],
  });
  const addresses = new AddressesService(db, platform.cipher);
  const oauth = new OAuthService({
    db,
    clock,
    hasher,
    sessions,
    accounts,
    userViews,
    providers: config.oauth,
    publicUrl: config.publicUrl,
    log: platform.log,
    loginLockThreshold: config.auth.loginLockThreshold,
  });

  return {
    accounts,
    sessions,
    sessionCache,
    async routes(app: RouteApp) {
      const shared = { accounts, sessions, recovery, secureCookies: config.auth.secureCookies, rateLimitPerMinute: config.auth.rateLimitPerMinute };
      await authRoutes(app, { ...shared, enabledProviders: () => oauth.enabledProviders() });
      await meRoutes(app, shared);
      await adminRoutes(app, { accounts });
      await addressesRoutes(app, { addresses });
      await oauthRoutes(app, { oauth, secureCookies: config.auth.secureCookies, rateLimitPerMinute: config.auth.rateLimitPerMinute });
    },
  };
}

export type AccountsModule = ReturnType<typeof createAccountsModule>;
