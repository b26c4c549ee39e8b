import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { AuthResult } from '@dongne/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../app';
import { FixedClock, systemClock, type Clock } from '../platform/clock';
import { loadConfig, type AppConfig } from '../platform/config';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestAppOptions {
  /** Extra environment variables, as the server would read them. */
  env?: Record<string, string>;
  clock?: Clock;
  /** Keep every log line in `logs` (for redaction tests). */
  captureLogs?: boolean;
  /** Run a second API node on another test app's database (multi-process scenarios). */
  shareDatabaseWith?: TestApp;
}

export interface TestApp {
  app: App;
  config: AppConfig;
  database: TestDatabase;
  clock: Clock;
  logs: string[];
  close(): Promise<void>;
}

export const testKeys = () => `test1:${randomBytes(32).toString('base64')}`;

/** Environment for a test server: cheap argon2, no rate limits unless a test asks for them. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    DATA_KEYS: testKeys(),
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_ITERATIONS: '1',
    AUTH_RATE_LIMIT: '100000',
    PUBLIC_URL: 'http://dongne.test',
    ...extra,
  };
}

/** An app on its own fresh database, as `app.inject` clients see it. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const shared = options.shareDatabaseWith?.database;
  const database = shared
    ? await shareDatabase(shared)
    : await createTestDatabase();
  const logs: string[] = [];
  const env = testEnv(options.captureLogs ? { LOG_LEVEL: 'info', ...options.env } : options.env);
  const config = loadConfig(env);
  const clock = options.clock ?? systemClock;
  const logStream = options.captureLogs
    ? new Writable({
        write(chunk, _encoding, done) {
          logs.push(String(chunk));
          done();
        },
      })
    : undefined;
  const app = await buildApp(config, { database: database.handle, clock, serveWeb: false, ...(logStream ? { logStream } : {}) });
  await app.ready();
  // Queues exist so services can enqueue; handlers run only when a test asks (`jobs.runDue`).
  await app.platform.jobs.start({ work: false });
  return {
    app,
    config,
    database,
    clock,
    logs,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** A second pool on the same PostgreSQL database (or the same PGlite), left for its owner to drop. */
async function shareDatabase(owner: TestDatabase): Promise<TestDatabase> {
  if (!owner.url) return { ...owner, drop: async () => undefined };
  const { openDatabase } = await import('../platform/db');
  const handle = openDatabase({ databaseUrl: owner.url, poolMax: 5 });
  return { handle, driver: 'postgres', url: owner.url, drop: () => handle.close() };
}

export { FixedClock };

let sequence = 0;
export const uniqueSuffix = () => `${process.pid % 1000}${++sequence}${randomBytes(2).toString('hex')}`;

export interface SignedUpUser extends AuthResult {
  password: string;
  refreshCookie: string;
  headers: { authorization: string };
}

export const VALID_PASSWORD = 'pass1234!';

/** Signs a user up through the real endpoint and returns what a client would hold. */
export async function createUser(
  app: App,
  overrides: Partial<{ email: string; password: string; nickname: string }> = {},
): Promise<SignedUpUser> {
  const suffix = uniqueSuffix();
  const body = {
    email: overrides.email ?? `user${suffix}@dongne.test`,
    password: overrides.password ?? VALID_PASSWORD,
    nickname: overrides.nickname ?? `이웃${suffix}`.slice(0, 20),
  };
  const response = await app.inject({ method: 'POST', url: '/api/auth/signup', payload: body });
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.statusCode} ${response.body}`);
  const result = response.json<AuthResult>();
  return {
    ...result,
    password: body.password,
    refreshCookie: refreshCookieOf(response),
    headers: { authorization: `Bearer ${result.accessToken}` },
  };
}

/** The `dongne_refresh` value a response set ('' when it cleared or did not set it). */
export function refreshCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'dongne_refresh');
  return cookie?.value ?? '';
}

export const bearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });

/** The newest mail to an address, straight from the outbox (no SMTP in most tests). */
export async function lastMailTo(testApp: TestApp, email: string, template?: string) {
  const { mailOutbox } = await import('../platform/mail');
  const { and, desc, eq } = await import('drizzle-orm');
  const [mail] = await testApp.database.handle.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.recipient, email), template ? eq(mailOutbox.template, template) : undefined))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  return mail;
}

export const tokenFromMail = (text: string) => /token=([A-Za-z0-9_%-]+)/.exec(text)?.[1] ?? '';

/** Redis for multi-node tests: TEST_REDIS_URL or the local default. */
export async function reachableRedisUrl(): Promise<string | undefined> {
  const { testRedisUrl } = await import('../platform/config');
  const url = testRedisUrl();
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return url;
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}
