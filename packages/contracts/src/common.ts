import { Type, type Static, type TSchema } from 'typebox';

/** RFC 9457 problem details, with Dongne's stable `code`. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    code: Type.String({ description: 'Stable machine-readable error code, e.g. auth.invalid_credentials' }),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { title: 'Problem' },
);
export type Problem = Static<typeof Problem>;

export const Uuid = Type.String({ format: 'uuid' });
export const IsoDateTime = Type.String({ format: 'date-time' });

export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
});
export type PageQuery = Static<typeof PageQuery>;

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

export const Health = Type.Object({ status: Type.Literal('ok') });

/** What the web app needs to know about the server it talks to (GET /api/app-info). */
export const AppInfo = Type.Object({
  environment: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')]),
  /** Payments go to gateway sandboxes: the web app shows a "testing" badge. */
  testPayments: Type.Boolean(),
  /** Seeded demo accounts, listed on the login page in development only (empty otherwise). */
  demoAccounts: Type.Array(Type.Object({ email: Type.String(), nickname: Type.String(), roles: Type.Array(Type.String()) })),
  /** The demo accounts' shared password, in development only. */
  demoPassword: Type.Union([Type.String(), Type.Null()]),
});
export type AppInfo = Static<typeof AppInfo>;
export const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Object({ database: Type.Boolean(), migrations: Type.Boolean() }),
});
