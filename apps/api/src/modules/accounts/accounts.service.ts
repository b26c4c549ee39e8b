import type { AdminUserQuery, PublicProfile, SignupBody, UpdateProfileBody, User } from '@dongne/contracts';
import type { Clock } from '../../platform/clock';
import type { FieldCipher } from '../../platform/crypto';
import { violatedConstraint, type Database, type Executor } from '../../platform/db';
import { newId } from '../../platform/ids';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf } from '../../platform/pagination';
import type { SharedCache } from '../../platform/shared-cache';
import {
  loginLockSeconds,
  nicknameProblems,
  normaliseEmail,
  normaliseNickname,
  normalisePhone,
  passwordProblems,
} from './account-rules';
import { accountErrors } from './accounts.errors';
import { toAdminUser, toPublicProfile, toUser } from './accounts.mapper';
import { adminUsersRepository, usersRepository, type UserRow } from './accounts.repository';
import type { PasswordHasher } from './passwords.service';
import type { RecoveryService } from './recovery.service';
import type { ClientInfo, IssuedTokens, SessionsService } from './sessions.service';

export interface AccountsDeps {
  db: Database;
  clock: Clock;
  cipher: FieldCipher;
  hasher: PasswordHasher;
  sessions: SessionsService;
  recovery: RecoveryService;
  /** GET /api/me views; every change to what they show must `forget` the user. */
  userViews: SharedCache<User>;
  loginLockThreshold: number;
  /**
   * Other modules' personal data about a user (a neighbourhood's point, say), erased in the same
   * transaction as the account (ARCHITECTURE §3 rule 2); modules.ts wires them.
   */
  erasers?: readonly AccountEraser[];
}

/** Erases one module's personal data about a deleted account, inside the deletion's transaction. */
export type AccountEraser = (ex: Executor, userId: string) => Promise<void>;

type Role = User['roles'][number];

/** Unique-index names → the conflict the user should hear about. */
export function conflictFromConstraint(error: unknown): Error | undefined {
  const constraint = violatedConstraint(error);
  if (constraint === 'users_email_key') return accountErrors.emailTaken();
  if (constraint === 'users_nickname_key') return accountErrors.nicknameTaken();
  return undefined;
}

export class AccountsService {
  constructor(private readonly deps: AccountsDeps) {}

  async signup(input: SignupBody, client: ClientInfo): Promise<{ user: User } & IssuedTokens> {
    const { db, hasher, sessions, recovery } = this.deps;
    const email = normaliseEmail(input.email);
    const nickname = normaliseNickname(input.nickname);
    const problems = [...passwordProblems(input.password), ...nicknameProblems(nickname)];
    if (problems.some((p) => p.path === '/password')) throw accountErrors.weakPassword(problems);
    if (problems.length > 0) throw accountErrors.invalidNickname(problems);
    const passwordHash = await hasher.hash(input.password);
    try {
      const created = await db.transaction(async (tx) => {
        const row = await usersRepository.insert(tx, { id: newId(), email, nickname, passwordHash });
        await recovery.sendVerification(tx, row);
        const opened = await sessions.open(tx, row.id, client);
        return { row, opened };
      });
      recovery.deliverSoon();
      return {
        user: toUser(created.row, [], this.deps.cipher),
        ...created.opened,
        accessToken: await sessions.accessTokenFor(created.row.id, created.opened.sessionId),
      };
    } catch (error) {
      throw conflictFromConstraint(error) ?? error;
    }
  }

  async login(emailInput: string, password: string, client: ClientInfo): Promise<{ user: User } & IssuedTokens> {
    const { db, clock, hasher, sessions, loginLockThreshold } = this.deps;
    const user = await usersRepository.findLiveByEmail(db, normaliseEmail(emailInput));
    const now = clock.now();
    if (user?.loginLockedUntil && user.loginLockedUntil > now) {
      throw accountErrors.loginLocked((user.loginLockedUntil.getTime() - now.getTime()) / 1000);
    }
    const valid = await hasher.verify(user?.passwordHash, password);
    if (!user || !valid) {
      if (user) {
        await usersRepository.recordLoginFailure(db, user.id, (count) => {
          const seconds = loginLockSeconds(count, loginLockThreshold);
          return seconds > 0 ? new Date(clock.now().getTime() + seconds * 1000) : null;
        });
      }
      throw accountErrors.invalidCredentials();
    }
    await usersRepository.clearLoginFailures(db, user.id);
    if (user.passwordHash && hasher.needsRehash(user.passwordHash)) {
      await usersRepository.update(db, user.id, { passwordHash: await hasher.hash(password) });
    }
    const issued = await sessions.start(user.id, client);
    return { user: await this.view(user), ...issued };
  }

  /** The hottest read: served from memory until the user changes (see userViews). */
  async me(userId: string): Promise<User> {
    return this.deps.userViews.get(userId, async () => {
      const found = await usersRepository.findLiveWithProviders(this.deps.db, userId);
      if (!found) throw accountErrors.userNotFound();
      return toUser(found.user, found.providers, this.deps.cipher);
    });
  }

