import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { BenchFailure, onCleanup } from './lifecycle';

export const BENCH_DATABASE = 'dongne_bench';
const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  kind: 'postgres' | 'pglite';
  /** DATABASE_URL for the server under test; undefined = PGlite in DATA_DIR. */
  databaseUrl: string | undefined;
  /** A fresh temporary DATA_DIR (removed at the end). */
  dataDir: string;
  /** One line for the output: which database, and why. */
  description: string;
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function dropDatabase(serverUrl: string) {
  const client = await connect(serverUrl);
  try {
    await client.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL when reachable (BENCH_DATABASE_URL, else the local default server): a fresh
 * `dongne_bench` database, dropped at the end. Otherwise PGlite in the temp DATA_DIR.
 * BENCH_PGLITE=1 forces PGlite. A BENCH_DATABASE_URL that does not answer is an error, not a
 * silent fallback.
 */
export async function prepareDatabase(): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dongne-bench-'));
  onCleanup('remove temp DATA_DIR', () => rmSync(dataDir, { recursive: true, force: true }));

  if (process.env.BENCH_PGLITE === '1') {
    return { kind: 'pglite', databaseUrl: undefined, dataDir, description: 'PGlite (in-process) — forced by BENCH_PGLITE=1' };
  }
  const explicit = process.env.BENCH_DATABASE_URL || undefined;
  const serverUrl = explicit ?? DEFAULT_SERVER_URL;

  let client: pg.Client;
  try {
    client = await connect(serverUrl);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (explicit) throw new BenchFailure(`BENCH_DATABASE_URL (${redact(serverUrl)}) is not reachable: ${reason}`);
    return {
      kind: 'pglite',
      databaseUrl: undefined,
      dataDir,
      description: `PGlite (in-process) — PostgreSQL at ${redact(serverUrl)} not reachable (${reason})`,
    };
  }
  let version: string;
  try {
    // Another bench still connected to dongne_bench: refuse rather than pull its database away.
    const busy = await client.query<{ count: number }>(
      'select count(*)::int as count from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [BENCH_DATABASE],
    );
    if ((busy.rows[0]?.count ?? 0) > 0) {
      throw new BenchFailure(`database ${BENCH_DATABASE} is in use (another bench running?); not touching it`);
    }
    await client.query(`drop database if exists ${BENCH_DATABASE}`);
    await client.query(`create database ${BENCH_DATABASE}`);
    version = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ?? '?';
  } finally {
    await client.end();
  }
  onCleanup(`drop database ${BENCH_DATABASE}`, () => dropDatabase(serverUrl));

  const url = new URL(serverUrl);
  url.pathname = `/${BENCH_DATABASE}`;
  return {
    kind: 'postgres',
    databaseUrl: url.toString(),
    dataDir,
    description: `PostgreSQL ${version} at ${redact(url.toString())} (fresh database, dropped at the end)`,
  };
}
