import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export interface UrlSignature {
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** The user the URL was issued to. */
  u: string;
  sig: string;
}

/**
 * HMAC-SHA256 signatures for URLs handed to players and browsers that cannot send a bearer
 * token (HLS segments, posters). A signature covers a scope (a path prefix such as
 * `/api/media/<id>/hls/`), the user it was issued to and its expiry; the key is derived from
 * the server's secret with HKDF, so rotating JWT_SECRET invalidates every signed URL.
 */
export class UrlSigner {
  private readonly key: Buffer;

  constructor(secret: string, purpose = 'dongne media urls v1') {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'dongne-url-signing', purpose, 32));
  }

  sign(scope: string, userId: string, expiresAt: Date): UrlSignature {
    const exp = Math.floor(expiresAt.getTime() / 1000);
    return { exp, u: userId, sig: this.mac(scope, userId, exp) };
  }

  /** True when the signature is this server's for that scope, user and expiry, and not expired at `now`. */
  verify(scope: string, given: { exp?: unknown; u?: unknown; sig?: unknown }, now: Date): boolean {
    const exp = Number(given.exp);
    if (!Number.isSafeInteger(exp) || typeof given.u !== 'string' || typeof given.sig !== 'string') return false;
    if (exp * 1000 <= now.getTime()) return false;
    const expected = Buffer.from(this.mac(scope, given.u, exp));
    const actual = Buffer.from(given.sig);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  /** `exp=…&u=…&sig=…` for appending to a URL. */
  static query(signature: UrlSignature): string {
    return new URLSearchParams({ exp: String(signature.exp), u: signature.u, sig: signature.sig }).toString();
  }

  private mac(scope: string, userId: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${scope}\n${userId}\n${exp}`).digest('base64url');
  }
}
