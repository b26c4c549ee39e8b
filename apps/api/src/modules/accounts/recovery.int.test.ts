import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createUser,
  FixedClock,
  lastMailTo,
  tokenFromMail,
  type TestApp,
} from '../../testing/test-app';

let t: TestApp;
const clock = new FixedClock(new Date('2026-11-23T09:00:00+09:00'));
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
const requestReset = (email: string) => t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
const confirmReset = (token: string, newPassword: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, newPassword } });

async function resetTokenFor(email: string) {
  expect((await requestReset(email)).statusCode).toBe(202);
  const mail = await lastMailTo(t, email, 'password_reset');
  expect(mail?.subject).toContain('비밀번호 재설정');
  return decodeURIComponent(tokenFromMail(mail!.textBody));
}

describe('password reset by e-mail', () => {
  it('answers 202 for an unknown address too, and sends nothing', async () => {
    const email = 'nobody-here@dongne.test';
    expect((await requestReset(email)).statusCode).toBe(202);
    expect(await lastMailTo(t, email)).toBeUndefined();
  });

  it('sets a new password with the mailed token, ends every session, and the token works once', async () => {
    const user = await createUser(t.app);
    const token = await resetTokenFor(user.user.email!);
    expect((await confirmReset(token, 'brandNew123!')).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: user.headers })).statusCode).toBe(401);
    expect((await login(user.user.email!, user.password)).statusCode).toBe(401);
    expect((await login(user.user.email!, 'brandNew123!')).statusCode).toBe(200);
    const again = await confirmReset(token, 'another123!');
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe('account.password_reset_token_invalid');
  });

  it('refuses a token after 30 minutes', async () => {
    const user = await createUser(t.app);
    const token = await resetTokenFor(user.user.email!);
    clock.advance(31 * 60_000);
    const response = await confirmReset(token, 'brandNew123!');
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('account.password_reset_token_expired');
    expect((await login(user.user.email!, user.password)).statusCode).toBe(200);
  });

  it('supersedes earlier links when a new one is requested', async () => {
    const user = await createUser(t.app);
    const first = await resetTokenFor(user.user.email!);
    const second = await resetTokenFor(user.user.email!);
    expect((await confirmReset(first, 'brandNew123!')).statusCode).toBe(422);
    expect((await confirmReset(second, 'brandNew123!')).statusCode).toBe(204);
  });

  it('applies the password rules to the new password', async () => {
    const user = await createUser(t.app);
    const token = await resetTokenFor(user.user.email!);
    const weak = await confirmReset(token, 'short');
    expect(weak.statusCode).toBe(422);
    expect(weak.json().code).toBe('account.password_weak');
    expect((await confirmReset(token, 'goodPass123!')).statusCode).toBe(204);
  });

  it('lets exactly one of several simultaneous confirmations through', async () => {
    const user = await createUser(t.app);
    const token = await resetTokenFor(user.user.email!);
    const responses = await Promise.all(Array.from({ length: 5 }, (_, i) => confirmReset(token, `racePass${i}23!`)));
    expect(responses.filter((r) => r.statusCode === 204)).toHaveLength(1);
  });
});

describe('e-mail verification', () => {
  it('mails a link at sign-up; following it marks the e-mail verified, once', async () => {
    const user = await createUser(t.app);
    expect(user.user.emailVerified).toBe(false);
    // Read once first: the verification must show through the cached GET /api/me view.
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: user.headers })).json().emailVerified).toBe(false);
    const mail = await lastMailTo(t, user.user.email!, 'email_verification');
    const token = decodeURIComponent(tokenFromMail(mail!.textBody));
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token } })).statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: user.headers });
    expect(me.json().emailVerified).toBe(true);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token } })).statusCode).toBe(422);
  });

  it('can be resent while unverified, and refuses when already verified (409)', async () => {
    const user = await createUser(t.app);
    const resend = await t.app.inject({ method: 'POST', url: '/api/me/email-verification', headers: bearer(user.accessToken) });
    expect(resend.statusCode).toBe(202);
    const mail = await lastMailTo(t, user.user.email!, 'email_verification');
    const token = decodeURIComponent(tokenFromMail(mail!.textBody));
    await t.app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token } });
    const twice = await t.app.inject({ method: 'POST', url: '/api/me/email-verification', headers: bearer(user.accessToken) });
    expect(twice.statusCode).toBe(409);
  });

  it('does not block the core flows while unverified', async () => {
    const user = await createUser(t.app);
    expect((await login(user.user.email!, user.password)).statusCode).toBe(200);
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: user.headers, payload: { introduction: '안녕하세요' } });
    expect(patch.statusCode).toBe(200);
  });
});
