import type {
  AuthProviders,
  AuthResult,
  ChangePasswordBody,
  LoginBody,
  OAuthLinkConfirmBody,
  PasswordResetConfirmBody,
  Session,
  SignupBody,
  UpdateProfileBody,
  User,
} from '@dongne/contracts';
import { api } from '../../../lib/api';

/** Typed calls to the accounts endpoints (apps/api/src/modules/accounts/*.routes.ts). */
export const accountsApi = {
  signup: (body: SignupBody) => api.request<AuthResult>('/api/auth/signup', { method: 'POST', body, auth: false }),
  login: (body: LoginBody) => api.request<AuthResult>('/api/auth/login', { method: 'POST', body, auth: false }),
  providers: (signal?: AbortSignal) => api.request<AuthProviders>('/api/auth/providers', { auth: false, signal }),
  confirmOAuthLink: (body: OAuthLinkConfirmBody) =>
    api.request<AuthResult>('/api/auth/oauth/link/confirm', { method: 'POST', body, auth: false }),
  requestPasswordReset: (email: string) =>
    api.request<void>('/api/auth/password-reset', { method: 'POST', body: { email }, auth: false }),
  confirmPasswordReset: (body: PasswordResetConfirmBody) =>
    api.request<void>('/api/auth/password-reset/confirm', { method: 'POST', body, auth: false }),
  verifyEmail: (token: string) =>
    api.request<void>('/api/auth/verify-email', { method: 'POST', body: { token }, auth: false }),

  updateProfile: (body: UpdateProfileBody) => api.request<User>('/api/me', { method: 'PATCH', body }),
  changePassword: (body: ChangePasswordBody) => api.request<void>('/api/me/password', { method: 'POST', body }),
  resendVerification: () => api.request<void>('/api/me/email-verification', { method: 'POST' }),
  sessions: (signal?: AbortSignal) => api.request<{ items: Session[] }>('/api/me/sessions', { signal }),
  revokeSession: (sessionId: string) =>
    api.request<void>(`/api/me/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' }),
  logoutEverywhere: () =>
    api.request<void>('/api/me/sessions/logout-everywhere', { method: 'POST', body: { includeCurrent: true } }),
  deleteAccount: (password: string | undefined) =>
    api.request<void>('/api/me', { method: 'DELETE', body: password === undefined ? {} : { password } }),
};
