import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher, hashToken, randomToken } from './crypto';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('FieldCipher (AES-256-GCM with key ids)', () => {
  it('round-trips Korean text and never produces the same ciphertext twice', () => {
    const cipher = new FieldCipher([key('k1')]);
    const a = cipher.encrypt('서울특별시 강남구 테헤란로 1, 101동 1001호');
    const b = cipher.encrypt('서울특별시 강남구 테헤란로 1, 101동 1001호');
    expect(a).not.toBe(b);
    expect(a.startsWith('v1.k1.')).toBe(true);
    expect(cipher.decrypt(a)).toBe('서울특별시 강남구 테헤란로 1, 101동 1001호');
  });

  it('decrypts data sealed with an older key after rotation and says it needs re-encryption', () => {
    const old = key('k1');
    const sealed = new FieldCipher([old]).encrypt('01012345678');
    const rotated = new FieldCipher([key('k2'), old]);
    expect(rotated.decrypt(sealed)).toBe('01012345678');
    expect(rotated.needsRotation(sealed)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('x'))).toBe(false);
  });

  it('refuses tampered ciphertext and unknown keys', () => {
    const cipher = new FieldCipher([key('k1')]);
    const sealed = cipher.encrypt('01012345678');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[4]!, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    parts[4] = flipped.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
    expect(() => new FieldCipher([key('other')]).decrypt(sealed)).toThrow(/unknown key/);
  });
});

describe('tokens', () => {
  it('are random, URL-safe, and hashed deterministically', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(token);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toContain(token);
  });
});
