import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common';

export const Role = Type.Union([Type.Literal('user'), Type.Literal('tutor'), Type.Literal('admin')]);
export type Role = Static<typeof Role>;

export const OAuthProviderName = Type.Union([Type.Literal('kakao'), Type.Literal('naver'), Type.Literal('google')]);
export type OAuthProviderName = Static<typeof OAuthProviderName>;

/** The signed-in user's own view of their account. */
export const User = Type.Object(
  {
    id: Uuid,
    email: Type.Union([Type.String(), Type.Null()]),
    emailVerified: Type.Boolean(),
    nickname: Type.String(),
    introduction: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()]),
    avatarMediaId: Type.Union([Uuid, Type.Null()]),
    roles: Type.Array(Role),
    hasPassword: Type.Boolean(),
    linkedProviders: Type.Array(OAuthProviderName),
    createdAt: IsoDateTime,
  },
  { title: 'User' },
);
export type User = Static<typeof User>;

/** What anyone signed in may see of another user. */
export const PublicProfile = Type.Object(
  {
    id: Uuid,
    nickname: Type.String(),
    introduction: Type.String(),
    avatarMediaId: Type.Union([Uuid, Type.Null()]),
    deleted: Type.Boolean(),
    trustScore: Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()]),
    createdAt: IsoDateTime,
  },
  { title: 'PublicProfile' },
);
export type PublicProfile = Static<typeof PublicProfile>;

const Email = Type.String({ format: 'email', maxLength: 254 });
/** Length and character rules are business rules (422); the schema only bounds the size. */
const Password = Type.String({ minLength: 1, maxLength: 256 });
const Nickname = Type.String({ minLength: 1, maxLength: 64 });

export const SignupBody = Type.Object({ email: Email, password: Password, nickname: Nickname }, { additionalProperties: false });
export type SignupBody = Static<typeof SignupBody>;

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

export const AuthResult = Type.Object({ user: User, accessToken: Type.String() });
export type AuthResult = Static<typeof AuthResult>;

export const RefreshResult = Type.Object({ accessToken: Type.String() });
export type RefreshResult = Static<typeof RefreshResult>;

export const UpdateProfileBody = Type.Object(
  {
    nickname: Type.Optional(Nickname),
    introduction: Type.Optional(Type.String({ maxLength: 500 })),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    avatarMediaId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateProfileBody = Static<typeof UpdateProfileBody>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const DeleteAccountBody = Type.Object({ password: Type.Optional(Password) }, { additionalProperties: false });
export type DeleteAccountBody = Static<typeof DeleteAccountBody>;

export const PasswordResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false });
export const PasswordResetConfirmBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password },
  { additionalProperties: false },
);
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBody>;

export const VerifyEmailBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const Session = Type.Object(
  {
    id: Uuid,
    current: Type.Boolean(),
    userAgent: Type.Union([Type.String(), Type.Null()]),
    ip: Type.Union([Type.String(), Type.Null()]),
    createdAt: IsoDateTime,
    lastUsedAt: IsoDateTime,
  },
  { title: 'Session' },
);
export type Session = Static<typeof Session>;

export const SessionList = Type.Object({ items: Type.Array(Session) });

export const LogoutEverywhereBody = Type.Object(
  { includeCurrent: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);

export const AuthProviders = Type.Object({
  password: Type.Boolean(),
  providers: Type.Array(Type.Object({ name: OAuthProviderName, startUrl: Type.String() })),
});
export type AuthProviders = Static<typeof AuthProviders>;

export const OAuthLinkStartResult = Type.Object({ authorizationUrl: Type.String() });
export const OAuthLinkConfirmBody = Type.Object(
  { ticket: Type.String({ minLength: 1, maxLength: 200 }), password: Password },
  { additionalProperties: false },
);
export type OAuthLinkStartResult = Static<typeof OAuthLinkStartResult>;
export type OAuthLinkConfirmBody = Static<typeof OAuthLinkConfirmBody>;

/** Where to come back to after the provider: a same-site path (anything else becomes `/`). */
export const OAuthStartQuery = Type.Object({ returnTo: Type.Optional(Type.String()) });
export type OAuthStartQuery = Static<typeof OAuthStartQuery>;
/** What a provider sends back to the callback; any other parameter is ignored. */
export const OAuthCallbackQuery = Type.Object({
  code: Type.Optional(Type.String()),
  state: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
  error_description: Type.Optional(Type.String()),
});
export type OAuthCallbackQuery = Static<typeof OAuthCallbackQuery>;
