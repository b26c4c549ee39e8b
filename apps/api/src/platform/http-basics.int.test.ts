import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { BODY_LIMIT_BYTES: '4096', METRICS_TOKEN: 'metrics-token-0123456789' } });
});
afterAll(() => t.close());

const isProblem = (response: { headers: Record<string, unknown>; json: () => Record<string, unknown> }, status: number, code: string) => {
  expect(response.headers['content-type']).toContain('application/problem+json');
  const body = response.json();
  expect(body).toMatchObject({ status, code });
  expect(typeof body.title).toBe('string');
  expect(typeof body.type).toBe('string');
  expect(typeof body.requestId).toBe('string');
};

describe('bad input never becomes a 500', () => {
  it('malformed JSON → 400', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(response.statusCode).toBe(400);
    isProblem(response, 400, 'request.malformed_json');
  });

  it('oversized body → 413', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.kr', password: 'x'.repeat(5000) } });
    expect(response.statusCode).toBe(413);
    isProblem(response, 413, 'request.too_large');
  });

  it('unknown route → 404 problem, for any method', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const response = await t.app.inject({ method, url: '/api/does-not-exist' });
      expect(response.statusCode).toBe(404);
      isProblem(response, 404, 'route.not_found');
    }
  });

  it('unsupported content type → 415', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(response.statusCode).toBe(415);
    isProblem(response, 415, 'request.unsupported_media_type');
  });

  it('unknown body fields → 400 with the field path', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.kr', password: 'pass1234!', admin: true } });
    expect(response.statusCode).toBe(400);
    isProblem(response, 400, 'request.invalid');
  });

  it('echoes a caller-supplied request id, in the header and the problem body', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nope', headers: { 'x-request-id': 'trace-12345678' } });
    expect(response.headers['x-request-id']).toBe('trace-12345678');
    expect(response.json().requestId).toBe('trace-12345678');
  });
});

describe('health, readiness and docs', () => {
  it('GET /api/health → ok; /api/ready → database and migrations checked', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: true, migrations: true } });
  });

  it('GET /api/app-info: test payments by default; demo accounts only in development with demo data', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/app-info' })).json()).toEqual({
      environment: 'test',
      testPayments: true,
      demoAccounts: [],
      demoPassword: null,
    });
    const development = await createTestApp({ env: { NODE_ENV: 'development', SEED_DEMO: 'true', PAYMENTS_MODE: 'live' }, shareDatabaseWith: t });
    try {
      const info = (await development.app.inject({ method: 'GET', url: '/api/app-info' })).json();
      expect(info.testPayments).toBe(false);
      expect(info.demoAccounts).toContainEqual({ email: 'admin@dongne.dev', nickname: '동네관리자', roles: ['user', 'admin'] });
      expect(info.demoPassword).toEqual(expect.any(String));
    } finally {
      await development.close();
    }
  });

  it('serves the OpenAPI document with the accounts contract, and a self-hosted docs UI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/auth/signup', '/api/auth/login', '/api/auth/refresh', '/api/auth/logout', '/api/me']) {
      expect(doc.paths).toHaveProperty([path]);
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
    expect(docs.body).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
  });
});

describe('security headers', () => {
  it('API answers: a CSP that loads nothing, nosniff, no framing, no referrer, no caching', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['strict-transport-security']).toBeUndefined(); // only in production
  });

  it('pages (web app paths, API docs): the CSP the web app satisfies', async () => {
    for (const url of ['/account', '/api/docs/']) {
      const response = await t.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    const page = await t.app.inject({ method: 'GET', url: '/account' });
    expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('sends them on refusals too (404, 400)', async () => {
    for (const response of [
      await t.app.inject({ method: 'GET', url: '/api/no-such-route' }),
      await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' }),
    ]) {
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('metrics', () => {
  it('answers loopback callers with request counts by route template, latency, pool and event-loop lag', async () => {
    const user = await createUser(t.app);
    await t.app.inject({ method: 'GET', url: `/api/users/${user.user.id}` });
    const response = await t.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress: '127.0.0.1' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('http_requests_total{method="GET",route="/api/users/:userId",status="200"}');
    expect(response.body).toContain('http_request_duration_seconds_bucket');
    expect(response.body).toContain('db_pool_connections{state="total"}');
    expect(response.body).toContain('nodejs_eventloop_lag');
    expect(response.body).not.toContain(user.user.id);
  });

  it('refuses public addresses without the token, and accepts the token', async () => {
    const publicCall = await t.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress: '203.0.113.50' });
    expect(publicCall.statusCode).toBe(403);
    const withToken = await t.app.inject({
      method: 'GET',
      url: '/api/metrics',
      remoteAddress: '203.0.113.50',
      headers: { authorization: 'Bearer metrics-token-0123456789' },
    });
    expect(withToken.statusCode).toBe(200);
  });
});
