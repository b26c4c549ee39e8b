import type { RefreshResult } from '@dongne/contracts';
import { ApiError, apiErrorFromResponse, NETWORK_ERROR_CODE } from './api-error';
import { jwtExpiresAt } from './jwt';
import type { SessionStore } from './session-store';
import { singleFlight } from './single-flight';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** Serialised as JSON. */
  body?: unknown;
  /** Send the bearer token and refresh on 401 (default true). Login and signup turn it off. */
  auth?: boolean;
  signal?: AbortSignal;
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface ApiClientOptions {
  session: SessionStore;
  fetch: typeof fetch;
  timers?: Timers;
  now?: () => number;
  /**
   * Runs the refresh call under a lock shared by every tab: refresh tokens rotate and a reused
   * one revokes the whole session, so two tabs must never present the same cookie at once.
   */
  withRefreshLock?: <T>(task: () => Promise<T>) => Promise<T>;
  /** Told when a refresh fails and the session ends without the user asking. */
  onSessionExpired?: () => void;
}

export const REFRESH_PATH = '/api/auth/refresh';
export const LOGOUT_PATH = '/api/auth/logout';
/** Refresh this long before the access token expires (or at half its life, if that is sooner). */
const REFRESH_LEAD_MS = 30_000;

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * The typed fetch client. Requests carry the in-memory access token; a 401 triggers one shared
 * refresh (through the HttpOnly cookie) after which the request is retried exactly once.
 */
export function createApiClient(options: ApiClientOptions) {
  const { session } = options;
  const timers: Timers = options.timers ?? {
    set: (callback, ms) => setTimeout(callback, ms),
    clear: (handle) => clearTimeout(handle as number),
  };
  const now = options.now ?? Date.now;
  const withRefreshLock = options.withRefreshLock ?? ((task) => task());
  let refreshTimer: unknown;

  const send = async (path: string, request: RequestOptions, token: string | null): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await options.fetch(path, {
        method: request.method ?? 'GET',
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        credentials: 'same-origin',
        signal: request.signal,
      });
    } catch (cause) {
      if (request.signal?.aborted) throw cause;
      throw new ApiError(0, NETWORK_ERROR_CODE, { cause });
    }
  };

  function cancelScheduledRefresh() {
    if (refreshTimer !== undefined) timers.clear(refreshTimer);
    refreshTimer = undefined;
  }

  function scheduleRefresh(token: string) {
    cancelScheduledRefresh();
    const expiresAt = jwtExpiresAt(token);
    if (expiresAt === undefined) return;
    const remaining = expiresAt - now();
    const delay = Math.max(0, remaining - Math.min(REFRESH_LEAD_MS, remaining / 2));
    refreshTimer = timers.set(() => {
      refreshTimer = undefined;
      void refresh.run();
    }, delay);
  }

  /** Adopts a new access token (after login, signup or refresh) and plans its renewal. */
  function startSession(accessToken: string) {
    session.signIn(accessToken);
    scheduleRefresh(accessToken);
  }

  function endSession() {
    cancelScheduledRefresh();
    session.signOut();
  }

  /** One refresh at a time; resolves with the new token, or null once the session has ended. */
  const refresh = singleFlight(async (): Promise<string | null> => {
    const wasSignedIn = session.get().status === 'signedIn';
    try {
      const response = await withRefreshLock(() => send(REFRESH_PATH, { method: 'POST', auth: false }, null));
      if (response.ok) {
        const { accessToken } = (await response.json()) as RefreshResult;
        startSession(accessToken);
        return accessToken;
      }
    } catch {
      // Offline or aborted: the session cannot be confirmed, so it ends like a refused refresh.
    }
    endSession();
    if (wasSignedIn) options.onSessionExpired?.();
    return null;
  });

  async function request<T>(path: string, init: RequestOptions = {}): Promise<T> {
    const auth = init.auth !== false;
    // A refresh under way (including the silent one at start-up) decides which token to send.
    if (auth) await refresh.pending();
    const sent = auth ? session.get().accessToken : null;
    let response = await send(path, init, sent);
    if (response.status === 401 && auth && sent) {
      const current = session.get();
      // Another request may already have refreshed (use its token) or ended the session (give up).
      const retryToken =
        current.accessToken && current.accessToken !== sent
          ? current.accessToken
          : current.status === 'signedIn'
            ? await refresh.run()
            : null;
      if (retryToken) response = await send(path, init, retryToken);
    }
    if (!response.ok) throw await apiErrorFromResponse(response);
    if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** On start-up: restore the session from the refresh cookie, silently. */
  const restoreSession = () => refresh.run();

  /** Ends the session on the server (best effort) and in this tab. */
  async function logout() {
    const token = session.get().accessToken;
    cancelScheduledRefresh();
    try {
      await send(LOGOUT_PATH, { method: 'POST' }, token);
    } catch {
      // Offline: the tokens expire on their own; this tab forgets them now.
    }
    endSession();
  }

  return { request, startSession, endSession, restoreSession, logout, refresh: () => refresh.run() };
}
