import { desc, sql } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import type { Database } from '../db';
import { newId } from '../ids';
import { matchesSearch, parseSearchQuery, rankedSearch, searchColumns, searchFieldsOf, searchIndex, searchRank } from './index';
import { searchWindowStatement } from './search-sql';

// A test-only listing table, shaped the way a module's *.tables.ts would declare it.
const listings = pgTable(
  'search_test_listings',
  { id: uuid('id').primaryKey(), title: text('title').notNull(), ...searchColumns() },
  (t) => [searchIndex('search_test_listings_search_idx', t.searchTokens)],
);
const spec = { table: listings, key: listings.id, searchText: listings.searchText, searchTokens: listings.searchTokens };

const TITLES = [
  ['강남역 감성 파티룸', '넓은 공간, 주차 가능'],
  ['파티룸', null],
  ['파티룸 강남 2호점', null],
  ['홍대 루프탑 파티룸 대관', null],
  ['신촌 파티 룸메이트 구함', null],
  ['망원동 연습실', '방음 완벽 파티룸 아님'],
  ['아늑한 방 대여', null],
  ['캠핑의자 2개 대여', null],
  ['캠핑 의자 빌려드려요', null],
  ['PS5 대여 (듀얼센스 2개) 🎮', null],
  ['Nintendo Switch OLED 하루 대여', null],
  ['빔프로젝터 Projector', null],
  ['울강 서울', null],
  ['서울 강남 스터디룸', null],
  ['100% 환불 보장 회의실', null],
  ['a_b 테스트', null],
] as const;

let database: TestDatabase;
let db: Database;
const idOf = new Map<string, string>();

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.handle.db;
  await db.execute(sql`create table search_test_listings (
    id uuid primary key, title text not null, search_text text not null, search_tokens text[] not null)`);
  await db.execute(sql`create index search_test_listings_search_idx on search_test_listings using gin (search_tokens)`);
  for (const [title, description] of TITLES) {
    const id = newId();
    idOf.set(title, id);
    await db.insert(listings).values({ id, title, ...searchFieldsOf(title, description) });
  }
  await db.execute(sql`analyze search_test_listings`);
});
afterAll(() => database.drop());

async function titlesMatching(input: string): Promise<string[]> {
  const rows = await db
    .select({ title: listings.title })
    .from(listings)
    .where(matchesSearch(spec, parseSearchQuery(input)))
    .orderBy(searchRank(listings.searchText, parseSearchQuery(input)), desc(listings.id));
  return rows.map((row) => row.title);
}

describe('matchesSearch + searchRank', () => {
  it('1 syllable: only titles with that syllable', async () => {
    expect(await titlesMatching('방')).toEqual(['아늑한 방 대여', '망원동 연습실']);
  });

  it('2 and 3 syllables, ranked exact > starts with > whole word > contains > description', async () => {
    expect(await titlesMatching('파티룸')).toEqual([
      '파티룸',
      '파티룸 강남 2호점',
      '홍대 루프탑 파티룸 대관',
      '강남역 감성 파티룸',
      '신촌 파티 룸메이트 구함', // spaces ignored: "파티 룸" contains 파티룸 (title, not a whole word)
      '망원동 연습실', // only in the description
    ]);
    expect(await titlesMatching('강남')).toEqual(['강남역 감성 파티룸', '서울 강남 스터디룸', '파티룸 강남 2호점']); // same rank: newest first
  });

  it('ignores spacing both ways', async () => {
    // Both titles start with the query once spaces are ignored: same rank, newest first.
    expect(await titlesMatching('캠핑 의자')).toEqual(['캠핑 의자 빌려드려요', '캠핑의자 2개 대여']);
    expect(await titlesMatching('캠핑의자')).toEqual(['캠핑 의자 빌려드려요', '캠핑의자 2개 대여']);
  });

  it('English and mixed queries; English matches at word starts', async () => {
    expect(await titlesMatching('PS5 대여')).toEqual(['PS5 대여 (듀얼센스 2개) 🎮']);
    expect(await titlesMatching('switch')).toEqual(['Nintendo Switch OLED 하루 대여']);
    expect(await titlesMatching('NINTENDO switch')).toEqual(['Nintendo Switch OLED 하루 대여']);
    expect(await titlesMatching('proj')).toEqual(['빔프로젝터 Projector']);
    expect(await titlesMatching('ject')).toEqual([]);
  });

  it('bigrams that are all present but apart do not match (the recheck)', async () => {
    expect(await titlesMatching('서울강')).toEqual(['서울 강남 스터디룸']);
  });

  it('treats %, _ and emoji in the query literally (they normalise away), never as wildcards', async () => {
    expect(await titlesMatching('100%')).toEqual(['100% 환불 보장 회의실']);
    expect(await titlesMatching('%')).toEqual([]);
    expect(await titlesMatching('_')).toEqual([]);
    expect(await titlesMatching('a%b')).toEqual(['a_b 테스트']); // both normalise to "a b"
    expect(await titlesMatching('1_0')).toEqual([]);
    expect(await titlesMatching('🎮')).toEqual([]);
  });

  it('finds nothing for a query that matches nothing', async () => {
    expect(await titlesMatching('펭귄')).toEqual([]);
  });
});

