import { CodeChallengeMethod, OAuth2Client, OAuth2Tokens } from 'arctic';
import type { OAuthProviderConfig } from '../../platform/config';
import { NICKNAME_MAX_LENGTH, nicknameProblems } from './account-rules';

/**
 * Everything that differs between Kakao, Naver and Google: scopes, PKCE, how the client
 * authenticates at the token endpoint, and the shape of the profile each one returns.
 * The parsers are pure; `ProviderClient` is the only code here that talks to a provider.
 */
export const OAUTH_PROVIDERS = ['kakao', 'naver', 'google'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

export const isOAuthProvider = (name: string): name is OAuthProvider =>
  (OAUTH_PROVIDERS as readonly string[]).includes(name);

/** What the server itself read from the provider; never taken from the browser. */
export interface ProviderProfile {
  providerUserId: string;
  /** Lower-cased; null when the provider gave none or an unusable one. */
  email: string | null;
  /** True only when the provider asserts that it verified the address. */
  emailVerified: boolean;
  nickname: string | null;
}

interface ProviderSpec {
  scopes: string[];
  pkce: boolean;
  /** `basic`: HTTP Basic (arctic's default); `post`: client_id and client_secret in the form body. */
  clientAuth: 'basic' | 'post';
  /** Used for a nickname when the provider gave no usable one. */
  fallbackNickname: string;
  parseProfile(body: unknown): ProviderProfile | undefined;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** Provider ids are opaque strings; Kakao sends a number (safe integers only: no silent rounding). */
function userId(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
  const id = text(value);
  return id && id.length <= 255 ? id : null;
}

export function normaliseProviderEmail(value: unknown): string | null {
  const email = text(value)?.toLowerCase();
  if (!email || email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return null;
  return email;
}

function profile(
  providerUserId: string | null,
  email: unknown,
  verified: boolean,
  nickname: unknown,
): ProviderProfile | undefined {
  if (!providerUserId) return undefined;
  const normalised = normaliseProviderEmail(email);
  return {
    providerUserId,
    email: normalised,
    emailVerified: normalised !== null && verified,
    nickname: text(nickname),
  };
}

/** Kakao `/v2/user/me`: verified only when the address is both valid and verified. */
export function parseKakaoProfile(body: unknown): ProviderProfile | undefined {
  if (!isObject(body)) return undefined;
  const account = isObject(body.kakao_account) ? body.kakao_account : {};
  const accountProfile = isObject(account.profile) ? account.profile : {};
  const legacy = isObject(body.properties) ? body.properties : {};
  const verified = account.is_email_valid === true && account.is_email_verified === true;
  return profile(userId(body.id), account.email, verified, accountProfile.nickname ?? legacy.nickname);
}

/** Naver `/v1/nid/me`: Naver only hands out addresses it has verified. */
export function parseNaverProfile(body: unknown): ProviderProfile | undefined {
  if (!isObject(body) || body.resultcode !== '00' || !isObject(body.response)) return undefined;
  const response = body.response;
  return profile(userId(response.id), response.email, true, response.nickname ?? response.name);
}

/** OpenID Connect userinfo (Google): `email_verified` must be asserted. */
export function parseGoogleProfile(body: unknown): ProviderProfile | undefined {
  if (!isObject(body)) return undefined;
  const verified = body.email_verified === true || body.email_verified === 'true';
  return profile(userId(body.sub), body.email, verified, body.name ?? body.given_name);
}

export const providerSpecs: Record<OAuthProvider, ProviderSpec> = {
  kakao: {
    scopes: ['profile_nickname', 'account_email'],
    pkce: false,
    clientAuth: 'post',
    fallbackNickname: '카카오이웃',
    parseProfile: parseKakaoProfile,
  },
  naver: {
    scopes: [],
    pkce: false,
    clientAuth: 'post',
    fallbackNickname: '네이버이웃',
    parseProfile: parseNaverProfile,
  },
  google: {
    scopes: ['openid', 'email', 'profile'],
    pkce: true,
    clientAuth: 'basic',
    fallbackNickname: '구글이웃',
    parseProfile: parseGoogleProfile,
  },
};

const graphemes = (value: string) =>
  [...new Intl.Segmenter('ko', { granularity: 'grapheme' }).segment(value)].map((s) => s.segment);

/**
 * A provider's display name made into a valid nickname (letters, digits, `_ . -`, 2–20
 * characters), or the provider's fallback when nothing usable is left.
 */
export function nicknameFromProvider(raw: string | null, fallback: string): string {
  const cleaned = (raw ?? '')
    .normalize('NFC')
    .trim()
    .replace(/\s+/gu, '_')
    .replace(/[^\p{L}\p{N}_.-]/gu, '')
    .replace(/_{2,}/g, '_')
    .replace(/^[_.-]+|[_.-]+$/g, '');
  const candidate = graphemes(cleaned).slice(0, NICKNAME_MAX_LENGTH).join('');
  return nicknameProblems(candidate).length === 0 ? candidate : fallback;
}

/** Attempt 0 is the base itself; later attempts append more and more random digits. */
export function nicknameCandidate(base: string, attempt: number, random: () => number = Math.random): string {
  if (attempt === 0) return base;
  const digits = Math.min(3 + attempt, 8);
  const suffix = String(Math.floor(random() * 10 ** digits)).padStart(digits, '0');
  return (
    graphemes(base)
      .slice(0, NICKNAME_MAX_LENGTH - digits)
      .join('') + suffix
  );
}

/** Only same-site relative paths: `/x`, never `//evil`, `/\evil`, a scheme or control characters. */
export function safeReturnTo(value: string | undefined | null): string {
  if (!value || value.length > 500 || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return '/';
  if (/[\p{Cc}\\]/u.test(value)) return '/';
  const withoutFragment = value.split('#')[0] ?? '/';
  try {
    const resolved = new URL(withoutFragment, 'http://same.invalid');
    if (resolved.host !== 'same.invalid' || resolved.pathname.startsWith('//')) return '/';
    return `${resolved.pathname}${resolved.search}`;
  } catch {
    return '/';
  }
}

/** A provider answered something we cannot use (transport failure, error status, odd body). */
export class ProviderFailure extends Error {
  constructor(
    readonly stage: 'token' | 'profile',
    readonly reason: string,
  ) {
    super(`${stage}: ${reason}`);
    this.name = 'ProviderFailure';
  }
}

const TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, stage: 'token' | 'profile'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderFailure(stage, 'timeout')), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const summarise = (error: unknown): string => {
  if (error instanceof ProviderFailure) return error.reason;
  const { name, code, status } = (error ?? {}) as { name?: string; code?: unknown; status?: unknown };
  return [name ?? 'error', typeof code === 'string' ? code : undefined, typeof status === 'number' ? status : undefined]
    .filter(Boolean)
    .join(' ');
};

/** Talks to one configured provider: authorization URL, code exchange, profile. */
export class ProviderClient {
  private readonly client: OAuth2Client;
  readonly spec: ProviderSpec;

  constructor(
    readonly name: OAuthProvider,
    private readonly config: OAuthProviderConfig,
    private readonly redirectUri: string,
  ) {
    this.spec = providerSpecs[name];
    this.client = new OAuth2Client(config.clientId, config.clientSecret, redirectUri);
  }

  authorizationUrl(state: string, codeVerifier: string | null): string {
    const { scopes } = this.spec;
    const url = codeVerifier
      ? this.client.createAuthorizationURLWithPKCE(
          this.config.authorizeUrl,
          state,
          CodeChallengeMethod.S256,
          codeVerifier,
          scopes,
        )
      : this.client.createAuthorizationURL(this.config.authorizeUrl, state, scopes);
    return url.toString();
  }

  /** The provider's access token for this code; throws ProviderFailure. */
  async exchangeCode(code: string, codeVerifier: string | null): Promise<string> {
    try {
      const tokens = await withTimeout(
        this.spec.clientAuth === 'basic'
          ? this.client.validateAuthorizationCode(this.config.tokenUrl, code, codeVerifier)
          : this.postTokenRequest(code),
        'token',
      );
      return tokens.accessToken();
    } catch (error) {
      throw new ProviderFailure('token', summarise(error));
    }
  }

  async fetchProfile(accessToken: string): Promise<ProviderProfile> {
    let body: unknown;
    try {
      const response = await fetch(this.config.profileUrl, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new ProviderFailure('profile', `status ${response.status}`);
      }
      body = await response.json();
    } catch (error) {
      throw new ProviderFailure('profile', summarise(error));
    }
    const parsed = this.spec.parseProfile(body);
    if (!parsed) throw new ProviderFailure('profile', 'unexpected profile shape');
    return parsed;
  }

  /** Kakao and Naver want the client secret in the form body (client_secret_post). */
  private async postTokenRequest(code: string): Promise<OAuth2Tokens> {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.redirectUri,
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
    });
    const response = await fetch(this.config.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const data: unknown = await response.json().catch(() => undefined);
    // Naver answers errors with 200 and an `error` member.
    if (response.status !== 200 || !isObject(data) || 'error' in data) {
      const code = isObject(data) && typeof data.error === 'string' ? data.error.slice(0, 60) : 'no body';
      throw new ProviderFailure('token', `status ${response.status} ${code}`);
    }
    return new OAuth2Tokens(data);
  }
}
