import type { User } from '@dongne/contracts';
import type { Clock } from '../../platform/clock';
import { hashToken, randomToken } from '../../platform/crypto';
import type { Database, Executor } from '../../platform/db';
import type { Mailer } from '../../platform/mail';
import type { SharedCache } from '../../platform/shared-cache';
import { normaliseEmail, passwordProblems } from './account-rules';
import { accountErrors } from './accounts.errors';
import { accountTokensRepository, usersRepository, type AccountTokenPurpose, type UserRow } from './accounts.repository';
import type { PasswordHasher } from './passwords.service';
import type { SessionsService } from './sessions.service';

const MINUTE_MS = 60_000;
export const RESET_TOKEN_TTL_MS = 30 * MINUTE_MS;
export const VERIFICATION_TOKEN_TTL_MS = 24 * 60 * MINUTE_MS;

export interface RecoveryDeps {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  hasher: PasswordHasher;
  sessions: SessionsService;
  userViews: SharedCache<User>;
  publicUrl: string;
}

/** Password reset and e-mail verification: single-use, expiring links sent by e-mail. */
export class RecoveryService {
  constructor(private readonly deps: RecoveryDeps) {}

  deliverSoon() {
    this.deps.mailer.kick();
  }

  /** Always succeeds from the caller's point of view: whether the address exists is not revealed. */
  async requestPasswordReset(emailInput: string): Promise<void> {
    const { db } = this.deps;
    const user = await usersRepository.findLiveByEmail(db, normaliseEmail(emailInput));
    if (!user?.email) return;
    const email = user.email;
    await db.transaction(async (tx) => {
      const token = await this.issue(tx, user, 'password_reset', RESET_TOKEN_TTL_MS);
      const link = `${this.deps.publicUrl}/password-reset/confirm?token=${encodeURIComponent(token)}`;
      await this.deps.mailer.enqueue(tx, {
        to: email,
        template: 'password_reset',
        subject: '[동네] 비밀번호 재설정 안내',
        text: [
          `${user.nickname ?? ''}님, 안녕하세요.`,
          '',
          '아래 링크에서 새 비밀번호를 설정해 주세요. 링크는 30분 동안 한 번만 쓸 수 있어요.',
          link,
          '',
          '요청하지 않았다면 이 메일을 무시하셔도 돼요. 비밀번호는 바뀌지 않아요.',
        ].join('\n'),
      });
    });
    this.deliverSoon();
  }

  /** Sets the new password, ends every session (whoever had one is out) and lifts a login lock. */
  async confirmPasswordReset(token: string, newPassword: string): Promise<void> {
    const { db, hasher, sessions, clock } = this.deps;
    const problems = passwordProblems(newPassword, '/newPassword');
    if (problems.length > 0) throw accountErrors.weakPassword(problems);
    const passwordHash = await hasher.hash(newPassword);
    const userId = await db.transaction(async (tx) => {
      const spent = await this.spend(tx, token, 'password_reset');
      await usersRepository.update(tx, spent.userId, {
        passwordHash,
        failedLoginCount: 0,
        loginLockedUntil: null,
      });
      // Following the link proved the mailbox is theirs.
      const user = await usersRepository.findLiveById(tx, spent.userId);
      if (user && !user.emailVerifiedAt && user.email === spent.email) {
        await usersRepository.update(tx, spent.userId, { emailVerifiedAt: clock.now() });
      }
      await sessions.revokeAll(tx, spent.userId, 'password_reset');
      return spent.userId;
    });
    await sessions.forgetCachedUser(userId);
    await this.deps.userViews.forget(userId);
  }

  /** Enqueues a verification mail inside the caller's transaction. */
  async sendVerification(ex: Executor, user: UserRow): Promise<void> {
    if (!user.email) throw accountErrors.noEmail();
    const token = await this.issue(ex, user, 'email_verification', VERIFICATION_TOKEN_TTL_MS);
    const link = `${this.deps.publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
    await this.deps.mailer.enqueue(ex, {
      to: user.email,
      template: 'email_verification',
      subject: '[동네] 이메일 주소를 인증해 주세요',
      text: [
        `${user.nickname ?? ''}님, 동네에 오신 것을 환영해요!`,
        '',
        '아래 링크를 눌러 이메일 주소를 인증해 주세요. 링크는 24시간 동안 쓸 수 있어요.',
        link,
      ].join('\n'),
    });
  }

  async resendVerification(userId: string): Promise<void> {
    const { db } = this.deps;
    const user = await usersRepository.findLiveById(db, userId);
    if (!user) throw accountErrors.userNotFound();
    if (user.emailVerifiedAt) throw accountErrors.alreadyVerified();
    await db.transaction((tx) => this.sendVerification(tx, user));
    this.deliverSoon();
  }

  async verifyEmail(token: string): Promise<void> {
    const { db, clock } = this.deps;
    const userId = await db.transaction(async (tx) => {
      const spent = await this.spend(tx, token, 'email_verification');
      const user = await usersRepository.findLiveById(tx, spent.userId);
      // The address changed since the mail was sent: the token proves the old one only.
      if (!user || user.email !== spent.email) throw accountErrors.tokenInvalid('email_verification');
      if (!user.emailVerifiedAt) await usersRepository.update(tx, user.id, { emailVerifiedAt: clock.now() });
      return user.id;
    });
    await this.deps.userViews.forget(userId);
  }

  private async issue(ex: Executor, user: UserRow, purpose: AccountTokenPurpose, ttlMs: number): Promise<string> {
    const now = this.deps.clock.now();
    await accountTokensRepository.retireUnused(ex, user.id, purpose, now);
    const token = randomToken(32);
    await accountTokensRepository.insert(ex, {
      tokenHash: hashToken(token),
      userId: user.id,
      purpose,
      email: user.email as string,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlMs),
    });
    return token;
  }

  private async spend(ex: Executor, token: string, purpose: AccountTokenPurpose) {
    const tokenHash = hashToken(token);
    const spent = await accountTokensRepository.spend(ex, tokenHash, purpose, this.deps.clock.now());
    if (spent) return spent;
    const known = await accountTokensRepository.find(ex, tokenHash, purpose);
    if (known && !known.usedAt) throw accountErrors.tokenExpired(purpose);
    throw accountErrors.tokenInvalid(purpose);
  }
}
