import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, createUser, refreshCookieOf, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const me = (accessToken: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(accessToken) });
const refresh = (cookie: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: cookie ? { dongne_refresh: cookie } : {} });

function base64url(value: object) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('access tokens', () => {
  it('refuses requests without a token, with a malformed header, or with garbage (401)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    expect((await me('not-a-jwt')).statusCode).toBe(401);
  });

  it('refuses a token whose payload was tampered with', async () => {
    const user = await createUser(t.app);
    const other = await createUser(t.app);
    const [header, payload, signature] = user.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = `${header}.${base64url({ ...claims, sub: other.user.id })}.${signature}`;
    const response = await me(forged);
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('auth.invalid_token');
  });

  it('refuses alg: none', async () => {
    const user = await createUser(t.app);
    const claims = JSON.parse(Buffer.from(user.accessToken.split('.')[1]!, 'base64url').toString());
    const unsigned = `${base64url({ alg: 'none', typ: 'at+jwt' })}.${base64url(claims)}.`;
    expect((await me(unsigned)).statusCode).toBe(401);
  });

  it('refuses an expired token with a distinct code', async () => {
    const user = await createUser(t.app);
    const claims = JSON.parse(Buffer.from(user.accessToken.split('.')[1]!, 'base64url').toString());
    const key = new TextEncoder().encode(t.config.auth.jwtSecret);
    const expired = await new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject(claims.sub)
      .setIssuer('dongne')
      .setAudience('dongne-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    const response = await me(expired);
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('auth.token_expired');
  });

  it('refuses a correctly signed JWT that is not an access token (wrong typ)', async () => {
    const user = await createUser(t.app);
    const claims = JSON.parse(Buffer.from(user.accessToken.split('.')[1]!, 'base64url').toString());
    const key = new TextEncoder().encode(t.config.auth.jwtSecret);
    const wrongType = await new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer('dongne')
      .setAudience('dongne-api')
      .setExpirationTime('5m')
      .sign(key);
    expect((await me(wrongType)).statusCode).toBe(401);
  });

  it('never accepts a refresh token as an access token', async () => {
    const user = await createUser(t.app);
    expect((await me(user.refreshCookie)).statusCode).toBe(401);
  });
});

describe('refresh token rotation', () => {
  it('issues a new access token and a new refresh cookie; each refresh token works once', async () => {
    const user = await createUser(t.app);
    const first = await refresh(user.refreshCookie);
    expect(first.statusCode).toBe(200);
    const rotated = refreshCookieOf(first);
    expect(rotated).not.toBe('');
    expect(rotated).not.toBe(user.refreshCookie);
    expect((await me(first.json().accessToken)).statusCode).toBe(200);
    const second = await refresh(rotated);
    expect(second.statusCode).toBe(200);
  });

  it('on reuse of a spent refresh token: 401 and the whole session is revoked (old and new tokens)', async () => {
    const user = await createUser(t.app);
    const rotatedResponse = await refresh(user.refreshCookie);
    const newRefresh = refreshCookieOf(rotatedResponse);
    const newAccess = rotatedResponse.json().accessToken as string;

    const replay = await refresh(user.refreshCookie);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('auth.refresh_token_reused');

    expect((await refresh(newRefresh)).statusCode).toBe(401);
    expect((await me(newAccess)).statusCode).toBe(401);
    expect((await me(user.accessToken)).statusCode).toBe(401);
  });

  it('lets only one of many simultaneous refreshes with one token win, and then treats the rest as reuse', async () => {
    const user = await createUser(t.app);
    const responses = await Promise.all(Array.from({ length: 10 }, () => refresh(user.refreshCookie)));
    expect(responses.filter((r) => r.statusCode === 200).length).toBeLessThanOrEqual(1);
    expect(responses.filter((r) => r.statusCode === 401).length).toBeGreaterThanOrEqual(9);
    // The race looked like theft, so the session is gone for everyone.
    expect((await me(user.accessToken)).statusCode).toBe(401);
  });

  it('refuses a missing or unknown refresh cookie and clears it', async () => {
    expect((await refresh('')).statusCode).toBe(401);
    const unknown = await refresh('made-up-token');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('auth.invalid_refresh_token');
    const cleared = unknown.cookies.find((c) => c.name === 'dongne_refresh');
    expect(cleared?.value).toBe('');
  });
});

describe('logout', () => {
  it('kills the access token at once and the refresh token, and clears the cookie', async () => {
    const user = await createUser(t.app);
    expect((await me(user.accessToken)).statusCode).toBe(200); // now cached
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: user.headers,
      cookies: { dongne_refresh: user.refreshCookie },
    });
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === 'dongne_refresh')?.value).toBe('');
    const after = await me(user.accessToken);
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('auth.session_revoked');
    expect((await refresh(user.refreshCookie)).statusCode).toBe(401);
  });

  it('ends only that session: the same user on another device stays signed in', async () => {
    const user = await createUser(t.app);
    const other = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.user.email, password: user.password } });
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: user.headers, cookies: { dongne_refresh: user.refreshCookie } });
    expect((await me(other.json().accessToken)).statusCode).toBe(200);
  });
});

describe('sessions list and log out everywhere', () => {
  it('lists live sessions with the current one marked, masked IPs, and can end another one', async () => {
    const user = await createUser(t.app);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.user.email, password: user.password },
      headers: { 'user-agent': 'Galaxy S25' },
    });
    const list = await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: user.headers });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; current: boolean; userAgent: string | null; ip: string | null }[];
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    expect(items.every((s) => !s.ip || s.ip.includes('*'))).toBe(true);
    const phone = items.find((s) => s.userAgent === 'Galaxy S25')!;
    const end = await t.app.inject({ method: 'DELETE', url: `/api/me/sessions/${phone.id}`, headers: user.headers });
    expect(end.statusCode).toBe(204);
    expect((await me(second.json().accessToken)).statusCode).toBe(401);
  });

  it("cannot end another user's session (404, not revealed)", async () => {
    const owner = await createUser(t.app);
    const stranger = await createUser(t.app);
    const list = await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: owner.headers });
    const sessionId = list.json().items[0].id as string;
    const attempt = await t.app.inject({ method: 'DELETE', url: `/api/me/sessions/${sessionId}`, headers: stranger.headers });
    expect(attempt.statusCode).toBe(404);
    expect((await me(owner.accessToken)).statusCode).toBe(200);
  });

  it('log out everywhere keeps the current session unless asked to include it', async () => {
    const user = await createUser(t.app);
    const other = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.user.email, password: user.password } });
    const response = await t.app.inject({ method: 'POST', url: '/api/me/sessions/logout-everywhere', headers: user.headers, payload: {} });
    expect(response.statusCode).toBe(204);
    expect((await me(other.json().accessToken)).statusCode).toBe(401);
    expect((await me(user.accessToken)).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/me/sessions/logout-everywhere', headers: user.headers, payload: { includeCurrent: true } });
    expect((await me(user.accessToken)).statusCode).toBe(401);
  });
});
