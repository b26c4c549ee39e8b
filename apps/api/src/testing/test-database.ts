import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { testDatabaseUrl } from '../platform/config';
import { createPglite, openDatabase, type DatabaseHandle } from '../platform/db';
import { testDatabaseName, withDatabase } from './global-setup';

export interface TestDatabase {
  handle: DatabaseHandle;
  driver: 'pglite' | 'postgres';
  url: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file: a PGlite copy or a PostgreSQL clone. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = testDatabaseUrl();
  const template = inject('postgresTemplate');
  if (serverUrl && template) {
    const name = testDatabaseName(template, randomBytes(6).toString('hex'));
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const url = withDatabase(serverUrl, name);
    const handle = openDatabase({ databaseUrl: url, poolMax: 10 });
    return {
      handle,
      driver: 'postgres',
      url,
      async drop() {
        await handle.close();
        const cleaner = new pg.Client({ connectionString: serverUrl });
        await cleaner.connect();
        await cleaner.query(`drop database if exists ${name} with (force)`);
        await cleaner.end();
      },
    };
  }
  const snapshot = readFileSync(inject('pgliteSnapshot'));
  const pglite = createPglite('memory://', new Blob([snapshot]));
  const handle = openDatabase({ pglite });
  return { handle, driver: 'pglite', url: undefined, drop: () => handle.close() };
}
