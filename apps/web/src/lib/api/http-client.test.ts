import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
import { createApiClient, type Timers } from './http-client';
import { SessionStore } from './session-store';

/** A JWT-shaped token whose payload says when it expires (the client never checks signatures). */
function tokenExpiringAt(name: string, expiresAtMs: number) {
  const payload = Buffer.from(JSON.stringify({ sub: name, exp: Math.floor(expiresAtMs / 1000) })).toString('base64url');
  return `header.${payload}.signature`;
}

const NOW = Date.UTC(2025, 2, 5, 12, 0, 0);
const OLD = tokenExpiringAt('old', NOW + 60_000);
const NEW = tokenExpiringAt('new', NOW + 15 * 60_000);

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, code }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

/** A fake server: `/api/auth/refresh` answers after `refreshGate`; other paths accept only `validToken`. */
function fakeServer(options: { refreshSucceeds: boolean; validToken: string }) {
  let releaseRefresh!: () => void;
  const refreshGate = new Promise<void>((resolve) => (releaseRefresh = resolve));
  const calls: { path: string; token: string | undefined }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const token = headers.authorization?.replace(/^Bearer /, '');
    calls.push({ path, token });
    if (path === '/api/auth/refresh') {
      await refreshGate;
      return options.refreshSucceeds ? json(200, { accessToken: NEW }) : problem(401, 'auth.invalid_refresh_token');
    }
    if (path === '/api/auth/logout') return new Response(null, { status: 204 });
    return token === options.validToken ? json(200, { path }) : problem(401, 'auth.unauthenticated');
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls, releaseRefresh };
}

function fakeTimers() {
  const planned: { callback: () => void; ms: number; cleared: boolean }[] = [];
  const timers: Timers = {
    set: (callback, ms) => {
      const entry = { callback, ms, cleared: false };
      planned.push(entry);
      return entry;
    },
    clear: (handle) => {
      (handle as { cleared: boolean }).cleared = true;
    },
  };
  const active = () => planned.filter((entry) => !entry.cleared);
  /** Fires the next pending timer as the browser would (a fired timer is no longer pending). */
  const fireNext = () => {
    const next = active()[0];
    if (!next) throw new Error('no timer planned');
    next.cleared = true;
    next.callback();
  };
  return { timers, planned, active, fireNext };
}

function setup(options: { refreshSucceeds: boolean }) {
  const server = fakeServer({ refreshSucceeds: options.refreshSucceeds, validToken: NEW });
  const session = new SessionStore();
  const expired = vi.fn();
  const clock = fakeTimers();
  const client = createApiClient({
    session,
    fetch: server.fetch,
    timers: clock.timers,
    now: () => NOW,
    onSessionExpired: expired,
  });
  client.startSession(OLD);
  return { server, session, client, expired, clock };
}

