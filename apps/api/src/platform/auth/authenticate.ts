import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthenticated } from '../errors';
import type { AccessTokens } from './access-tokens';
import type { Actor, Role, SessionCache } from './session-cache';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** preHandler: 401 unless a valid access token of a live session is presented. */
    authenticate: preHandlerAsyncHookHandler;
    /** preHandler: identifies the caller when a token is present, anonymous otherwise. */
    identify: preHandlerAsyncHookHandler;
    requireRole(role: Role): preHandlerAsyncHookHandler;
  }
}

export const bearerToken = (request: FastifyRequest): string | undefined => {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
  return match?.[1];
};

/** The caller of a route behind `authenticate`. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated('auth.required');
  return request.actor;
}

export interface AuthenticationOptions {
  tokens: AccessTokens;
  sessions: SessionCache;
}

async function resolveActor(request: FastifyRequest, options: AuthenticationOptions): Promise<Actor | null> {
  const token = bearerToken(request);
  if (!token) return null;
  const claims = await options.tokens.verify(token);
  const actor = await options.sessions.resolve(claims.sessionId);
  if (!actor || actor.userId !== claims.userId) throw unauthenticated('auth.session_revoked', '로그인이 만료됐어요. 다시 로그인해 주세요.');
  return actor;
}

export const authenticationPlugin = fp<AuthenticationOptions>(
  async (app: FastifyInstance, options) => {
    app.decorateRequest('actor', null);
    app.decorate('authenticate', async (request: FastifyRequest) => {
      request.actor = await resolveActor(request, options);
      if (!request.actor) throw unauthenticated('auth.required');
    });
    app.decorate('identify', async (request: FastifyRequest) => {
      request.actor = await resolveActor(request, options);
    });
    app.decorate('requireRole', (role: Role) => async (request: FastifyRequest) => {
      request.actor = request.actor ?? (await resolveActor(request, options));
      if (!request.actor) throw unauthenticated('auth.required');
      if (!request.actor.roles.includes(role)) throw forbidden('auth.role_required', '이 작업을 할 권한이 없어요.');
    });
  },
  { name: 'dongne-authentication' },
);
