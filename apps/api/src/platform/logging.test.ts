import { describe, expect, it } from 'vitest';
import { redactUrl } from './logging';
import { isPrivateAddress } from './observability';

describe('redactUrl', () => {
  it('hides secret query values and keeps the rest', () => {
    expect(redactUrl('/api/auth/oauth/kakao/callback?code=abc&state=def&lang=ko')).toBe(
      '/api/auth/oauth/kakao/callback?code=%5Bredacted%5D&state=%5Bredacted%5D&lang=ko',
    );
    expect(redactUrl('/api/health')).toBe('/api/health');
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.0.10', true],
    ['fd00::1', true],
    ['172.32.0.1', false],
    ['8.8.8.8', false],
    ['2001:db8::1', false],
    ['garbage', false],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});
