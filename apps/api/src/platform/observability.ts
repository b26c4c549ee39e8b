import { BlockList, isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { safeEqual } from './crypto';
import { forbidden } from './errors';

const privateNetworks = new BlockList();
privateNetworks.addSubnet('127.0.0.0', 8, 'ipv4');
privateNetworks.addSubnet('10.0.0.0', 8, 'ipv4');
privateNetworks.addSubnet('172.16.0.0', 12, 'ipv4');
privateNetworks.addSubnet('192.168.0.0', 16, 'ipv4');
privateNetworks.addAddress('::1', 'ipv6');
privateNetworks.addSubnet('fc00::', 7, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const unmapped = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  const family = isIP(unmapped);
  if (family === 0) return false;
  return privateNetworks.check(unmapped, family === 4 ? 'ipv4' : 'ipv6');
}

export interface ObservabilityOptions {
  metricsToken: string | undefined;
  poolStats: () => { total: number; idle: number; waiting: number };
}

/** Prometheus metrics at /api/metrics: per-route counts and latency, DB pool, event-loop lag. */
export const observabilityPlugin = fp<ObservabilityOptions>(
  async (app: FastifyInstance, options) => {
    // A registry per app instance: tests build many apps in one process.
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
    const requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    });
    const latency = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    const pool = new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const stats = options.poolStats();
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });
    void pool;

    app.addHook('onResponse', (request, reply, done) => {
      // The route template, never the raw URL: ids and query strings would explode cardinality.
      const route = request.routeOptions.url ?? 'unmatched';
      requests.inc({ method: request.method, route, status: String(reply.statusCode) });
      latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
      done();
    });

    const mayRead = (request: FastifyRequest) => {
      const header = request.headers.authorization ?? '';
      if (options.metricsToken && safeEqual(header, `Bearer ${options.metricsToken}`)) return true;
      // request.ip honours TRUST_PROXY, so a public client behind our proxy is not taken for an insider.
      return isPrivateAddress(request.ip);
    };

    app.get('/api/metrics', { schema: { hide: true } }, async (request, reply) => {
      if (!mayRead(request)) throw forbidden('metrics.forbidden', '메트릭은 내부망에서만 볼 수 있어요.');
      reply.type(registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'dongne-observability' },
);
