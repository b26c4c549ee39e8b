import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, createUser, uniqueSuffix, VALID_PASSWORD, type TestApp } from '../../testing/test-app';
import { users } from './accounts.tables';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

describe('profile', () => {
  it('updates nickname and introduction, and refuses a taken nickname (409)', async () => {
    const user = await createUser(t.app);
    const other = await createUser(t.app);
    const nickname = `바뀐이름${uniqueSuffix()}`.slice(0, 20);
    const me = async () => (await t.app.inject({ method: 'GET', url: '/api/me', headers: user.headers })).json();
    expect((await me()).nickname).toBe(user.user.nickname);
    const ok = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: user.headers, payload: { nickname, introduction: '  망원동 주민이에요  ' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ nickname, introduction: '망원동 주민이에요' });
    expect(await me()).toMatchObject({ nickname, introduction: '망원동 주민이에요' });
    const taken = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: user.headers, payload: { nickname: other.user.nickname } });
    expect(taken.statusCode).toBe(409);
  });

  it('stores the phone number encrypted at rest and shows it formatted to its owner only', async () => {
    const user = await createUser(t.app);
    const response = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: user.headers, payload: { phone: '010 1234 5678' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().phone).toBe('010-1234-5678');
    const [row] = await t.database.handle.db.select().from(users).where(eq(users.id, user.user.id));
    expect(row?.phoneEncrypted).toMatch(/^v1\.test1\./);
    expect(row?.phoneEncrypted).not.toContain('1234');
    const publicView = await t.app.inject({ method: 'GET', url: `/api/users/${user.user.id}` });
    expect(publicView.statusCode).toBe(200);
    expect(JSON.stringify(publicView.json())).not.toContain('5678');
    expect(publicView.json()).not.toHaveProperty('email');
  });

  it('refuses a malformed phone number (422)', async () => {
    const user = await createUser(t.app);
    const response = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: user.headers, payload: { phone: '12345' } });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('account.phone_invalid');
  });

  it('returns 404 for an unknown user and 400 for a malformed id', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/users/01a20000-0000-7000-8000-000000000000' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/users/nope' })).statusCode).toBe(400);
  });
});

describe('password change', () => {
  it('needs the current password (403 when wrong) and follows the password rules (422)', async () => {
    const user = await createUser(t.app);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/me/password', headers: user.headers, payload: { currentPassword: 'nope1234!', newPassword: 'newPass123!' } });
    expect(wrong.statusCode).toBe(403);
    const weak = await t.app.inject({ method: 'POST', url: '/api/me/password', headers: user.headers, payload: { currentPassword: user.password, newPassword: 'weak' } });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0].path).toBe('/newPassword');
  });

  it('revokes every other session and keeps the current one', async () => {
    const user = await createUser(t.app);
    const elsewhere = await login(user.user.email!, user.password);
    const change = await t.app.inject({ method: 'POST', url: '/api/me/password', headers: user.headers, payload: { currentPassword: user.password, newPassword: 'changed123!' } });
    expect(change.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(elsewhere.json().accessToken) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: user.headers })).statusCode).toBe(200);
    expect((await login(user.user.email!, 'changed123!')).statusCode).toBe(200);
    expect((await login(user.user.email!, user.password)).statusCode).toBe(401);
  });
});

describe('account deletion', () => {
  it('needs the password, then signs out everywhere, frees the e-mail and nickname, and keeps a "탈퇴한 사용자" profile', async () => {
    const user = await createUser(t.app);
    const noPassword = await t.app.inject({ method: 'DELETE', url: '/api/me', headers: user.headers, payload: {} });
    expect(noPassword.statusCode).toBe(422);
    const wrong = await t.app.inject({ method: 'DELETE', url: '/api/me', headers: user.headers, payload: { password: 'wrong123!' } });
    expect(wrong.statusCode).toBe(403);

    const deleted = await t.app.inject({ method: 'DELETE', url: '/api/me', headers: user.headers, payload: { password: user.password } });
    expect(deleted.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: user.headers })).statusCode).toBe(401);
    expect((await login(user.user.email!, user.password)).statusCode).toBe(401);

    const profile = await t.app.inject({ method: 'GET', url: `/api/users/${user.user.id}` });
    expect(profile.json()).toMatchObject({ nickname: '탈퇴한 사용자', deleted: true, introduction: '' });

    const [row] = await t.database.handle.db.select().from(users).where(eq(users.id, user.user.id));
    expect(row).toMatchObject({ email: null, nickname: null, passwordHash: null, phoneEncrypted: null });

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: user.user.email, nickname: user.user.nickname, password: VALID_PASSWORD },
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().user.id).not.toBe(user.user.id);
  });
});
