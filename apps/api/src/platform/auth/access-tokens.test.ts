import { describe, expect, it } from 'vitest';
import { FixedClock } from '../clock';
import { AccessTokens } from './access-tokens';

const SECRET = 'a-test-secret-that-is-long-enough-123456';
const claims = { userId: 'user-1', sessionId: 'session-1' };

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: { code?: string }) => error.code,
  );

describe('AccessTokens', () => {
  it('accepts its own token, again and again, until it expires, then refuses it as expired', async () => {
    const clock = new FixedClock(new Date('2026-11-23T01:00:00Z'));
    const tokens = new AccessTokens(SECRET, 900, clock);
    const token = await tokens.sign(claims);
    expect(await tokens.verify(token)).toEqual(claims);
    clock.advance(899_000);
    expect(await tokens.verify(token)).toEqual(claims);
    clock.advance(1_000);
    expect(await codeOf(tokens.verify(token))).toBe('auth.token_expired');
  });

  it('refuses a tampered copy of a token it has already accepted', async () => {
    const tokens = new AccessTokens(SECRET, 900, new FixedClock(new Date('2026-11-23T01:00:00Z')));
    const token = await tokens.sign(claims);
    await tokens.verify(token);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'user-2' })).toString('base64url');
    expect(await codeOf(tokens.verify(`${header}.${forged}.${signature}`))).toBe('auth.invalid_token');
    expect(await codeOf(tokens.verify(`${header}.${payload}.${signature!.slice(0, -2)}AA`))).toBe('auth.invalid_token');
  });

  it('refuses a token signed with another secret, even one accepted by the other issuer', async () => {
    const clock = new FixedClock(new Date('2026-11-23T01:00:00Z'));
    const other = new AccessTokens('another-secret-that-is-long-enough-98765', 900, clock);
    const token = await other.sign(claims);
    expect(await other.verify(token)).toEqual(claims);
    expect(await codeOf(new AccessTokens(SECRET, 900, clock).verify(token))).toBe('auth.invalid_token');
  });
});
