import type { AdminUser, PublicProfile, Session, User } from '@dongne/contracts';
import type { FieldCipher } from '../../platform/crypto';
import { DELETED_USER_NICKNAME, formatPhone, maskIp } from './account-rules';
import type { SessionRow, UserRow } from './accounts.repository';

type Role = User['roles'][number];
type Provider = User['linkedProviders'][number];

/** The owner's view. An allow-list: a new column never leaks by accident. */
export function toUser(row: UserRow, providers: Provider[], cipher: FieldCipher): User {
  return {
    id: row.id,
    email: row.email,
    emailVerified: row.emailVerifiedAt !== null,
    nickname: row.nickname ?? DELETED_USER_NICKNAME,
    introduction: row.introduction,
    phone: row.phoneEncrypted ? formatPhone(cipher.decrypt(row.phoneEncrypted)) : null,
    avatarMediaId: row.avatarMediaId,
    roles: row.roles as Role[],
    hasPassword: row.passwordHash !== null,
    linkedProviders: providers,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toPublicProfile(row: UserRow, trustScore: number | null): PublicProfile {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    nickname: deleted ? DELETED_USER_NICKNAME : (row.nickname ?? DELETED_USER_NICKNAME),
    introduction: deleted ? '' : row.introduction,
    avatarMediaId: deleted ? null : row.avatarMediaId,
    deleted,
    trustScore,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toSession(row: SessionRow, currentSessionId: string): Session {
  return {
    id: row.id,
    current: row.id === currentSessionId,
    userAgent: row.userAgent,
    ip: maskIp(row.ip),
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt.toISOString(),
  };
}

export function toAdminUser(row: UserRow): AdminUser {
  return {
    id: row.id,
    email: row.email,
    nickname: row.nickname ?? DELETED_USER_NICKNAME,
    roles: row.roles as Role[],
    emailVerified: row.emailVerifiedAt !== null,
    deleted: row.deletedAt !== null,
    loginLockedUntil: row.loginLockedUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
