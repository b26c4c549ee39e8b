import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const base = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), DATA_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}` };

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({ host: '127.0.0.1', port: 3000, publicUrl: 'http://127.0.0.1:3000', seedDemo: false });
    expect(config.auth).toMatchObject({ accessTokenTtlSeconds: 900, rateLimitPerMinute: 10, secureCookies: false });
    expect(config.oauth).toEqual({});
  });

  it('lists every bad variable at once, readably, without echoing secrets', () => {
    let error: unknown;
    try {
      loadConfig({ ...base, PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'not a url', JWT_SECRET: 'short-secret' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/^Invalid configuration:/);
    for (const variable of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'JWT_SECRET']) expect(message).toContain(`- ${variable}`);
    expect(message).not.toContain('short-secret');
  });

  it('requires JWT_SECRET and DATA_KEYS in production, and checks key length', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET[\s\S]*DATA_KEYS/);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', DATA_KEYS: 'k1:c2hvcnQ=' })).toThrow(/32 bytes/);
    const production = loadConfig({ ...base, NODE_ENV: 'production' });
    expect(production.auth.secureCookies).toBe(true);
  });

  it('enables a social provider only when both its id and secret are set', () => {
    expect(loadConfig({ ...base, KAKAO_CLIENT_ID: 'id' }).oauth.kakao).toBeUndefined();
    const config = loadConfig({ ...base, KAKAO_CLIENT_ID: 'id', KAKAO_CLIENT_SECRET: 'secret' });
    expect(config.oauth.kakao).toMatchObject({ clientId: 'id', profileUrl: 'https://kapi.kakao.com/v2/user/me' });
  });
});
