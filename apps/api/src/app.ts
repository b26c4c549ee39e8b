import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppInfo, Health, Readiness } from '@dongne/contracts';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import { createModules, type Modules } from './modules';
import { authenticationPlugin } from './platform/auth';
import type { AppConfig } from './platform/config';
import { registerErrorHandling, type NotFoundFallback } from './platform/error-handler';
import { loggerOptions } from './platform/logging';
import { observabilityPlugin } from './platform/observability';
import { createPlatform, type Platform, type PlatformOverrides } from './platform/platform';
import { registerRateLimiting } from './platform/rate-limit';
import { registerSecurityHeaders } from './platform/security-headers';
import { registerValidation } from './platform/validation';
import { demoAccounts, DEMO_PASSWORD } from './seed/demo';
import { serveWebApp } from './platform/web-app';

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
    modules: Modules;
  }
}

export interface BuildOptions extends PlatformOverrides {
  /** Where logs go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
}

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,80}$/;

export async function buildApp(config: AppConfig, options: BuildOptions = {}) {
  const fastifyOptions: FastifyServerOptions = {
    logger: loggerOptions(config, options.logStream),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  };
  const app = Fastify(fastifyOptions).withTypeProvider<TypeBoxTypeProvider>();
  const ownsDatabase = !options.database;
  const platform = createPlatform(config, app.log, options);
  const modules = createModules(platform);
  app.decorate('platform', platform);
  app.decorate('modules', modules);

  let spaFallback: NotFoundFallback | undefined;
  registerValidation(app);
  registerErrorHandling(app, () => spaFallback);
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    // API answers carry personal data: no shared or browser cache keeps them unless a route says so.
    if (!reply.hasHeader('cache-control') && request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  await app.register(cookie);
  registerSecurityHeaders(app, { production: config.env === 'production' });
  await registerRateLimiting(app, config.redisUrl);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Dongne API', version: '1.0.0', description: '동네 — 공간 예약 · 물건 대여 · 같이 주문 · 온라인 강의' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(observabilityPlugin, { metricsToken: config.metricsToken, poolStats: platform.database.poolStats });
  await app.register(authenticationPlugin, { tokens: platform.tokens, sessions: modules.accounts.sessionCache });

  app.get('/api/health', { schema: { tags: ['system'], response: { 200: Health } } }, async () => ({ status: 'ok' as const }));
  const showDemo = config.env === 'development' && config.seedDemo;
  const appInfo: AppInfo = {
    environment: config.env,
    testPayments: config.paymentsMode === 'test',
    demoAccounts: showDemo ? demoAccounts : [],
    demoPassword: showDemo ? DEMO_PASSWORD : null,
  };
  app.get('/api/app-info', { schema: { tags: ['system'], summary: '서버 정보 (웹 앱용)', response: { 200: AppInfo } } }, async () => appInfo);
  app.get('/api/ready', { schema: { tags: ['system'], response: { 200: Readiness, 503: Readiness } } }, async (_request, reply) => {
    const database = await platform.database.ping();
    const migrations = database && (await platform.database.migrationsApplied());
    const ready = database && migrations;
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks: { database, migrations } });
  });

  await modules.accounts.routes(app);
  await modules.locations.routes(app);
  await modules.media.routes(app);

  if (options.serveWeb ?? true) spaFallback = await serveWebApp(app, webDist);

  app.addHook('onClose', async () => {
    await platform.jobs.stop();
    await platform.mailer.stop();
    await platform.broadcast.close();
    if (ownsDatabase) await platform.database.close();
  });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
