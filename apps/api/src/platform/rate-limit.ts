import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { rateLimited } from './errors';

/**
 * Rate limiting is opt-in per route (`config.rateLimit`). Counters live in memory, or in Redis
 * when REDIS_URL is set so every API process shares them.
 */
export async function registerRateLimiting(app: FastifyInstance, redisUrl: string | undefined) {
  const redis = redisUrl
    ? new Redis(redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: false })
    : undefined;
  redis?.on('error', () => undefined);
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'dongne-rl:', skipOnError: true } : {}),
    errorResponseBuilder: (_request, context) =>
      rateLimited('request.rate_limited', '요청이 너무 많아요. 잠시 후 다시 시도해 주세요.', Math.ceil(context.ttl / 1000)),
  });
  if (redis) app.addHook('onClose', async () => redis.disconnect());
}

/** Route config for an endpoint limited per client address. */
export const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });
