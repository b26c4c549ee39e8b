import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, lastMailTo, tokenFromMail, type TestApp } from '../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ captureLogs: true });
});
afterAll(() => t.close());

describe('logs never hold secrets or personal data', () => {
  it('across signup, login, refresh, profile, reset and errors', async () => {
    const password = 'Secret-Pass-9!';
    const user = await createUser(t.app, { password });
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.user.email, password } });
    const refresh = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: { dongne_refresh: user.refreshCookie } });
    await t.app.inject({ method: 'PATCH', url: '/api/me', headers: user.headers, payload: { phone: '010-9876-5432' } });
    await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: user.user.email } });
    const mail = await lastMailTo(t, user.user.email!, 'password_reset');
    const resetToken = decodeURIComponent(tokenFromMail(mail!.textBody));
    await t.app.inject({ method: 'GET', url: `/api/nope?token=${resetToken}&code=oauth-code-123` });
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: `{"email":"${user.user.email}","password":"${password}"` , headers: { 'content-type': 'application/json' } });
    await t.app.platform.mailer.dispatch();

    const logs = t.logs.join('');
    expect(logs.length).toBeGreaterThan(500); // the capture really captured
    expect(logs).toContain('token=%5Bredacted%5D');
    expect(logs).toContain('mail kept in outbox');
    const secrets = [
      password,
      user.accessToken,
      user.refreshCookie,
      login.json().accessToken,
      refresh.json().accessToken,
      resetToken,
      'oauth-code-123',
      '9876',
      user.user.email!,
    ];
    for (const secret of secrets) expect(logs, `log contains ${secret.slice(0, 12)}…`).not.toContain(secret);
  });
});
