import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The only place that reads process.env. Every variable is declared here with its default;
 * `.env.example` mirrors this list.
 */
const Bool = Type.Enum(['true', 'false']);
const Url = Type.String({ pattern: '^[a-z][a-z0-9+.-]*://' });

const EnvSchema = Type.Object({
  NODE_ENV: Type.Enum(['development', 'test', 'production'], { default: 'development' }),
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  PUBLIC_URL: Type.Optional(Url),
  DATA_DIR: Type.String({ default: './data' }),
  DATABASE_URL: Type.Optional(Url),
  DATABASE_POOL_MAX: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  REDIS_URL: Type.Optional(Url),
  SEED_DEMO: Type.Optional(Bool),
  PAYMENTS_MODE: Type.Enum(['test', 'live'], { default: 'test' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  TRUST_PROXY: Type.Optional(Bool),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 30, maximum: 3600, default: 900 }),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 14 }),
  SESSION_MAX_AGE_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 60 }),
  DATA_KEYS: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$' })),
  AUTH_RATE_LIMIT: Type.Integer({ minimum: 1, default: 10 }),
  LOGIN_LOCK_THRESHOLD: Type.Integer({ minimum: 1, default: 5 }),
  ARGON2_MEMORY_KIB: Type.Integer({ minimum: 1024, default: 19_456 }),
  ARGON2_ITERATIONS: Type.Integer({ minimum: 1, default: 2 }),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  SMTP_URL: Type.Optional(Url),
  MAIL_FROM: Type.String({ default: '동네 <no-reply@dongne.local>' }),
  KAKAO_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  KAKAO_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  KAKAO_AUTHORIZE_URL: Url,
  KAKAO_TOKEN_URL: Url,
  KAKAO_PROFILE_URL: Url,
  NAVER_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  NAVER_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  NAVER_AUTHORIZE_URL: Url,
  NAVER_TOKEN_URL: Url,
  NAVER_PROFILE_URL: Url,
  GOOGLE_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  GOOGLE_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  GOOGLE_AUTHORIZE_URL: Url,
  GOOGLE_TOKEN_URL: Url,
  GOOGLE_PROFILE_URL: Url,
  KAKAO_REST_API_KEY: Type.Optional(Type.String({ minLength: 1 })),
  KAKAO_LOCAL_URL: Url,
  GEOCODER_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 30_000, default: 3000 }),
  GEOCODE_RATE_LIMIT: Type.Integer({ minimum: 1, default: 30 }),
  MEDIA_IMAGE_MAX_BYTES: Type.Integer({ minimum: 1024, default: 15 * 1024 * 1024 }),
  MEDIA_VIDEO_MAX_BYTES: Type.Integer({ minimum: 1024, default: 2 * 1024 * 1024 * 1024 }),
  MEDIA_IMAGE_MAX_PIXELS: Type.Integer({ minimum: 1, default: 50_000_000 }),
  MEDIA_URL_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 86_400, default: 4 * 3600 }),
  FFMPEG_PATH: Type.Optional(Type.String({ minLength: 1 })),
  FFPROBE_PATH: Type.Optional(Type.String({ minLength: 1 })),
});
type Env = Static<typeof EnvSchema>;

const providerDefaults: Record<string, string> = {
  KAKAO_AUTHORIZE_URL: 'https://kauth.kakao.com/oauth/authorize',
  KAKAO_TOKEN_URL: 'https://kauth.kakao.com/oauth/token',
  KAKAO_PROFILE_URL: 'https://kapi.kakao.com/v2/user/me',
  NAVER_AUTHORIZE_URL: 'https://nid.naver.com/oauth2.0/authorize',
  NAVER_TOKEN_URL: 'https://nid.naver.com/oauth2.0/token',
  NAVER_PROFILE_URL: 'https://openapi.naver.com/v1/nid/me',
  GOOGLE_AUTHORIZE_URL: 'https://accounts.google.com/o/oauth2/v2/auth',
  GOOGLE_TOKEN_URL: 'https://oauth2.googleapis.com/token',
  GOOGLE_PROFILE_URL: 'https://openidconnect.googleapis.com/v1/userinfo',
  KAKAO_LOCAL_URL: 'https://dapi.kakao.com',
};

