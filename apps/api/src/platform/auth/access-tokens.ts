import { webcrypto } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { unauthenticated } from '../errors';
import { newId } from '../ids';
import type { Clock } from '../clock';

const ISSUER = 'dongne';
const AUDIENCE = 'dongne-api';
/** RFC 9068 type: a refresh token or any other JWT can never pass as an access token. */
const ACCESS_TYPE = 'at+jwt';

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

interface VerifiedToken {
  claims: AccessClaims;
  expiresAtMs: number;
}

/** A client sends the same token for its whole life: about one entry per signed-in client. */
const VERIFIED_CACHE_MAX = 20_000;

export class AccessTokens {
  private readonly key: Uint8Array;
  /** Imported once: jose would otherwise import the raw secret on every verification. */
  private readonly verificationKey: Promise<webcrypto.CryptoKey>;
  /**
   * Tokens whose signature and claims already checked out, keyed by the whole token (signature
   * included, so a tampered token is never a hit). WebCrypto verification was a quarter of the
   * CPU of an authenticated read. Expiry is still checked on every use.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(secret);
    this.verificationKey = webcrypto.subtle.importKey('raw', this.key, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  }

  async sign(claims: AccessClaims): Promise<string> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: ACCESS_TYPE })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti(newId())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessClaims> {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > this.clock.now().getTime()) return known.claims;
    if (known) this.verified.delete(token);
    return this.verifySignatureAndClaims(token);
  }

  private async verifySignatureAndClaims(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, await this.verificationKey, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: ACCESS_TYPE,
        currentDate: this.clock.now(),
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') {
        throw unauthenticated('auth.invalid_token');
      }
      const claims = { userId: payload.sub, sessionId: payload.sid };
      // Map keeps insertion order: the first key is the oldest entry.
      if (this.verified.size >= VERIFIED_CACHE_MAX) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { claims, expiresAtMs: payload.exp * 1000 });
      return claims;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('auth.token_expired', '로그인이 만료됐어요.');
      throw unauthenticated('auth.invalid_token', '인증 정보가 올바르지 않아요.');
    }
  }
}