describe('refresh coordination', () => {
  it('answers N concurrent 401s with one refresh, then retries each request once with the new token', async () => {
    const { server, session, client } = setup({ refreshSucceeds: true });
    const paths = ['/api/a', '/api/b', '/api/c', '/api/d', '/api/e'];
    const results = Promise.all(paths.map((path) => client.request<{ path: string }>(path)));
    await vi.waitFor(() => expect(server.calls.filter((call) => call.path === '/api/auth/refresh')).toHaveLength(1));
    server.releaseRefresh();

    expect(await results).toEqual(paths.map((path) => ({ path })));
    expect(server.calls.filter((call) => call.path === '/api/auth/refresh')).toHaveLength(1);
    for (const path of paths) {
      expect(server.calls.filter((call) => call.path === path).map((call) => call.token)).toEqual([OLD, NEW]);
    }
    expect(session.get()).toEqual({ status: 'signedIn', accessToken: NEW });
  });

  it('makes requests started during a refresh wait for it instead of sending the stale token', async () => {
    const { server, client } = setup({ refreshSucceeds: true });
    const refreshing = client.refresh();
    const late = client.request('/api/late');
    server.releaseRefresh();
    await refreshing;
    await late;
    expect(server.calls.filter((call) => call.path === '/api/late').map((call) => call.token)).toEqual([NEW]);
  });

  it('logs out cleanly when the refresh fails: every waiting request gets the 401, nothing is retried', async () => {
    const { server, session, client, expired, clock } = setup({ refreshSucceeds: false });
    const results = Promise.allSettled(['/api/a', '/api/b', '/api/c'].map((path) => client.request(path)));
    await vi.waitFor(() => expect(server.calls.some((call) => call.path === '/api/auth/refresh')).toBe(true));
    server.releaseRefresh();

    for (const result of await results) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(401);
    }
    expect(server.calls.filter((call) => call.path === '/api/auth/refresh')).toHaveLength(1);
    expect(server.calls.filter((call) => call.path !== '/api/auth/refresh')).toHaveLength(3);
    expect(session.get()).toEqual({ status: 'signedOut', accessToken: null });
    expect(expired).toHaveBeenCalledTimes(1);
    expect(clock.active()).toHaveLength(0);
  });

  it('retries only once: a second 401 after a successful refresh is the answer', async () => {
    const server = fakeServer({ refreshSucceeds: true, validToken: 'nobody' });
    server.releaseRefresh();
    const session = new SessionStore();
    const client = createApiClient({ session, fetch: server.fetch, timers: fakeTimers().timers, now: () => NOW });
    client.startSession(OLD);
    await expect(client.request('/api/a')).rejects.toMatchObject({ status: 401 });
    expect(server.calls.map((call) => call.path)).toEqual(['/api/a', '/api/auth/refresh', '/api/a']);
  });

  it('does not refresh for requests made without a session', async () => {
    const server = fakeServer({ refreshSucceeds: true, validToken: NEW });
    const session = new SessionStore();
    session.signOut();
    const client = createApiClient({ session, fetch: server.fetch, timers: fakeTimers().timers, now: () => NOW });
    await expect(client.request('/api/a')).rejects.toMatchObject({ status: 401 });
    expect(server.calls.map((call) => call.path)).toEqual(['/api/a']);
  });
});

describe('proactive refresh', () => {
  it('plans the refresh shortly before the access token expires, and re-plans for the new token', async () => {
    const { server, clock } = setup({ refreshSucceeds: true });
    // OLD lives 60 s: refresh at half its life (30 s), at most 30 s before expiry.
    expect(clock.active().map((timer) => timer.ms)).toEqual([30_000]);
    server.releaseRefresh();
    clock.fireNext();
    await vi.waitFor(() => expect(clock.active().map((timer) => timer.ms)).toEqual([15 * 60_000 - 30_000]));
    expect(server.calls.map((call) => call.path)).toEqual(['/api/auth/refresh']);
  });

  it('restores a session silently from the cookie, or settles on signed out', async () => {
    const server = fakeServer({ refreshSucceeds: false, validToken: NEW });
    server.releaseRefresh();
    const session = new SessionStore();
    const expired = vi.fn();
    const client = createApiClient({
      session,
      fetch: server.fetch,
      timers: fakeTimers().timers,
      now: () => NOW,
      onSessionExpired: expired,
    });
    expect(session.get().status).toBe('restoring');
    expect(await client.restoreSession()).toBeNull();
    expect(session.get().status).toBe('signedOut');
    // Nobody was signed in, so nobody is told their session expired.
    expect(expired).not.toHaveBeenCalled();
  });
});

describe('errors and logout', () => {
  it('throws a typed ApiError with the problem+json code and field errors', async () => {
    const fetch = vi.fn(async () =>
      json(409, {
        type: 't',
        title: 'Conflict',
        status: 409,
        code: 'account.email_taken',
        errors: [{ path: '/email', message: 'x' }],
      }),
    );
    const client = createApiClient({ session: new SessionStore(), fetch: fetch as unknown as typeof globalThis.fetch });
    const error = await client
      .request('/api/auth/signup', { method: 'POST', body: {}, auth: false })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'account.email_taken',
      errors: [{ path: '/email', message: 'x' }],
    });
  });

  it('turns a network failure into ApiError status 0', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const client = createApiClient({ session: new SessionStore(), fetch: fetch as unknown as typeof globalThis.fetch });
    await expect(client.request('/api/x', { auth: false })).rejects.toMatchObject({
      status: 0,
      code: 'network.unreachable',
    });
  });

  it('logs out on the server with the bearer token and forgets the token and its refresh timer', async () => {
    const { server, session, client, clock } = setup({ refreshSucceeds: true });
    await client.logout();
    expect(server.calls).toEqual([{ path: '/api/auth/logout', token: OLD }]);
    expect(session.get()).toEqual({ status: 'signedOut', accessToken: null });
    expect(clock.active()).toHaveLength(0);
  });
});
