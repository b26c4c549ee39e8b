/** Sign-in shortcuts and page-level checks (accessibility, mobile layout) for the e2e specs. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface Credentials {
  email: string;
  password: string;
}

/**
 * Logs in through the real login form (/login: fields 이메일 and 비밀번호, button 로그인) and waits
 * until the app has left the login page. For the tests of logging in itself; others use signInFast.
 */
export async function loginAs(page: Page, user: Credentials): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('이메일', { exact: true }).fill(user.email);
  await page.getByLabel('비밀번호', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: '로그인', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/**
 * Logs in through the API with the context's own request client, so the HttpOnly refresh cookie
 * (dongne_refresh) lands in the browser context: the next page load restores the session.
 * Returns the access token.
 */
export async function signInFast(context: BrowserContext, user: Credentials): Promise<string> {
  const response = await context.request.post('/api/auth/login', {
    data: { email: user.email, password: user.password },
  });
  expect(response.status(), `login of ${user.email} failed: ${await response.text()}`).toBe(200);
  const cookies = await context.cookies();
  expect(
    cookies.map((cookie) => cookie.name),
    'the login answer set no refresh cookie',
  ).toContain('dongne_refresh');
  // What the app itself remembers after a login in this browser (see apps/web/src/lib/api/session-hint.ts).
  // Once per tab, so that a later logout in the test is not undone by the next page load.
  await context.addInitScript(() => {
    if (sessionStorage.getItem('e2e-signed-in-fast')) return;
    sessionStorage.setItem('e2e-signed-in-fast', '1');
    localStorage.setItem('dongne-has-session', '1');
  });
  const body = (await response.json()) as { accessToken: string };
  return body.accessToken;
}

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

let axeSource: string | undefined;

/** axe-core's violations on the current page (all rules axe runs by default). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not block it.
  const loaded = await page.evaluate(`(() => { if (!window.axe) { ${axeSource}\n } return typeof window.axe; })()`);
  expect(loaded, 'axe-core did not load into the page').toBe('object');
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target,
        html: node.html,
        failureSummary: node.failureSummary ?? '',
      })),
    }));
  });
}

/** Fails with a readable list when axe-core finds serious or critical violations on the page. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const serious = (await axeViolations(page)).filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  const report = serious
    .map((violation) =>
      [
        `[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`,
        ...violation.nodes.slice(0, 5).map((node) => {
          // axe's "Fix any of the following:" lines, e.g. the contrast ratio and colours found.
          const why = (node.failureSummary ?? '')
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line && !/^Fix (any|all) of the following:$/.test(line))
            .join('; ');
          return `    at ${node.target.join(' ')}: ${node.html.slice(0, 160)}${why ? `\n      → ${why.slice(0, 300)}` : ''}`;
        }),
        ...(violation.nodes.length > 5 ? [`    … and ${violation.nodes.length - 5} more`] : []),
      ].join('\n'),
    )
    .join('\n');
  expect(serious.length, `axe-core found serious/critical accessibility violations on ${page.url()}:\n${report}`).toBe(
    0,
  );
}

/** No sideways scrolling: the page is no wider than the viewport (check with MOBILE_VIEWPORT). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement;
    // The element sticking out furthest to the right, to say what overflows.
    let widestRight = 0;
    let widestName = '';
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const right = element.getBoundingClientRect().right;
      if (right > widestRight) {
        widestRight = right;
        const classes =
          typeof element.className === 'string' && element.className
            ? `.${element.className.trim().split(/\s+/).join('.')}`
            : '';
        widestName = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${classes}`;
      }
    }
    return {
      scrollWidth: scroller.scrollWidth,
      innerWidth: window.innerWidth,
      widest: `${widestName} (right edge ${Math.round(widestRight)}px)`,
    };
  });
  expect(
    scrollWidth,
    `${page.url()} scrolls sideways at ${innerWidth}px: content is ${scrollWidth}px wide; widest: ${widest}`,
  ).toBeLessThanOrEqual(innerWidth);
}
