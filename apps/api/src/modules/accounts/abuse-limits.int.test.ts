import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, FixedClock, type TestApp } from '../../testing/test-app';

describe('per-address rate limit on auth endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { AUTH_RATE_LIMIT: '3' } });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After after AUTH_RATE_LIMIT requests a minute', async () => {
    const attempt = (ip: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { email: 'x@dongne.test', password: 'wrong123!' } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt('203.0.113.7')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt('203.0.113.7');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('request.rate_limited');
    // Another address is not affected.
    expect((await attempt('203.0.113.8')).statusCode).toBe(401);
  });
});

describe('per-account back-off after repeated wrong passwords', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-11-23T12:00:00+09:00'));
  beforeAll(async () => {
    t = await createTestApp({ clock, env: { LOGIN_LOCK_THRESHOLD: '3' } });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

  it('locks the account with growing waits, even for the right password, then lets the owner in', async () => {
    const user = await createUser(t.app);
    const email = user.user.email!;
    for (let i = 0; i < 3; i++) expect((await login(email, 'wrong123!')).statusCode).toBe(401);
    const locked = await login(email, user.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('auth.login_locked');
    expect(Number(locked.headers['retry-after'])).toBe(30);

    clock.advance(31_000);
    expect((await login(email, 'wrong123!')).statusCode).toBe(401); // 4th failure: 60 s
    const longer = await login(email, user.password);
    expect(longer.statusCode).toBe(429);
    expect(Number(longer.headers['retry-after'])).toBe(60);

    clock.advance(61_000);
    expect((await login(email, user.password)).statusCode).toBe(200);
    // Success resets the count: one more wrong password does not lock.
    expect((await login(email, 'wrong123!')).statusCode).toBe(401);
    expect((await login(email, user.password)).statusCode).toBe(200);
  });

  it('counts simultaneous wrong guesses, none lost', async () => {
    const user = await createUser(t.app);
    const email = user.user.email!;
    const responses = await Promise.all(Array.from({ length: 6 }, () => login(email, 'wrong123!')));
    expect(responses.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
    expect((await login(email, user.password)).statusCode).toBe(429);
  });
});
