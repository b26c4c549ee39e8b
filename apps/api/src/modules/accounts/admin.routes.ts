import { AdminUserPage, AdminUserQuery } from '@dongne/contracts';
import type { RouteApp } from '../../platform/http';
import type { AccountsService } from './accounts.service';

/** Operators' view of accounts; admins only (403 for everyone else signed in). */
export async function adminRoutes(app: RouteApp, deps: { accounts: AccountsService }) {
  app.get(
    '/api/admin/users',
    {
      preHandler: app.requireRole('admin'),
      schema: { tags: ['admin'], security: [{ bearer: [] }], summary: '회원 목록 (관리자)', querystring: AdminUserQuery, response: { 200: AdminUserPage } },
    },
    async (request) => deps.accounts.listForAdmin(request.query),
  );
}
