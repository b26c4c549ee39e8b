/** Every TanStack Query key in one place, so invalidation never misses a spelling. */
export const queryKeys = {
  appInfo: ['app-info'] as const,
  authProviders: ['auth', 'providers'] as const,
  me: ['me'] as const,
  mySessions: ['me', 'sessions'] as const,
  emailVerification: (token: string) => ['email-verification', token] as const,
};
