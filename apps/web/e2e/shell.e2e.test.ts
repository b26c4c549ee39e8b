/**
 * The shell around every page: the English switch, dark mode remembered across reloads, and every
 * page built so far — signed out and signed in, light and dark — fitting a 375×812 phone and
 * passing axe (no serious or critical violations).
 */
import type { Page } from 'playwright-core';
import { createUser } from './support/api';
import { MOBILE_VIEWPORT } from './support/browser';
import { describe, expect, test } from './support/fixtures';
import { expectNoHorizontalScroll, expectNoSeriousA11yViolations, signInFast } from './support/helpers';

const PUBLIC_PAGES = [
  '/',
  '/login',
  '/signup',
  '/password-reset',
  '/password-reset/confirm?token=nope',
  '/verify-email?token=nope',
  '/spaces',
  '/rentals',
  '/group-orders',
  '/courses',
  '/no-such-page',
];

const colorScheme = (page: Page) => page.locator('html').getAttribute('data-mantine-color-scheme');

/** Waits for the page's own content (its first heading) after a navigation. */
async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.locator('#root main h1, #root main h2').first().waitFor();
  await page.waitForLoadState('networkidle');
}

describe('language', () => {
  test('switching to English changes the page and is remembered after a reload', async ({ page }) => {
    await visit(page, '/login');
    const koreanHeading = await page.getByRole('heading', { level: 1 }).innerText();
    await page.getByRole('banner').getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).not.toBe(koreanHeading);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).not.toMatch(/[가-힣]/);
    await page.getByLabel('Email', { exact: true }).waitFor();

    await page.reload();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('banner').getByRole('button', { name: '한국어로 보기' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(koreanHeading);
  });
});

describe('dark mode', () => {
  test('follows the system until toggled, and the choice survives a reload', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, colorScheme: 'dark', locale: 'ko-KR' });
    try {
      const page = await context.newPage();
      await visit(page, '/');
      expect(await colorScheme(page)).toBe('dark');
      await page.getByRole('button', { name: '라이트 모드로 전환' }).click();
      await expect.poll(() => colorScheme(page)).toBe('light');
      await page.reload();
      await expect.poll(() => colorScheme(page)).toBe('light');
      await page.getByRole('button', { name: '다크 모드로 전환' }).click();
      await page.reload();
      await expect.poll(() => colorScheme(page)).toBe('dark');
    } finally {
      await context.close();
    }
  });
});

describe('every page on a phone, light and dark', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`signed out (${scheme}): no sideways scroll, axe passes`, async ({ browser, baseURL, pageErrors }) => {
      const context = await browser.newContext({
        baseURL,
        colorScheme: scheme,
        locale: 'ko-KR',
        viewport: MOBILE_VIEWPORT,
      });
      context.on('page', (page) =>
        page.on('console', (message) => {
          if (message.type() === 'error') pageErrors.record(`console.error: ${message.text()}`);
        }),
      );
      // The reset and verification pages try their bogus token once.
      pageErrors.allow(/status of 422/);
      try {
        const page = await context.newPage();
        for (const path of PUBLIC_PAGES) {
          await visit(page, path);
          expect(await colorScheme(page), path).toBe(scheme);
          await expectNoHorizontalScroll(page);
          await expectNoSeriousA11yViolations(page);
        }
      } finally {
        await context.close();
      }
    });

    test(`signed in (${scheme}): home and my account`, async ({ browser, baseURL, api }) => {
      const context = await browser.newContext({
        baseURL,
        colorScheme: scheme,
        locale: 'ko-KR',
        viewport: MOBILE_VIEWPORT,
      });
      try {
        const user = await createUser(api);
        await signInFast(context, user);
        const page = await context.newPage();
        for (const path of ['/', '/account']) {
          await visit(page, path);
          await page.getByRole('navigation', { name: '하단 메뉴' }).waitFor();
          await expectNoHorizontalScroll(page);
          await expectNoSeriousA11yViolations(page);
        }
      } finally {
        await context.close();
      }
    });
  }
});
