import {
  AuthResult,
  OAuthCallbackQuery,
  OAuthLinkConfirmBody,
  OAuthLinkStartResult,
  OAuthStartQuery,
} from '@dongne/contracts';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth';
import type { RouteApp } from '../../platform/http';
import { perMinute } from '../../platform/rate-limit';
import { clientInfo, setRefreshCookie } from './auth.routes';
import type { OAuthService } from './oauth.service';

/** Binds a flow to the browser that started it: the callback must bring the same state back. */
export const OAUTH_STATE_COOKIE = 'dongne_oauth_state';
const OAUTH_COOKIE_PATH = '/api/auth/oauth';
const FLOW_COOKIE_SECONDS = 10 * 60;

export interface OAuthRoutesDeps {
  oauth: OAuthService;
  secureCookies: boolean;
  rateLimitPerMinute: number;
}

const tags = ['auth'];
const ProviderParams = Type.Object({ provider: Type.String({ maxLength: 20 }) });

export async function oauthRoutes(app: RouteApp, deps: OAuthRoutesDeps) {
  const { oauth, secureCookies } = deps;
  const cookieOptions = { httpOnly: true, secure: secureCookies, sameSite: 'lax' as const, path: OAUTH_COOKIE_PATH };
  const bindState = (reply: FastifyReply, state: string) =>
    reply.setCookie(OAUTH_STATE_COOKIE, state, { ...cookieOptions, maxAge: FLOW_COOKIE_SECONDS });

  app.get(
    '/api/auth/oauth/:provider/start',
    {
      config: perMinute(deps.rateLimitPerMinute * 3),
      schema: {
        tags,
        summary: '소셜 로그인 시작 (제공자로 이동)',
        params: ProviderParams,
        querystring: OAuthStartQuery,
      },
    },
    async (request, reply) => {
      const flow = await oauth.start(request.params.provider, request.query.returnTo);
      bindState(reply, flow.state);
      return reply.header('cache-control', 'no-store').redirect(flow.authorizationUrl, 302);
    },
  );

  app.post(
    '/api/auth/oauth/:provider/link',
    {
      preHandler: app.authenticate,
      config: perMinute(deps.rateLimitPerMinute),
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary: '내 계정에 소셜 계정 연결 시작 (이메일 인증 필요)',
        params: ProviderParams,
        querystring: OAuthStartQuery,
        response: { 200: OAuthLinkStartResult },
      },
    },
    async (request, reply) => {
      const flow = await oauth.startLink(request.params.provider, actorOf(request).userId, request.query.returnTo);
      bindState(reply, flow.state);
      return { authorizationUrl: flow.authorizationUrl };
    },
  );

  app.get(
    '/api/auth/oauth/:provider/callback',
    {
      config: perMinute(deps.rateLimitPerMinute * 3),
      schema: {
        tags,
        summary: '소셜 로그인 콜백 (제공자가 호출)',
        params: ProviderParams,
        querystring: OAuthCallbackQuery,
      },
    },
    async (request, reply) => {
      const { code, state, error } = request.query;
      const outcome = await oauth.callback(
        request.params.provider,
        { code, state, error },
        request.cookies[OAUTH_STATE_COOKIE],
        clientInfo(request),
      );
      reply.clearCookie(OAUTH_STATE_COOKIE, cookieOptions);
      if (outcome.session)
        setRefreshCookie(reply, outcome.session.refreshToken, outcome.session.refreshExpiresAt, secureCookies);
      return reply.header('cache-control', 'no-store').redirect(outcome.redirectTo, 302);
    },
  );

  app.post(
    '/api/auth/oauth/link/confirm',
    {
      config: perMinute(deps.rateLimitPerMinute),
      schema: {
        tags,
        summary: '소셜 계정 연결 확인 (비밀번호)',
        body: OAuthLinkConfirmBody,
        response: { 200: AuthResult },
      },
    },
    async (request, reply) => {
      const result = await oauth.confirmLink(request.body.ticket, request.body.password, clientInfo(request));
      setRefreshCookie(reply, result.refreshToken, result.refreshExpiresAt, secureCookies);
      return { user: result.user, accessToken: result.accessToken };
    },
  );
}