describe('rankedSearch', () => {
  /** Every page, following nextCursor, with small windows so that paging crosses several. */
  async function allPages(input: string, options: { limit: number; candidates: number; probe: number }) {
    const seen: { title: string; rank: number }[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const result = await rankedSearch(db, spec, parseSearchQuery(input), { ...options, cursor });
      for (const hit of result.hits) seen.push({ title: [...idOf].find(([, id]) => id === hit.key)![0], rank: hit.rank });
      if (!result.nextCursor) return seen;
      cursor = result.nextCursor;
    }
    throw new Error('paging did not end');
  }

  it('one window that holds every match ranks like matchesSearch + searchRank', async () => {
    const hits = await allPages('파티룸', { limit: 20, candidates: 100, probe: 1000 });
    expect(hits.map((hit) => hit.title)).toEqual(await titlesMatching('파티룸'));
    expect(hits.map((hit) => hit.rank)).toEqual([0, 1, 2, 2, 4, 5]);
  });

  it('pages through small windows: every match once, each window ranked, newest window first', async () => {
    for (const probe of [1, 3, 100]) {
      const hits = await allPages('파티', { limit: 2, candidates: 3, probe });
      const expected = (await titlesMatching('파티')).sort();
      expect(hits.map((hit) => hit.title).sort()).toEqual(expected);
      // Windows are the newest 3 matches, then the next 3…; inside each, rank order.
      const newestFirst = await db
        .select({ title: listings.title })
        .from(listings)
        .where(matchesSearch(spec, parseSearchQuery('파티')))
        .orderBy(desc(listings.id));
      const windows = [newestFirst.slice(0, 3), newestFirst.slice(3, 6), newestFirst.slice(6)].map((w) => w.map((row) => row.title).sort());
      expect([hits.slice(0, 3), hits.slice(3, 6), hits.slice(6)].map((w) => w.map((hit) => hit.title).sort())).toEqual(windows);
      for (const window of [hits.slice(0, 3), hits.slice(3, 6)]) {
        expect(window.map((hit) => hit.rank)).toEqual([...window.map((hit) => hit.rank)].sort((a, b) => a - b));
      }
    }
  });

  it('returns nothing (and no cursor) for nothing searchable or no match', async () => {
    expect(await rankedSearch(db, spec, parseSearchQuery('  %% '), { limit: 20 })).toEqual({ hits: [], nextCursor: null });
    expect(await rankedSearch(db, spec, parseSearchQuery('펭귄'), { limit: 20 })).toEqual({ hits: [], nextCursor: null });
  });

  it('applies the caller filter before ranking', async () => {
    const { hits } = await rankedSearch(db, { ...spec, filter: sql`${listings.title} like '%대관%'` }, parseSearchQuery('파티룸'), { limit: 20 });
    expect(hits.map((hit) => hit.key)).toEqual([idOf.get('홍대 루프탑 파티룸 대관')]);
  });

  it('refuses a cursor it did not make', async () => {
    await expect(rankedSearch(db, spec, parseSearchQuery('파티'), { limit: 2, cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'request.invalid_cursor' });
  });
});

describe('the GIN index answers', () => {
  async function plan_(statement: ReturnType<typeof sql>): Promise<string> {
    return db.transaction(async (tx) => {
      // A 16-row table is cheaper to scan than to index; forbid that so the plan shows the index can serve.
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = await tx.execute<Record<string, string>>(sql`explain ${statement}`);
      return result.rows.map((row) => Object.values(row)[0]).join('\n');
    });
  }

  it.each(['방', '파티', '파티룸', '스터디룸', 'ps5 대여', 'switch'])('for %s', async (input) => {
    const text = await plan_(sql`select id from search_test_listings where ${matchesSearch(spec, parseSearchQuery(input))}`);
    expect(text).toMatch(/Bitmap Index Scan on search_test_listings_search_idx/);
  });

  it('in rankedSearch: the key range for the newest rows, the GIN index for older ones', async () => {
    const [, second] = await db.select({ id: listings.id }).from(listings).orderBy(desc(listings.id)).limit(2);
    const plan = { rarest: '티룸', ginAlone: false, lowKeys: [second!.id] };
    const text = await plan_(sql`analyze ${searchWindowStatement(spec, parseSearchQuery('파티룸')!, { candidates: 5, plan, take: 21 })}`);
    // Two newest rows: the key's btree is cheapest for that range (on 1M rows: BitmapAnd, see the bench).
    expect(text).toMatch(/Index Cond: \(id >= '[0-9a-f-]+'::uuid\)/);
    expect(text).toMatch(/Bitmap Index Scan on search_test_listings_search_idx .*actual time=[\d.]+ rows=6\b/);
  });
});
