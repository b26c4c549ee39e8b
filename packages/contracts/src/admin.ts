import { Type, type Static } from 'typebox';
import { Role } from './accounts';
import { IsoDateTime, Page, Uuid } from './common';

export const AdminUser = Type.Object(
  {
    id: Uuid,
    email: Type.Union([Type.String(), Type.Null()]),
    nickname: Type.String(),
    roles: Type.Array(Role),
    emailVerified: Type.Boolean(),
    deleted: Type.Boolean(),
    loginLockedUntil: Type.Union([IsoDateTime, Type.Null()]),
    createdAt: IsoDateTime,
  },
  { title: 'AdminUser' },
);
export type AdminUser = Static<typeof AdminUser>;

export const AdminUserQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
});
export type AdminUserQuery = Static<typeof AdminUserQuery>;

export const AdminUserPage = Page(AdminUser);
