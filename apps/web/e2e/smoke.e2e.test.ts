/**
 * What any build of the web app must do, however far along it is: the home page loads in Korean
 * without errors and passes axe; deep links get the SPA and unknown API paths a JSON 404; hashed
 * assets are cached for a year and index.html is revalidated.
 */
import type { Page } from 'playwright-core';
import { MOBILE_VIEWPORT } from './support/browser';
import { describe, expect, test } from './support/fixtures';
import { expectNoHorizontalScroll, expectNoSeriousA11yViolations } from './support/helpers';

/** The first visible main landmark or heading the app rendered (not the style tags a UI kit injects). */
const appContent = (page: Page) =>
  page.locator('#root main, #root [role="main"], #root h1').filter({ visible: true }).first();

describe('home page', () => {
  test('loads with status 200 in Korean, without console errors, and passes axe', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ko');
    // The app rendered its content (a main landmark or a heading) into the page.
    await appContent(page).waitFor();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.title()).toMatch(/동네/);
    await expectNoSeriousA11yViolations(page);
  });

  test('fits a 375 px wide phone without sideways scrolling', async ({ page }) => {
    await page.setViewportSize(MOBILE_VIEWPORT);
    await page.goto('/');
    await page.waitForLoadState('networkidle');
    await expectNoHorizontalScroll(page);
  });
});

describe('serving', () => {
  test('an unknown /api path is a JSON 404, a deep link gets the SPA', async ({ api }) => {
    const missing = await api.get('/api/nope');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/(problem\+)?json/);
    expect(missing.json).toBeTypeOf('object');

    const index = await api.get('/');
    const deep = await api.get('/account');
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/^text\/html/);
    expect(deep.text).toBe(index.text);
    expect(deep.text).toContain('<div id="root">');
  });

  test('a deep link opens in the browser with the app, not an error page', async ({ page }) => {
    const response = await page.goto('/account');
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ko');
    await appContent(page).waitFor();
  });

  test('hashed assets are cached for a year, index.html is revalidated', async ({ api }) => {
    const index = await api.get('/');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const assets = [...index.text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length, 'index.html references no /assets/ file').toBeGreaterThan(0);
    for (const asset of assets) {
      const response = await api.get(asset);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable');
    }
    const deep = await api.get('/account');
    expect(deep.headers.get('cache-control')).toBe('no-cache');
  });
});
