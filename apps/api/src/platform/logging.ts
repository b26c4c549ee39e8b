import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { AppConfig } from './config';

/** Query parameters whose values are secrets (OAuth codes, one-time tokens). */
const SECRET_QUERY_KEYS = /^(code|state|token|access_token|refresh_token|ticket|password)$/i;

export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  for (const key of [...params.keys()]) if (SECRET_QUERY_KEYS.test(key)) params.set(key, '[redacted]');
  return `${url.slice(0, at)}?${params.toString()}`;
}

/**
 * pino options: passwords, tokens, cookies and personal data never reach the log. Request
 * bodies are not logged at all; headers that carry credentials are censored.
 */
export function loggerOptions(config: AppConfig, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.accessToken',
        '*.refreshToken',
        '*.token',
        '*.phone',
        '*.email',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: FastifyRequest) {
        return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
      },
    },
  };
}
