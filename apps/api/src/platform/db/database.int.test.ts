import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { testDatabaseUrl } from '../config';
import { openDatabase, violatedConstraint } from './database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('migrations', () => {
  it('apply idempotently: running them again changes nothing', async () => {
    expect(await database.handle.migrationsApplied()).toBe(true);
    await database.handle.migrate();
    await database.handle.migrate();
    const tables = await database.handle.db.execute<{ count: number }>(
      sql`select count(*)::int as count from information_schema.tables where table_schema = 'public'`,
    );
    expect(tables.rows[0]?.count).toBeGreaterThanOrEqual(7);
  });

  it('install the extensions the schema relies on', async () => {
    const result = await database.handle.db.execute<{ extname: string }>(sql`select extname from pg_extension`);
    const names = result.rows.map((row) => row.extname);
    expect(names).toEqual(expect.arrayContaining(['pg_trgm', 'btree_gist', 'cube', 'earthdistance', 'citext']));
  });

  it.runIf(Boolean(testDatabaseUrl()))('serialise when several processes migrate one PostgreSQL at once', async () => {
    const handles = Array.from({ length: 3 }, () => openDatabase({ databaseUrl: database.url, poolMax: 2 }));
    try {
      await Promise.all(handles.map((handle) => handle.migrate()));
      const applied = await database.handle.db.execute<{ count: number; distinct: number }>(
        sql`select count(*)::int as count, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations`,
      );
      expect(applied.rows[0]?.count).toBe(applied.rows[0]?.distinct);
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
    }
  });
});

describe('violatedConstraint', () => {
  it('names the unique index a statement broke, through driver wrapping', async () => {
    await database.handle.db.execute(sql`create temporary table t_unique (v int constraint t_unique_v_key unique)`);
    await database.handle.db.execute(sql`insert into t_unique values (1)`);
    const error = await database.handle.db.execute(sql`insert into t_unique values (1)`).catch((caught: unknown) => caught);
    expect(violatedConstraint(error)).toBe('t_unique_v_key');
    expect(violatedConstraint(new Error('other'))).toBeUndefined();
  });
});
