import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCi } from '../../platform/config';
import { bearer, createTestApp, createUser, reachableRedisUrl, testKeys, type TestApp } from '../../testing/test-app';

/**
 * Two API nodes on one database and one Redis: what one node revokes, the other refuses on the
 * very next request, although it had the session cached.
 */
const redisUrl = await reachableRedisUrl();
if (!redisUrl && isCi()) throw new Error('Redis is required in CI (TEST_REDIS_URL or 127.0.0.1:6379)');

describe.runIf(redisUrl)('two API nodes sharing PostgreSQL/PGlite and Redis', () => {
  let nodeA: TestApp;
  let nodeB: TestApp;
  beforeAll(async () => {
    const shared = {
      JWT_SECRET: randomBytes(32).toString('base64url'),
      DATA_KEYS: testKeys(),
      REDIS_URL: redisUrl!,
      AUTH_RATE_LIMIT: '4',
    };
    nodeA = await createTestApp({ env: shared });
    nodeB = await createTestApp({ env: shared, shareDatabaseWith: nodeA });
  });
  afterAll(async () => {
    await nodeB?.close();
    await nodeA?.close();
  });

  it('logout on node A is refused on node B at once', async () => {
    const user = await createUser(nodeA.app);
    expect((await nodeB.app.inject({ method: 'GET', url: '/api/me', headers: bearer(user.accessToken) })).statusCode).toBe(200);
    await nodeA.app.inject({ method: 'POST', url: '/api/auth/logout', headers: user.headers, cookies: { dongne_refresh: user.refreshCookie } });
    await expect.poll(async () => (await nodeB.app.inject({ method: 'GET', url: '/api/me', headers: bearer(user.accessToken) })).statusCode, { timeout: 2000 }).toBe(401);
  });

  it('a profile change on node A shows in GET /api/me on node B, which had the old one cached', async () => {
    const user = await createUser(nodeA.app);
    const me = (node: TestApp) => node.app.inject({ method: 'GET', url: '/api/me', headers: bearer(user.accessToken) });
    expect((await me(nodeB)).json().introduction).toBe('');
    const patched = await nodeA.app.inject({ method: 'PATCH', url: '/api/me', headers: bearer(user.accessToken), payload: { introduction: '망원동 주민' } });
    expect(patched.statusCode).toBe(200);
    await expect.poll(async () => (await me(nodeB)).json().introduction, { timeout: 2000 }).toBe('망원동 주민');
  });

  it('shares auth rate-limit counters across nodes', async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const attempt = (node: TestApp) =>
      node.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { email: 'n@dongne.test', password: 'wrong123!' } });
    const statuses = [];
    for (const node of [nodeA, nodeB, nodeA, nodeB, nodeA]) statuses.push((await attempt(node)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });
});
