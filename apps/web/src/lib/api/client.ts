import { createApiClient } from './http-client';
import { SessionStore } from './session-store';
import { sessionHint } from './session-hint';

/** This tab's session and the one API client every feature uses. */
export const sessionStore = new SessionStore();

const sessionExpiredListeners = new Set<() => void>();
/** Subscribe to sessions that end without the user asking (refresh refused): e.g. to tell them. */
export function onSessionExpired(listener: () => void): () => void {
  sessionExpiredListeners.add(listener);
  return () => sessionExpiredListeners.delete(listener);
}

export const api = createApiClient({
  session: sessionStore,
  fetch: (input, init) => window.fetch(input, init),
  withRefreshLock: async (task) =>
    typeof navigator !== 'undefined' && navigator.locks
      ? ((await navigator.locks.request('dongne-auth-refresh', task)) as Awaited<ReturnType<typeof task>>)
      : task(),
  onSessionExpired: () => sessionExpiredListeners.forEach((listener) => listener()),
});

// Remember across reloads whether a refresh cookie may exist (see session-hint.ts).
sessionStore.subscribe(() => {
  const { status } = sessionStore.get();
  if (status !== 'restoring') sessionHint.set(status === 'signedIn');
});

/**
 * On start-up: restore the session from the refresh cookie, silently, when there may be one.
 * Coming back from an OAuth provider (#oauth=…) there is one even if this browser never had a session.
 */
export function restoreSessionOnStart() {
  const fromOAuth = /(?:^#|&)oauth=/.test(window.location.hash);
  if (fromOAuth || sessionHint.present()) return api.restoreSession();
  api.endSession();
  return Promise.resolve(null);
}