export type OAuthProviderId = 'kakao' | 'naver' | 'google';
export interface OAuthProviderConfig {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  profileUrl: string;
}

export interface AppConfig {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  redisUrl: string | undefined;
  seedDemo: boolean;
  /** `test`: payment gateways run in their sandbox and the web app shows a "testing" badge. */
  paymentsMode: 'test' | 'live';
  logLevel: string;
  trustProxy: boolean;
  bodyLimitBytes: number;
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    sessionMaxAgeDays: number;
    rateLimitPerMinute: number;
    loginLockThreshold: number;
    argon2: { memoryCost: number; timeCost: number };
    secureCookies: boolean;
  };
  /** Encryption keys for personal data; the first is used to encrypt, all decrypt. */
  dataKeys: { id: string; key: Buffer }[];
  metricsToken: string | undefined;
  mail: { smtpUrl: string | undefined; from: string };
  oauth: Partial<Record<OAuthProviderId, OAuthProviderConfig>>;
  geocoding: {
    /** Kakao Local REST API key; unset = the geocoding endpoints answer 503 and the web app asks for a region. */
    kakaoRestApiKey: string | undefined;
    kakaoLocalUrl: string;
    timeoutMs: number;
    rateLimitPerMinute: number;
  };
  media: {
    /** Local media files live under `<dataDir>/media`. */
    storageDir: string;
    imageMaxBytes: number;
    videoMaxBytes: number;
    /** Images whose width × height exceed this are refused before decoding (decompression bombs). */
    imageMaxPixels: number;
    /** How long signed playback URLs stay valid. */
    urlTtlSeconds: number;
    /** `ffmpeg`/`ffprobe` on PATH unless given. */
    ffmpegPath: string;
    ffprobePath: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type RawEnv = Record<string, string | undefined>;

/** Parses and validates the environment once; throws ConfigError listing every bad variable. */
export function loadConfig(rawEnv: RawEnv = process.env): AppConfig {
  const known = Object.keys(EnvSchema.properties);
  const picked: Record<string, unknown> = { ...providerDefaults };
  for (const key of known) {
    const value = rawEnv[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const converted = Value.Default(EnvSchema, Value.Convert(EnvSchema, picked));
  const byVariable = new Map<string, string>();
  for (const error of Value.Errors(EnvSchema, converted)) {
    const variable = error.instancePath.replace(/^\//, '') || '(environment)';
    if (byVariable.has(variable)) continue;
    const given = variable in picked ? ` (got ${JSON.stringify(redactIfSecret(variable, picked[variable]))})` : '';
    byVariable.set(variable, `${variable}: ${error.message}${given}`);
  }
  const problems = [...byVariable.values()];
  if (problems.length > 0) throw new ConfigError(problems);
  const env = converted as Env;
  return buildConfig(env, problems);
}

function redactIfSecret(variable: string, value: unknown): unknown {
  return /SECRET|TOKEN|KEY|PASSWORD|URL$/.test(variable) && typeof value === 'string' ? `${value.slice(0, 4)}…` : value;
}

const truthy = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined ? fallback : value === 'true';

function buildConfig(env: Env, problems: string[]): AppConfig {
  const dataDir = path.resolve(env.DATA_DIR);
  const isProduction = env.NODE_ENV === 'production';
  const devSecrets = isProduction || (env.JWT_SECRET && env.DATA_KEYS) ? undefined : loadDevSecrets(dataDir, env.NODE_ENV);
  const jwtSecret = env.JWT_SECRET ?? devSecrets?.jwtSecret;
  const dataKeysText = env.DATA_KEYS ?? devSecrets?.dataKeys;
  if (!jwtSecret) problems.push('JWT_SECRET: required in production (32+ characters)');
  if (!dataKeysText) problems.push('DATA_KEYS: required in production ("keyId:base64-32-bytes[,older…]")');
  const dataKeys = (dataKeysText ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => {
      const [id = '', encoded = ''] = entry.split(':');
      const key = Buffer.from(encoded, 'base64');
      if (key.length !== 32) problems.push(`DATA_KEYS: key "${id}" must be 32 bytes, base64-encoded`);
      return { id, key };
    });
  if (problems.length > 0) throw new ConfigError(problems);

  const oauth: AppConfig['oauth'] = {};
  for (const provider of ['kakao', 'naver', 'google'] as const) {
    const prefix = provider.toUpperCase() as 'KAKAO' | 'NAVER' | 'GOOGLE';
    const clientId = env[`${prefix}_CLIENT_ID`];
    const clientSecret = env[`${prefix}_CLIENT_SECRET`];
    if (clientId && clientSecret) {
      oauth[provider] = {
        clientId,
        clientSecret,
        authorizeUrl: env[`${prefix}_AUTHORIZE_URL`],
        tokenUrl: env[`${prefix}_TOKEN_URL`],
        profileUrl: env[`${prefix}_PROFILE_URL`],
      };
    }
  }

  const shownHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl: (env.PUBLIC_URL ?? `http://${shownHost}:${env.PORT}`).replace(/\/$/, ''),
    dataDir,
    databaseUrl: env.DATABASE_URL,
    databasePoolMax: env.DATABASE_POOL_MAX,
    redisUrl: env.REDIS_URL,
    seedDemo: truthy(env.SEED_DEMO, env.NODE_ENV !== 'test'),
    paymentsMode: env.PAYMENTS_MODE,
    logLevel: env.LOG_LEVEL,
    trustProxy: truthy(env.TRUST_PROXY, false),
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    auth: {
      jwtSecret: jwtSecret as string,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      sessionMaxAgeDays: env.SESSION_MAX_AGE_DAYS,
      rateLimitPerMinute: env.AUTH_RATE_LIMIT,
      loginLockThreshold: env.LOGIN_LOCK_THRESHOLD,
      argon2: { memoryCost: env.ARGON2_MEMORY_KIB, timeCost: env.ARGON2_ITERATIONS },
      secureCookies: isProduction,
    },
    dataKeys,
    metricsToken: env.METRICS_TOKEN,
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    oauth,
    geocoding: {
      kakaoRestApiKey: env.KAKAO_REST_API_KEY,
      kakaoLocalUrl: env.KAKAO_LOCAL_URL.replace(/\/$/, ''),
      timeoutMs: env.GEOCODER_TIMEOUT_MS,
      rateLimitPerMinute: env.GEOCODE_RATE_LIMIT,
    },
    media: {
      storageDir: path.join(dataDir, 'media'),
      imageMaxBytes: env.MEDIA_IMAGE_MAX_BYTES,
      videoMaxBytes: env.MEDIA_VIDEO_MAX_BYTES,
      imageMaxPixels: env.MEDIA_IMAGE_MAX_PIXELS,
      urlTtlSeconds: env.MEDIA_URL_TTL_SECONDS,
      ffmpegPath: env.FFMPEG_PATH ?? 'ffmpeg',
      ffprobePath: env.FFPROBE_PATH ?? (env.FFMPEG_PATH ? path.join(path.dirname(env.FFMPEG_PATH), 'ffprobe') : 'ffprobe'),
    },
  };
}

/**
 * Outside production, secrets that were not given are generated once and kept in DATA_DIR,
 * so sessions and encrypted data survive a restart of `npm start`.
 */
function loadDevSecrets(dataDir: string, env: Env['NODE_ENV']): { jwtSecret: string; dataKeys: string } {
  const fresh = () => ({
    jwtSecret: randomBytes(32).toString('base64url'),
    dataKeys: `dev1:${randomBytes(32).toString('base64')}`,
  });
  if (env === 'test') return fresh();
  const file = path.join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string; dataKeys: string };
  const secrets = fresh();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/** Where the test kit finds its PostgreSQL server, when the suite runs against one. */
export function testDatabaseUrl(rawEnv: RawEnv = process.env): string | undefined {
  return rawEnv.TEST_DATABASE_URL || undefined;
}

export function testRedisUrl(rawEnv: RawEnv = process.env): string {
  return rawEnv.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
}

/** CI must run every suite; locally a missing Redis only skips the multi-node tests. */
export const isCi = (rawEnv: RawEnv = process.env): boolean => Boolean(rawEnv.CI);

/** Benchmarks and tests run helper processes with the same environment the server would read. */
export function processEnvironment(): RawEnv {
  return { ...process.env };
}
