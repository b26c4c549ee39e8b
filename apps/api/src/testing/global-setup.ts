import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { testDatabaseUrl } from '../platform/config';
import { createPglite, openDatabase, type DatabaseHandle } from '../platform/db';
import { Jobs } from '../platform/jobs';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplate: string;
  }
}

/**
 * Migrates once per run: a PGlite snapshot every test file loads, or (with TEST_DATABASE_URL)
 * a PostgreSQL template database every test file clones. Each file then owns a fresh database.
 */
export default async function setup(project: TestProject) {
  const url = testDatabaseUrl();
  if (url) {
    // Several test runs (worktrees, CI jobs) may share one server: every database a run makes is
    // named after it (dongne_r<pid>_…), and a run drops only its own and those of runs that died.
    const run = `dongne_r${process.pid}`;
    const template = `${run}_tpl`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await dropDatabases(admin, (name) => {
      const pid = /^dongne_r([0-9]+)_/.exec(name)?.[1];
      return pid !== undefined && (Number(pid) === process.pid || !isAlive(Number(pid)));
    });
    await admin.query(`create database ${template}`);
    const handle = openDatabase({ databaseUrl: withDatabase(url, template), poolMax: 1 });
    await prepare(handle);
    await handle.close();
    project.provide('postgresTemplate', template);
    project.provide('pgliteSnapshot', '');
    return async () => {
      await dropDatabases(admin, (name) => name.startsWith(`${run}_`));
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'dongne-pglite-'));
  const pglite = createPglite('memory://');
  const handle = openDatabase({ pglite });
  await prepare(handle);
  const snapshot = await pglite.dumpDataDir('none');
  const file = path.join(dir, 'snapshot.tar');
  writeFileSync(file, Buffer.from(await snapshot.arrayBuffer()));
  await handle.close();
  project.provide('pgliteSnapshot', file);
  project.provide('postgresTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}

/** Our migrations and pg-boss's schema, so no test file pays for installing them. */
async function prepare(handle: DatabaseHandle) {
  await handle.migrate();
  const jobs = new Jobs(handle, pino({ level: 'silent' }));
  await jobs.start({ work: false });
  await jobs.stop();
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Per-file databases are named after the run's template: `dongne_r<pid>_tpl` → `dongne_r<pid>_<hex>`. */
export function testDatabaseName(template: string, suffix: string): string {
  return `${template.replace(/_tpl$/, '')}_${suffix}`;
}

async function dropDatabases(admin: pg.Client, drop: (name: string) => boolean) {
  const found = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'dongne\\_r%'`);
  for (const { datname } of found.rows) {
    if (drop(datname)) await admin.query(`drop database if exists ${datname} with (force)`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
