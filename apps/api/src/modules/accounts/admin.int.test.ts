import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, createUser, uniqueSuffix, type TestApp } from '../../testing/test-app';

let t: TestApp;
let adminToken: string;
beforeAll(async () => {
  t = await createTestApp();
  const email = `admin${uniqueSuffix()}@dongne.test`;
  await t.app.modules.accounts.accounts.createWithRoles({ email, password: 'admin123!', nickname: `관리자${uniqueSuffix()}`.slice(0, 20) }, ['admin']);
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'admin123!' } });
  adminToken = login.json().accessToken;
});
afterAll(() => t.close());

describe('roles', () => {
  it('admin-only routes: 401 anonymous, 403 for a user, 200 for an admin', async () => {
    const user = await createUser(t.app);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/users' })).statusCode).toBe(401);
    const forbidden = await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: user.headers });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('auth.role_required');
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: bearer(adminToken) })).statusCode).toBe(200);
  });

  it('a role granted later applies to the live session without signing in again', async () => {
    const user = await createUser(t.app);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: user.headers })).statusCode).toBe(403);
    const roles = async () => (await t.app.inject({ method: 'GET', url: '/api/me', headers: user.headers })).json().roles;
    expect(await roles()).toEqual(['user']);
    await t.app.modules.accounts.accounts.grantRole(user.user.email!, 'admin');
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: user.headers })).statusCode).toBe(200);
    expect(await roles()).toEqual(['user', 'admin']);
  });
});

describe('GET /api/admin/users', () => {
  it('pages newest first with an opaque cursor, never repeating or skipping', async () => {
    for (let i = 0; i < 5; i++) await createUser(t.app);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/admin/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.app.inject({ method: 'GET', url, headers: bearer(adminToken) })).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u: { id: string }) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(7);
    expect([...seen].sort().reverse()).toEqual(seen); // v7 ids are time-ordered
  });

  it('filters by e-mail or nickname and refuses a forged cursor (400)', async () => {
    const target = await createUser(t.app, { nickname: `찾는이웃${uniqueSuffix()}`.slice(0, 20) });
    const found = (await t.app.inject({ method: 'GET', url: `/api/admin/users?q=${encodeURIComponent(target.user.nickname)}`, headers: bearer(adminToken) })).json();
    expect(found.items.map((u: { id: string }) => u.id)).toEqual([target.user.id]);
    const forged = await t.app.inject({ method: 'GET', url: '/api/admin/users?cursor=bm9wZQ', headers: bearer(adminToken) });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('request.invalid_cursor');
  });
});
