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

export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(secret);
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
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: ACCESS_TYPE,
        currentDate: this.clock.now(),
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw unauthenticated('auth.invalid_token');
      return { userId: payload.sub, sessionId: payload.sid };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('auth.token_expired', '로그인이 만료됐어요.');
      throw unauthenticated('auth.invalid_token', '인증 정보가 올바르지 않아요.');
    }
  }
}
