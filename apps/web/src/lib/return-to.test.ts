import { describe, expect, it } from 'vitest';
import { loginPathFor, safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it('keeps same-site paths with their query and fragment', () => {
    expect(safeReturnTo('/account')).toBe('/account');
    expect(safeReturnTo('/spaces?date=2025-03-05#top')).toBe('/spaces?date=2025-03-05#top');
  });

  it('refuses anything that could leave the site, and login loops', () => {
    for (const value of [
      null,
      undefined,
      '',
      'account',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/x\nSet-Cookie',
      '/login',
      '/signup?x=1',
    ]) {
      expect(safeReturnTo(value)).toBe('/');
    }
  });

  it('builds the login link for a protected page', () => {
    expect(loginPathFor('/account')).toBe('/login?returnTo=%2Faccount');
    expect(loginPathFor('/')).toBe('/login');
  });
});
