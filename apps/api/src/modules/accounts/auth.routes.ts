import {
  AuthProviders,
  AuthResult,
  LoginBody,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  RefreshResult,
  SignupBody,
  VerifyEmailBody,
} from '@dongne/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteApp } from '../../platform/http';
import { perMinute } from '../../platform/rate-limit';
import type { AccountsService } from './accounts.service';
import type { RecoveryService } from './recovery.service';
import type { ClientInfo, SessionsService } from './sessions.service';

export const REFRESH_COOKIE = 'dongne_refresh';
export const REFRESH_COOKIE_PATH = '/api/auth';

export interface AuthRoutesDeps {
  accounts: AccountsService;
  sessions: SessionsService;
  recovery: RecoveryService;
  secureCookies: boolean;
  rateLimitPerMinute: number;
  enabledProviders: () => AuthProviders['providers'];
}

export const clientInfo = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip ?? null,
  userAgent: request.headers['user-agent'] ?? null,
});

export function setRefreshCookie(reply: FastifyReply, token: string, expires: Date, secure: boolean) {
  reply.setCookie(REFRESH_COOKIE, token, { httpOnly: true, secure, sameSite: 'lax', path: REFRESH_COOKIE_PATH, expires });
}

export function clearRefreshCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure, sameSite: 'lax', path: REFRESH_COOKIE_PATH });
}

const tags = ['auth'];

export async function authRoutes(app: RouteApp, deps: AuthRoutesDeps) {
  const { accounts, sessions, recovery, secureCookies } = deps;
  const limited = perMinute(deps.rateLimitPerMinute);

  app.post(
    '/api/auth/signup',
    { config: limited, schema: { tags, summary: '회원가입', body: SignupBody, response: { 201: AuthResult } } },
    async (request, reply) => {
      const result = await accounts.signup(request.body, clientInfo(request));
      setRefreshCookie(reply, result.refreshToken, result.refreshExpiresAt, secureCookies);
      return reply.status(201).send({ user: result.user, accessToken: result.accessToken });
    },
  );

  app.post(
    '/api/auth/login',
    { config: limited, schema: { tags, summary: '이메일 로그인', body: LoginBody, response: { 200: AuthResult } } },
    async (request, reply) => {
      const result = await accounts.login(request.body.email, request.body.password, clientInfo(request));
      setRefreshCookie(reply, result.refreshToken, result.refreshExpiresAt, secureCookies);
      return { user: result.user, accessToken: result.accessToken };
    },
  );

  app.post(
    '/api/auth/refresh',
    // Every open tab refreshes, so this limit is looser than the credential endpoints'.
    { config: perMinute(deps.rateLimitPerMinute * 6), schema: { tags, summary: '액세스 토큰 갱신 (쿠키)', response: { 200: RefreshResult } } },
    async (request, reply) => {
      try {
        const issued = await sessions.refresh(request.cookies[REFRESH_COOKIE], clientInfo(request));
        setRefreshCookie(reply, issued.refreshToken, issued.refreshExpiresAt, secureCookies);
        return { accessToken: issued.accessToken };
      } catch (error) {
        clearRefreshCookie(reply, secureCookies);
        throw error;
      }
    },
  );

  app.post(
    '/api/auth/logout',
    { preHandler: app.identify, schema: { tags, summary: '로그아웃', security: [{ bearer: [] }] } },
    async (request, reply) => {
      const fromCookie = await sessions.sessionOfRefreshToken(request.cookies[REFRESH_COOKIE]);
      for (const sessionId of new Set([request.actor?.sessionId, fromCookie])) {
        if (sessionId) await sessions.revoke(sessionId, 'logout');
      }
      clearRefreshCookie(reply, secureCookies);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/providers',
    { schema: { tags, summary: '사용 가능한 로그인 방법', response: { 200: AuthProviders } } },
    async () => ({ password: true, providers: deps.enabledProviders() }),
  );

  app.post(
    '/api/auth/password-reset',
    { config: limited, schema: { tags, summary: '비밀번호 재설정 메일 요청', body: PasswordResetRequestBody } },
    async (request, reply) => {
      await recovery.requestPasswordReset(request.body.email);
      return reply.status(202).send();
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    { config: limited, schema: { tags, summary: '새 비밀번호 설정', body: PasswordResetConfirmBody } },
    async (request, reply) => {
      await recovery.confirmPasswordReset(request.body.token, request.body.newPassword);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/verify-email',
    { config: limited, schema: { tags, summary: '이메일 인증', body: VerifyEmailBody } },
    async (request, reply) => {
      await recovery.verifyEmail(request.body.token);
      return reply.status(204).send();
    },
  );
}
