import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite, type PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';

/**
 * One query-builder type for both drivers: PGlite and node-postgres expose the same Drizzle
 * API, so repositories never know which one they talk to.
 */
export type Database = NodePgDatabase;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Anything a repository can run a statement on: the database or an open transaction. */
export type Executor = Database | Transaction;

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Pool counters for metrics; PGlite is a single in-process connection. */
  poolStats(): { total: number; idle: number; waiting: number };
  ping(): Promise<boolean>;
  migrationsApplied(): Promise<boolean>;
  migrate(): Promise<void>;
  /** How the job queue reaches this database: its own pool on PostgreSQL, the same PGlite in process. */
  jobsConnection(): { connectionString: string } | { pglite: PGlite };
  close(): Promise<void>;
}

export const pgliteExtensions = { btree_gist, citext, cube, earthdistance, pg_trgm };

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` for a throw-away database. */
  pgliteDataDir?: string;
  /** A PGlite instance made elsewhere (the test kit clones a migrated template). */
  pglite?: PGlite;
  poolMax?: number;
}

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolMax ?? 10);
  const pglite = options.pglite ?? createPglite(options.pgliteDataDir ?? 'memory://');
  return wrapPglite(pglite);
}

export function createPglite(dataDir: string, loadDataDir?: Blob | File): PGlite {
  if (!dataDir.startsWith('memory://') && !existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
  return new PGlite(dataDir, { extensions: pgliteExtensions, ...(loadDataDir ? { loadDataDir } : {}) });
}

/** Migrations are committed SQL; the journal says how many there should be. */
const expectedMigrationCount = () => readMigrationFiles({ migrationsFolder }).length;

async function countAppliedMigrations(db: Database): Promise<number> {
  try {
    const result = await db.execute<{ count: number }>(sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
    return result.rows[0]?.count ?? 0;
  } catch {
    return 0;
  }
}

function openPostgres(url: string, poolMax: number): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, idleTimeoutMillis: 30_000 });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzleNodePg(pool);
  return {
    db,
    driver: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    ping: async () => {
      try {
        await pool.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    migrationsApplied: async () => (await countAppliedMigrations(db)) >= expectedMigrationCount(),
    migrate: async () => {
      // Several processes may start at once against one server: one migrates, the others wait.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(727274)');
        await migrateNodePg(drizzleNodePg(client), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock(727274)').catch(() => undefined);
        client.release();
      }
    },
    jobsConnection: () => ({ connectionString: url }),
    close: () => pool.end(),
  };
}

function wrapPglite(pglite: PGlite): DatabaseHandle {
  const db = drizzlePglite(pglite) as unknown as PgliteDatabase & Database;
  return {
    db,
    driver: 'pglite',
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    ping: async () => {
      try {
        await pglite.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    migrationsApplied: async () => (await countAppliedMigrations(db)) >= expectedMigrationCount(),
    migrate: () => migratePglite(db, { migrationsFolder }),
    jobsConnection: () => ({ pglite }),
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}

interface PgErrorLike {
  code?: string;
  constraint?: string;
  cause?: unknown;
}

/** The constraint a statement broke, looking through Drizzle's wrapping; undefined if none. */
export function violatedConstraint(error: unknown, sqlState: '23505' | '23P01' | '23503' | '23514' = '23505'): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as PgErrorLike;
    if (candidate.code === sqlState) return candidate.constraint ?? '';
    current = candidate.cause;
  }
  return undefined;
}
