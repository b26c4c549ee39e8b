import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, refreshCookieOf, uniqueSuffix, VALID_PASSWORD, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const signup = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/auth/signup', payload });
const login = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
const fresh = () => ({ email: `new${uniqueSuffix()}@dongne.test`, nickname: `새이웃${uniqueSuffix()}`.slice(0, 20) });

describe('POST /api/auth/signup', () => {
  it('creates the account, signs in and sets an HttpOnly refresh cookie scoped to /api/auth', async () => {
    const body = { ...fresh(), password: VALID_PASSWORD };
    const response = await signup(body);
    expect(response.statusCode).toBe(201);
    const result = response.json();
    expect(result.user).toMatchObject({ email: body.email, nickname: body.nickname, roles: ['user'], emailVerified: false, hasPassword: true });
    expect(result.accessToken).toMatch(/^ey/);
    expect(JSON.stringify(result)).not.toContain('passwordHash');
    const cookie = response.cookies.find((c) => c.name === 'dongne_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, path: '/api/auth', sameSite: 'Lax' });
    expect(cookie?.secure).toBeFalsy(); // not in development/test; production sets Secure
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${result.accessToken}` } });
    expect(me.json().id).toBe(result.user.id);
  });

  it.each([
    ['short', 'ab1!', /8자 이상/],
    ['no letter', '12345678!', /문자/],
    ['no digit', 'abcdefgh!', /숫자/],
    ['no symbol', 'abcd12345', /기호/],
  ])('refuses a password that is %s with 422 and the rule', async (_name, password, message) => {
    const response = await signup({ ...fresh(), password });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem.code).toBe('account.password_weak');
    expect(problem.errors.some((e: { path: string; message: string }) => e.path === '/password' && message.test(e.message))).toBe(true);
  });

  it('accepts Hangul letters as the letter of a password', async () => {
    expect((await signup({ ...fresh(), password: '동네비밀번호1!' })).statusCode).toBe(201);
  });

  it.each([['x'], ['이'], ['가나다라마바사아자차카타파하가나다라마바사']])('refuses nickname %j (2–20 characters)', async (nickname) => {
    const response = await signup({ ...fresh(), nickname, password: VALID_PASSWORD });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('account.nickname_invalid');
  });

  it('counts a 20-syllable Hangul nickname as 20 characters', async () => {
    const response = await signup({ ...fresh(), nickname: `가나다라마바사아자차카타파하${uniqueSuffix()}`.slice(0, 20), password: VALID_PASSWORD });
    expect(response.statusCode).toBe(201);
  });

  it('refuses a duplicate e-mail (any case) with 409', async () => {
    const first = await createUser(t.app);
    const response = await signup({ ...fresh(), email: first.user.email!.toUpperCase(), password: VALID_PASSWORD });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('account.email_taken');
  });

  it('refuses a duplicate nickname (any case) with 409', async () => {
    const nickname = `Neighbour${uniqueSuffix()}`.slice(0, 20);
    await createUser(t.app, { nickname });
    const response = await signup({ ...fresh(), nickname: nickname.toLowerCase(), password: VALID_PASSWORD });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('account.nickname_taken');
  });

  it('lets exactly one of many simultaneous signups with one e-mail through', async () => {
    const email = `race${uniqueSuffix()}@dongne.test`;
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => signup({ email, nickname: `경쟁${uniqueSuffix()}${i}`.slice(0, 20), password: VALID_PASSWORD })),
    );
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 409)).toHaveLength(7);
  });

  it('rejects wrong types and missing fields with 400 and field paths', async () => {
    const response = await signup({ email: 42, password: VALID_PASSWORD });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.code).toBe('request.invalid');
    const paths = problem.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/body/email']));
  });
});

describe('POST /api/auth/login', () => {
  it('signs in with the right password, any e-mail case', async () => {
    const user = await createUser(t.app);
    const response = await login({ email: user.user.email!.toUpperCase(), password: user.password });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.id).toBe(user.user.id);
    expect(refreshCookieOf(response)).not.toBe('');
  });

  it('gives the same 401 for an unknown e-mail and a wrong password', async () => {
    const user = await createUser(t.app);
    const wrong = await login({ email: user.user.email, password: 'wrong1234!' });
    const unknown = await login({ email: `nobody${uniqueSuffix()}@dongne.test`, password: 'wrong1234!' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (body: { requestId?: string; instance?: string }) => ({ ...body, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().code).toBe('auth.invalid_credentials');
  });
});
