/**
 * Account flows through the real pages: sign up, keep the session over a reload, log out, log in,
 * the signed-out guard of /account, and the field errors (client rules and server refusals).
 * Accessible names (Korean): fields 이메일, 비밀번호, 닉네임; buttons 회원가입, 로그인; the account
 * menu 계정 메뉴 with 로그아웃; paths /signup, /login, /account.
 */
import type { Page } from 'playwright-core';
import { createUser, DEMO_USER, newCredentials } from './support/api';
import { MOBILE_VIEWPORT } from './support/browser';
import { describe, expect, test } from './support/fixtures';
import { expectNoHorizontalScroll, expectNoSeriousA11yViolations, loginAs, signInFast } from './support/helpers';

/** Opens the account menu (계정 메뉴) and clicks 로그아웃. */
async function logOut(page: Page) {
  await page.getByRole('button', { name: /계정 메뉴$/ }).click();
  await page.getByRole('menuitem', { name: '로그아웃' }).click();
}

/** The text of the error Mantine ties to a field through aria-describedby. */
async function fieldError(page: Page, label: string): Promise<string> {
  const field = page.getByLabel(label, { exact: true });
  await expect.poll(() => field.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(
    ids.map((id) =>
      page
        .locator(`[id="${id}"]`)
        .innerText()
        .catch(() => ''),
    ),
  );
  return texts.join(' ').trim();
}

const HANGUL = /[가-힣]/;

async function expectSignedInAs(page: Page, nickname: string) {
  await expect
    .poll(() => page.getByRole('button', { name: `${nickname} 계정 메뉴` }).isVisible(), { timeout: 10_000 })
    .toBe(true);
  await expect.poll(() => page.getByRole('link', { name: '로그인', exact: true }).count()).toBe(0);
}

async function expectSignedOut(page: Page) {
  await expect
    .poll(
      () =>
        page
          .getByRole('link', { name: '로그인', exact: true })
          .or(page.getByRole('button', { name: '로그인', exact: true }))
          .first()
          .isVisible(),
      {
        timeout: 10_000,
      },
    )
    .toBe(true);
}

describe('sign up', () => {
  test('sign up → a reload keeps the session → log out → a reload stays signed out', async ({ page, api }) => {
    const user = newCredentials();
    await page.goto('/signup');
    await page.getByLabel('이메일', { exact: true }).fill(user.email);
    await page.getByLabel('비밀번호', { exact: true }).fill(user.password);
    await page.getByLabel('닉네임', { exact: true }).fill(user.nickname);
    await page.getByRole('main').getByRole('button', { name: '회원가입', exact: true }).click();
    await page.waitForURL((url) => url.pathname !== '/signup');
    await expectSignedInAs(page, user.nickname);

    await page.reload();
    await expectSignedInAs(page, user.nickname);

    await logOut(page);
    await expectSignedOut(page);
    await page.reload();
    await expectSignedOut(page);

    // The account exists: the API accepts the credentials.
    expect((await api.post('/api/auth/login', { email: user.email, password: user.password })).status).toBe(200);
  });

  test('a weak password is refused next to the field, in Korean, and no account is made', async ({ page, api }) => {
    const user = newCredentials();
    await page.goto('/signup');
    await page.getByLabel('이메일', { exact: true }).fill(user.email);
    await page.getByLabel('비밀번호', { exact: true }).fill('short');
    await page.getByLabel('닉네임', { exact: true }).fill(user.nickname);
    await page.getByRole('main').getByRole('button', { name: '회원가입', exact: true }).click();
    expect(await fieldError(page, '비밀번호')).toMatch(HANGUL);
    expect(new URL(page.url()).pathname).toBe('/signup');
    expect((await api.post('/api/auth/login', { email: user.email, password: 'short' })).status).not.toBe(200);
  });

  test("the server's refusal of a taken e-mail (409) shows on the e-mail field", async ({ page, pageErrors, api }) => {
    pageErrors.allow(/status of 409/);
    const taken = await createUser(api);
    const user = newCredentials();
    await page.goto('/signup');
    await page.getByLabel('이메일', { exact: true }).fill(taken.email);
    await page.getByLabel('비밀번호', { exact: true }).fill(user.password);
    await page.getByLabel('닉네임', { exact: true }).fill(user.nickname);
    await page.getByRole('main').getByRole('button', { name: '회원가입', exact: true }).click();
    expect(await fieldError(page, '이메일')).toMatch(HANGUL);
    expect(new URL(page.url()).pathname).toBe('/signup');
  });

  test('the signup page passes axe and fits a phone', async ({ page }) => {
    await page.setViewportSize(MOBILE_VIEWPORT);
    await page.goto('/signup');
    await page.getByRole('main').getByRole('button', { name: '회원가입', exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await expectNoHorizontalScroll(page);
  });
});

describe('log in', () => {
  test('through the login form, then /account shows the user', async ({ page, api }) => {
    const user = await createUser(api);
    await loginAs(page, user);
    await expectSignedInAs(page, user.nickname);
    await page.goto('/account');
    await expect.poll(() => page.getByText(user.email).first().isVisible()).toBe(true);
  });

  test('a seeded demo account can log in', async ({ page }) => {
    await loginAs(page, DEMO_USER);
    await page.goto('/account');
    await expect.poll(() => page.getByText(DEMO_USER.email).first().isVisible()).toBe(true);
  });

  test('a wrong password shows an error and stays on /login', async ({ page, pageErrors, api }) => {
    pageErrors.allow(/status of 401 \(Unauthorized\) \(https?:\/\/[^/]+\/api\/auth\/login\)/);
    const user = await createUser(api);
    await page.goto('/login');
    await page.getByLabel('이메일', { exact: true }).fill(user.email);
    await page.getByLabel('비밀번호', { exact: true }).fill(`${user.password}x`);
    await page.getByRole('button', { name: '로그인', exact: true }).click();
    await page.getByRole('alert').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  test('the login page passes axe and fits a phone', async ({ page }) => {
    await page.setViewportSize(MOBILE_VIEWPORT);
    await page.goto('/login');
    await page.getByRole('button', { name: '로그인', exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await expectNoHorizontalScroll(page);
  });
});

describe('account page', () => {
  test('a session set through the API is restored on page load', async ({ page, context, api }) => {
    const user = await createUser(api);
    await signInFast(context, user);
    await page.goto('/account');
    await expectSignedInAs(page, user.nickname);
    await expectNoSeriousA11yViolations(page);
  });

  test('signed out, /account sends to /login, and logging in comes back to /account', async ({ page, api }) => {
    const user = await createUser(api);
    await page.goto('/account');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('returnTo')).toBe('/account');
    await page.getByLabel('이메일', { exact: true }).fill(user.email);
    await page.getByLabel('비밀번호', { exact: true }).fill(user.password);
    await page.getByRole('main').getByRole('button', { name: '로그인', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/account');
    await expect.poll(() => page.getByText(user.email).first().isVisible()).toBe(true);
  });

  test('after logging out, a protected page sends to /login again', async ({ page, context, api }) => {
    const user = await createUser(api);
    await signInFast(context, user);
    await page.goto('/account');
    await expectSignedInAs(page, user.nickname);
    await logOut(page);
    await expectSignedOut(page);
    await page.goto('/account');
    await page.waitForURL((url) => url.pathname === '/login');
  });

  test('on a phone the signed-in pages do not scroll sideways', async ({ page, context, api }) => {
    const user = await createUser(api);
    await signInFast(context, user);
    await page.setViewportSize(MOBILE_VIEWPORT);
    for (const path of ['/', '/account']) {
      await page.goto(path);
      await expectSignedInAs(page, user.nickname);
      await expectNoHorizontalScroll(page);
    }
  });
});
