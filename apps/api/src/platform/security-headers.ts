import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

type Middleware = ReturnType<typeof helmet>;

/**
 * Security headers on every response, from `helmet`, built once here: @fastify/helmet rebuilds
 * the middleware (and re-parses the CSP) on every request, which cost a sixth of the CPU of an
 * authenticated read in `npm run bench -- auth`.
 *
 * JSON answers under /api get the lean set the OWASP REST cheat sheet recommends (nothing in
 * them may load or frame anything); pages (the web app, the API docs) get the full set with the
 * CSP the web app satisfies.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { production: boolean }) {
  const hsts: HelmetOptions['strictTransportSecurity'] = options.production ? { maxAge: 31_536_000, includeSubDomains: true } : false;
  const forPages = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: options.production ? [] : null,
      },
    },
    strictTransportSecurity: hsts,
    crossOriginEmbedderPolicy: false,
    // frame-ancestors 'none' already forbids framing; the legacy header agrees with it.
    xFrameOptions: { action: 'deny' },
  });
  const forApi = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    strictTransportSecurity: hsts,
    xFrameOptions: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  const isPage = (url: string) => !url.startsWith('/api/') || url.startsWith('/api/docs');

  app.addHook('onRequest', (request, reply, done) => {
    const apply: Middleware = isPage(request.url) ? forPages : forApi;
    apply(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
}
