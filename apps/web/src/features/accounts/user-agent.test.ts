import { describe, expect, it } from 'vitest';
import { describeUserAgent, isMobileUserAgent } from './user-agent';

describe('describeUserAgent', () => {
  it('names the browser and the system', () => {
    const chromeMac =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
    const samsung =
      'Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0 Mobile Safari/537.36';
    const safariPhone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
    expect(describeUserAgent(chromeMac)).toBe('Chrome · macOS');
    expect(describeUserAgent(samsung)).toBe('Samsung Internet · Android');
    expect(describeUserAgent(safariPhone)).toBe('Safari · iOS');
    expect(isMobileUserAgent(safariPhone)).toBe(true);
    expect(isMobileUserAgent(chromeMac)).toBe(false);
  });

  it('gives up politely on unknown or missing agents', () => {
    expect(describeUserAgent(null)).toBeUndefined();
    expect(describeUserAgent('curl/8.5.0')).toBeUndefined();
  });
});
