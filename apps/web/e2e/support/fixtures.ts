/**
 * The e2e `test`: one Chromium per test file, a fresh browser context (own cookies and storage) and
 * page per test, the server's base URL, and a failing assertion at the end of every test when the
 * page logged a console error or threw an uncaught error (unless the test allowed it). A failed test
 * leaves a full-page screenshot and the page's HTML in test-results/e2e/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { test as base, inject } from 'vitest';
import { Api } from './api';
import { launchBrowser } from './browser';
import { repoRoot, RESULTS_DIR } from './server';

/** What the pages of one test logged as errors; `allow()` lists the ones the test provokes on purpose. */
export class PageErrors {
  readonly seen: string[] = [];
  private readonly allowed: (string | RegExp)[] = [];

  /** Expected errors: a substring or a pattern of the recorded line (e.g. `/status of 401/`). */
  allow(...patterns: (string | RegExp)[]) {
    this.allowed.push(...patterns);
  }

  record(line: string) {
    this.seen.push(line);
  }

  unexpected(): string[] {
    return this.seen.filter(
      (line) =>
        !this.allowed.some((pattern) => (typeof pattern === 'string' ? line.includes(pattern) : pattern.test(line))),
    );
  }
}

function watch(page: Page, errors: PageErrors) {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    errors.record(`console.error: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (error) => errors.record(`uncaught ${error.name}: ${error.message}`));
  page.on('crash', () => errors.record('page crashed'));
}

/** A file name from a test's name: letters (Hangul too), digits and a few separators. */
export function artifactName(name: string): string {
  return name
    .replace(/[^\p{L}\p{N} ._-]+/gu, '-')
    .replace(/\s+/g, ' ')
    .replace(/-{2,}/g, '-')
    .trim()
    .slice(0, 150);
}

async function saveArtifacts(page: Page, name: string): Promise<string[]> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const base = path.join(RESULTS_DIR, artifactName(name));
  const saved: string[] = [];
  try {
    await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 10_000 });
    saved.push(`${base}.png`);
  } catch (error) {
    process.stderr.write(
      `e2e: no screenshot for "${name}": ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  try {
    writeFileSync(`${base}.html`, await page.content());
    saved.push(`${base}.html`);
  } catch {
    // the page is gone (crashed or closed): the screenshot error above says so
  }
  return saved;
}

export const test = base
  .extend('baseURL', { scope: 'file' }, () => inject('e2eBaseUrl'))
  // eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from this pattern
  .extend('browser', { scope: 'file' }, async ({}, { onCleanup }): Promise<Browser> => {
    const browser = await launchBrowser();
    onCleanup(() => browser.close());
    return browser;
  })
  .extend('api', ({ baseURL }) => new Api(baseURL))
  .extend('pageErrors', () => new PageErrors())
  .extend('context', async ({ browser, baseURL, pageErrors }, { onCleanup }): Promise<BrowserContext> => {
    const context = await browser.newContext({ baseURL, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
    context.setDefaultTimeout(15_000);
    context.on('page', (page) => watch(page, pageErrors));
    onCleanup(() => context.close());
    return context;
  })
  .extend('page', async ({ context, pageErrors, task }, { onCleanup }): Promise<Page> => {
    const page = await context.newPage();
    onCleanup(async () => {
      const unexpected = pageErrors.unexpected();
      const failed = task.result?.state === 'fail' || unexpected.length > 0;
      const saved =
        failed && !page.isClosed()
          ? await saveArtifacts(page, `${path.basename(task.file.name)} - ${task.fullTestName ?? task.name}`)
          : [];
      if (unexpected.length > 0) {
        throw new Error(
          `the page logged ${unexpected.length} unexpected error(s):\n${unexpected.map((line) => `  • ${line}`).join('\n')}` +
            (saved.length > 0 ? `\nsaved: ${saved.map((file) => path.relative(repoRoot, file)).join(', ')}` : '') +
            '\n(expected ones: pageErrors.allow(/pattern/))',
        );
      }
      if (saved.length > 0)
        process.stderr.write(`e2e: saved ${saved.map((file) => path.relative(repoRoot, file)).join(', ')}\n`);
    });
    return page;
  });

export { expect, describe } from 'vitest';
