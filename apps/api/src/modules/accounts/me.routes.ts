import {
  ChangePasswordBody,
  DeleteAccountBody,
  LogoutEverywhereBody,
  PublicProfile,
  SessionList,
  UpdateProfileBody,
  User,
  Uuid,
} from '@dongne/contracts';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth';
import type { RouteApp } from '../../platform/http';
import { perMinute } from '../../platform/rate-limit';
import { toSession } from './accounts.mapper';
import type { AccountsService } from './accounts.service';
import { clearRefreshCookie } from './auth.routes';
import type { RecoveryService } from './recovery.service';
import type { SessionsService } from './sessions.service';

export interface MeRoutesDeps {
  accounts: AccountsService;
  sessions: SessionsService;
  recovery: RecoveryService;
  secureCookies: boolean;
  rateLimitPerMinute: number;
}

const security = [{ bearer: [] }];
const tags = ['me'];

export async function meRoutes(app: RouteApp, deps: MeRoutesDeps) {
  const { accounts, sessions, recovery } = deps;
  const signedIn = { preHandler: app.authenticate };

  app.get('/api/me', { ...signedIn, schema: { tags, security, summary: '내 계정', response: { 200: User } } }, async (request) =>
    accounts.me(actorOf(request).userId),
  );

  app.patch(
    '/api/me',
    { ...signedIn, schema: { tags, security, summary: '프로필 수정', body: UpdateProfileBody, response: { 200: User } } },
    async (request) => accounts.updateProfile(actorOf(request).userId, request.body),
  );

  app.delete(
    '/api/me',
    { ...signedIn, config: perMinute(deps.rateLimitPerMinute), schema: { tags, security, summary: '회원 탈퇴', body: Type.Optional(DeleteAccountBody) } },
    async (request, reply) => {
      await accounts.deleteAccount(actorOf(request).userId, request.body?.password);
      clearRefreshCookie(reply, deps.secureCookies);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/me/password',
    { ...signedIn, config: perMinute(deps.rateLimitPerMinute), schema: { tags, security, summary: '비밀번호 변경 (다른 기기는 로그아웃)', body: ChangePasswordBody } },
    async (request, reply) => {
      const actor = actorOf(request);
      await accounts.changePassword(actor.userId, actor.sessionId, request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/me/email-verification',
    { ...signedIn, config: perMinute(deps.rateLimitPerMinute), schema: { tags, security, summary: '인증 메일 다시 보내기' } },
    async (request, reply) => {
      await recovery.resendVerification(actorOf(request).userId);
      return reply.status(202).send();
    },
  );

  app.get(
    '/api/me/sessions',
    { ...signedIn, schema: { tags, security, summary: '로그인된 기기 목록', response: { 200: SessionList } } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await sessions.list(actor.userId);
      return { items: rows.map((row) => toSession(row, actor.sessionId)) };
    },
  );

  app.delete(
    '/api/me/sessions/:sessionId',
    { ...signedIn, schema: { tags, security, summary: '기기 로그아웃', params: Type.Object({ sessionId: Uuid }) } },
    async (request, reply) => {
      await sessions.revokeOwn(actorOf(request).userId, request.params.sessionId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/me/sessions/logout-everywhere',
    { ...signedIn, schema: { tags, security, summary: '모든 기기에서 로그아웃', body: Type.Optional(LogoutEverywhereBody) } },
    async (request, reply) => {
      const actor = actorOf(request);
      const includeCurrent = request.body?.includeCurrent ?? false;
      await sessions.revokeAllNow(actor.userId, 'logout_everywhere', includeCurrent ? undefined : actor.sessionId);
      if (includeCurrent) clearRefreshCookie(reply, deps.secureCookies);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/users/:userId',
    { schema: { tags: ['users'], summary: '공개 프로필', params: Type.Object({ userId: Uuid }), response: { 200: PublicProfile } } },
    async (request) => accounts.publicProfile(request.params.userId),
  );
}