  async updateProfile(userId: string, patch: UpdateProfileBody): Promise<User> {
    const changes: Parameters<typeof usersRepository.update>[2] = {};
    if (patch.nickname !== undefined) {
      const nickname = normaliseNickname(patch.nickname);
      const problems = nicknameProblems(nickname);
      if (problems.length > 0) throw accountErrors.invalidNickname(problems);
      changes.nickname = nickname;
    }
    if (patch.introduction !== undefined) changes.introduction = patch.introduction.trim();
    if (patch.phone !== undefined) {
      if (patch.phone === null || patch.phone.trim() === '') changes.phoneEncrypted = null;
      else {
        const digits = normalisePhone(patch.phone);
        if (!digits) throw accountErrors.invalidPhone();
        changes.phoneEncrypted = this.deps.cipher.encrypt(digits);
      }
    }
    try {
      const row = Object.keys(changes).length > 0 ? await usersRepository.update(this.deps.db, userId, changes) : await this.liveUser(userId);
      if (!row) throw accountErrors.userNotFound();
      await this.deps.userViews.forget(userId);
      return this.view(row);
    } catch (error) {
      throw conflictFromConstraint(error) ?? error;
    }
  }

  /** Changing the password ends every other session: whoever else held one is out. */
  async changePassword(userId: string, sessionId: string, currentPassword: string, newPassword: string) {
    const { db, hasher, sessions } = this.deps;
    const user = await this.liveUser(userId);
    if (!user.passwordHash) throw accountErrors.noPassword();
    if (!(await hasher.verify(user.passwordHash, currentPassword))) throw accountErrors.wrongPassword();
    const problems = passwordProblems(newPassword, '/newPassword');
    if (problems.length > 0) throw accountErrors.weakPassword(problems);
    if (currentPassword === newPassword) throw accountErrors.samePassword();
    const passwordHash = await hasher.hash(newPassword);
    await db.transaction(async (tx) => {
      await usersRepository.update(tx, userId, { passwordHash });
      await sessions.revokeAll(tx, userId, 'password_changed', sessionId);
    });
    await sessions.forgetCachedUser(userId);
    await this.deps.userViews.forget(userId);
  }

  async deleteAccount(userId: string, password: string | undefined) {
    const { db, hasher, sessions, clock } = this.deps;
    const user = await this.liveUser(userId);
    if (user.passwordHash) {
      if (!password) throw accountErrors.passwordRequired();
      if (!(await hasher.verify(user.passwordHash, password))) throw accountErrors.wrongPassword();
    }
    await db.transaction(async (tx) => {
      await usersRepository.softDelete(tx, userId, clock.now());
      await sessions.revokeAll(tx, userId, 'account_deleted');
      for (const erase of this.deps.erasers ?? []) await erase(tx, userId);
    });
    await sessions.forgetCachedUser(userId);
    await this.deps.userViews.forget(userId);
  }

  async publicProfile(userId: string): Promise<PublicProfile> {
    const row = await usersRepository.findById(this.deps.db, userId);
    if (!row) throw accountErrors.userNotFound();
    return toPublicProfile(row, null);
  }

  /** Bootstrap and operations (`npm run admin`): create a verified account with roles. */
  async createWithRoles(input: SignupBody, roles: Role[]): Promise<User> {
    const email = normaliseEmail(input.email);
    const nickname = normaliseNickname(input.nickname);
    const problems = [...passwordProblems(input.password), ...nicknameProblems(nickname)];
    if (problems.length > 0) throw accountErrors.weakPassword(problems);
    const passwordHash = await this.deps.hasher.hash(input.password);
    try {
      const row = await usersRepository.insert(this.deps.db, {
        id: newId(),
        email,
        nickname,
        passwordHash,
        emailVerifiedAt: this.deps.clock.now(),
        roles: [...new Set<Role>(['user', ...roles])],
      });
      return this.view(row);
    } catch (error) {
      throw conflictFromConstraint(error) ?? error;
    }
  }

  async grantRole(email: string, role: Role): Promise<User> {
    const user = await usersRepository.findLiveByEmail(this.deps.db, normaliseEmail(email));
    if (!user) throw accountErrors.userNotFound();
    const row = await usersRepository.update(this.deps.db, user.id, { roles: [...new Set([...(user.roles as Role[]), role])] });
    await this.deps.sessions.forgetCachedUser(user.id);
    await this.deps.userViews.forget(user.id);
    return this.view(row ?? user);
  }

  async listForAdmin(query: AdminUserQuery) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await adminUsersRepository.list(this.deps.db, { limit, after: decodeCursor(query.cursor), q: query.q });
    return pageOf(rows, limit, (row) => ({ at: row.createdAt.toISOString(), id: row.id }), toAdminUser);
  }

  async countUsers(ex: Executor = this.deps.db): Promise<number> {
    return usersRepository.count(ex);
  }

  private async liveUser(userId: string): Promise<UserRow> {
    const user = await usersRepository.findLiveById(this.deps.db, userId);
    if (!user) throw accountErrors.userNotFound();
    return user;
  }

  private async view(row: UserRow): Promise<User> {
    return toUser(row, await usersRepository.providersOf(this.deps.db, row.id), this.deps.cipher);
  }
}
