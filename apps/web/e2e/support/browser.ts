/** Chromium from Debian (`apt-get install chromium`), driven by playwright-core: never `playwright install`. */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The phone-sized viewport the layout checks use. */
export const MOBILE_VIEWPORT = { width: 375, height: 812 } as const;

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * One browser per test file. Playwright gives every launch a fresh temporary --user-data-dir of its
 * own (and deletes it on close), so nothing survives from one run or file to the next.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS, timeout: 60_000 });
}
