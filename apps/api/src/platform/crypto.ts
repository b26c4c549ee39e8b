import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe secret (refresh tokens, reset tokens, OAuth state). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** High-entropy tokens need no slow hash: SHA-256 keeps lookups indexable. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

export const safeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

export interface DataKey {
  id: string;
  key: Buffer;
}

/**
 * AES-256-GCM for personal data at rest (phone numbers, detailed addresses).
 * Stored as `v1.<keyId>.<iv>.<tag>.<ciphertext>`; the key id lets old rows decrypt after rotation.
 */
export class FieldCipher {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: DataKey[]) {
    if (keys.length === 0) throw new Error('FieldCipher needs at least one key');
    this.byId = new Map(keys.map((entry) => [entry.id, entry.key]));
  }

  encrypt(plaintext: string): string {
    const current = this.keys[0] as DataKey;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', current.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', current.id, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, keyId = '', iv = '', tag = '', ciphertext = ''] = sealed.split('.');
    const key = this.byId.get(keyId);
    if (version !== 'v1' || !key) throw new Error(`Cannot decrypt: unknown key "${keyId}"`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** True when the value was sealed with an older key and should be re-encrypted. */
  needsRotation(sealed: string): boolean {
    return sealed.split('.')[1] !== this.keys[0]?.id;
  }
}
