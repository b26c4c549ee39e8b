import { getTableName, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { index, text, type ExtraConfigColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db';
import { AppError } from '../errors';
import { containsPattern, escapeLike, PART_SEPARATOR, type SearchQuery } from './tokenizer';

/**
 * The two columns a searchable table adds (spread into `pgTable`). Both are required on insert:
 * compute them with `searchFieldsOf(title, description)` whenever the title or description changes.
 */
export function searchColumns() {
  return {
    /** Normalised title, then PART_SEPARATOR and the other parts: recheck and ranking read it. */
    searchText: text('search_text').notNull(),
    /** Unigrams, bigrams and word prefixes: what the GIN index holds. */
    searchTokens: text('search_tokens').array().notNull(),
  };
}

/** The GIN index over `search_tokens` (in the table's extra-config callback). */
export function searchIndex(name: string, tokens: ExtraConfigColumn) {
  return index(name).using('gin', tokens);
}

export interface SearchColumns {
  searchText: AnyColumn | SQL;
  searchTokens: AnyColumn | SQL;
}

const tokenArray = (tokens: string[]) =>
  sql`array[${sql.join(
    tokens.map((token) => sql`${token}`),
    sql`, `,
  )}]::text[]`;

/**
 * `where` fragment: the index finds rows holding every query token, the LIKE recheck keeps those
 * whose spaceless text really contains the spaceless query (tokens can be present but apart).
 * No query (nothing searchable typed) matches nothing.
 */
export function matchesSearch(columns: SearchColumns, query: SearchQuery | undefined): SQL {
  if (!query) return sql`false`;
  return sql`(${columns.searchTokens} @> ${tokenArray(query.tokens)} and replace(${columns.searchText}, ' ', '') like ${containsPattern(query.compact)})`;
}

/**
 * Match quality, smaller is better (use `asc`), computed on the title (the first part):
 * 0 the title is the query · 1 the title starts with it · 2 a whole word of the title is it ·
 * 3 a word of the title starts with it · 4 the title contains it · 5 only another part does.
 * Spaces are ignored for 0, 1 and 4 like they are for matching. Only meaningful on matching rows.
 */
export function searchRank(searchText: AnyColumn | SQL, query: SearchQuery | undefined): SQL<number> {
  if (!query) return sql<number>`5::int`; // a bare 5 in ORDER BY would mean the fifth column
  const title = sql`split_part(${searchText}, ${PART_SEPARATOR}, 1)`;
  const compactTitle = sql`replace(${title}, ' ', '')`;
  const word = escapeLike(query.normalized);
  return sql<number>`(case
    when ${compactTitle} = ${query.compact} then 0
    when ${compactTitle} like ${`${escapeLike(query.compact)}%`} then 1
    when (' ' || ${title} || ' ') like ${`% ${word} %`} then 2
    when (' ' || ${title}) like ${`% ${word}%`} then 3
    when ${compactTitle} like ${containsPattern(query.compact)} then 4
    else 5 end)`;
}

export interface RankedSearchSpec {
  table: PgTable;
  /**
   * A unique, btree-indexed column where larger = newer (a UUID v7 primary key): the recency
   * order, the tiebreak inside a rank, and the keyset. With `filter`, index (filter…, key) too.
   */
  key: AnyColumn;
  searchText: AnyColumn;
  searchTokens: AnyColumn;
  /** The caller's other conditions (status, region…), applied before anything is ranked. */
  filter?: SQL | undefined;
}

export interface RankedSearchOptions {
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | undefined;
  /** How many of the newest matches are ranked together (the candidate window). */
  candidates?: number;
  /**
   * Force how many newest rows are searched through the key range before the GIN index alone
   * takes over (0 = the GIN index alone). Default: chosen per query from the statistics.
   */
  probe?: number;
}

export interface SearchHit<Key> {
  key: Key;
  rank: number;
}

export const DEFAULT_CANDIDATES = 50;
/**
 * Below this many expected matches the GIN index alone is cheapest: visiting every match costs
 * less than walking a range of newest keys large enough to hold `candidates` of them.
 */
export const GIN_ALONE_BELOW = 2000;
/** The newest-key ladder: keys at these distances from the newest row, refreshed per process. */
const RUNGS = [256, 512, 1024, 2048, 4096, 8192, 16_384, 32_768, 65_536, 131_072, 262_144];
const CACHE_TTL_MS = 60_000;

interface Cursor {
  /** The window: keys ≤ bound (inclusive) or < bound. */
  b: unknown;
  i: boolean;
  /** Last hit of the previous page, when inside a window. */
  r?: number;
  k?: unknown;
}

const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decode(raw: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (parsed && typeof parsed === 'object' && parsed.b !== undefined && typeof parsed.i === 'boolean') {
      if (parsed.r === undefined || (typeof parsed.r === 'number' && parsed.k !== undefined)) return parsed as Cursor;
    }
  } catch {
    // fall through
  }
  throw new AppError('bad_request', 'request.invalid_cursor', '목록 커서가 올바르지 않아요.');
}

interface WindowRow extends Record<string, unknown> {
  key: unknown;
  rank: number;
  total: number;
  highest: unknown;
  lowest: unknown;
}

/**
 * Ranked search that stays fast however many rows match. The newest `candidates` matches (by
 * `key`) form a window; inside it, hits are ordered by searchRank, then newest first. A query
 * matching 300,000 rows ranks its 100 newest matches, not all 300,000: an exact title older than
 * the window shows up later, in its own window. Windows follow each other (older and older), so
 * paging with `nextCursor` reaches every match exactly once.
 *
 * Finding a window without ranking or even visiting every match: the statistics of the tokens
 * column tell how common the rarest query token is (share d). If few rows can match, the GIN
 * index alone answers (few heap visits). Otherwise the newest rows likely to hold enough matches
 * (about 2·candidates/d of them, a cached key "ladder" says where that range starts) are searched
 * first: PostgreSQL intersects the GIN index with that key range (BitmapAnd) or, for very common
 * tokens, scans the range through the key's btree; only the rarest token is given to it as an
 * index condition, so that its estimate is right (several correlated bigrams would be multiplied
 * into a wrong one). Then a range four times larger, and so on; rows older than the last range
 * are searched by the GIN index alone. All in one statement: PostgreSQL starts each next part
 * only while fewer than `candidates` matches were found.
 */
export async function rankedSearch<Key = string>(
  ex: Executor,
  spec: RankedSearchSpec,
  query: SearchQuery | undefined,
  options: RankedSearchOptions,
): Promise<{ hits: SearchHit<Key>[]; nextCursor: string | null }> {
  if (!query) return { hits: [], nextCursor: null };
  const candidates = options.candidates ?? DEFAULT_CANDIDATES;
  let cursor = options.cursor ? decode(options.cursor) : undefined;
  const hits: SearchHit<Key>[] = [];
  // A page that ends a full window continues in the next one (at most a few windows per page).
  for (let windows = 0; windows < 4; windows++) {
    const wanted = options.limit - hits.length;
    const rows = await searchWindow(ex, spec, query, { candidates, probe: options.probe, cursor, take: wanted + 1 });
    const first = rows[0];
    const page = rows.slice(0, wanted);
    for (const row of page) hits.push({ key: row.key as Key, rank: Number(row.rank) });
    if (!first) return { hits, nextCursor: null };
    const bound: Cursor = cursor ?? { b: first.highest, i: true };
    if (rows.length > wanted) {
      const last = page[page.length - 1]!;
      return { hits, nextCursor: encode({ b: bound.b, i: bound.i, r: Number(last.rank), k: last.key }) };
    }
    // The window is used up; a full one may have older matches behind it.
    if (Number(first.total) < candidates) return { hits, nextCursor: null };
    cursor = { b: first.lowest, i: false };
    if (hits.length === options.limit) return { hits, nextCursor: encode(cursor) };
  }
  return { hits, nextCursor: cursor ? encode(cursor) : null };
}

export interface WindowPlan {
  /** The one token given to the planner as index condition in the key ranges. */
  rarest: string;
  /**
   * Lower ends of successive key ranges, newest first: [lowKeys[0], bound], [lowKeys[1],
   * lowKeys[0]), …; rows below the last are the GIN half. Empty = one range over everything.
   */
  lowKeys: unknown[];
  /** Only the GIN half (the query is rare). */
  ginAlone: boolean;
}

async function searchWindow(
  ex: Executor,
  spec: RankedSearchSpec,
  query: SearchQuery,
  window: { candidates: number; probe: number | undefined; cursor: Cursor | undefined; take: number },
): Promise<WindowRow[]> {
  const plan = await planWindow(ex, spec, query, window);
  const result = await ex.execute<WindowRow>(searchWindowStatement(spec, query, { ...window, plan }));
  return result.rows;
}

const boundOf = (key: AnyColumn, cursor: Cursor | undefined) =>
  cursor ? (cursor.i ? sql`${key} <= ${cursor.b}` : sql`${key} < ${cursor.b}`) : sql`true`;

/**
 * Lower ends of the key ranges to search, newest first: the first range holds about `rows` rows,
 * each next one about four times more (from the cached ladder), so a query whose matches are
 * rarer than its rarest token suggested still visits few rows. Empty when the table is smaller.
 */
async function rangeKeys(ex: Executor, spec: RankedSearchSpec, cursor: Cursor | undefined, rows: number): Promise<unknown[]> {
  if (!cursor) {
    const ladder = await keyLadder(ex, spec);
    const start = ladder.findIndex((step) => step.distance >= rows);
    if (start >= 0) return ladder.filter((_, i) => i >= start && (i - start) % 2 === 0).map((step) => step.key);
    if (ladder.length < RUNGS.length) return [];
  }
  const result = await ex.execute<{ k: unknown }>(sql`
    select ${spec.key} as k from ${spec.table} where ${spec.filter ?? sql`true`} and ${boundOf(spec.key, cursor)}
    order by ${spec.key} desc offset ${rows - 1} limit 1`);
  const key = result.rows[0]?.k;
  return key === undefined || key === null ? [] : [key];
}

async function planWindow(
  ex: Executor,
  spec: RankedSearchSpec,
  query: SearchQuery,
  { candidates, probe, cursor }: { candidates: number; probe: number | undefined; cursor: Cursor | undefined },
): Promise<WindowPlan> {
  if (probe !== undefined) {
    const rarest = query.tokens[0]!;
    if (probe <= 0) return { rarest, ginAlone: true, lowKeys: [] };
    return { rarest, ginAlone: false, lowKeys: await rangeKeys(ex, spec, cursor, probe) };
  }
  const statistics = await tokenStatistics(ex, spec);
  // Never analysed: one range over everything, the planner chooses.
  if (!statistics) return { rarest: query.tokens[0]!, ginAlone: false, lowKeys: [] };
  const choice = chooseRange(statistics, query, candidates);
  if (choice.rows === 0) return { rarest: choice.rarest, ginAlone: true, lowKeys: [] };
  return { rarest: choice.rarest, ginAlone: false, lowKeys: await rangeKeys(ex, spec, cursor, choice.rows) };
}

/** The statement behind one window (exported for the EXPLAIN test). */
export function searchWindowStatement(
  spec: RankedSearchSpec,
  query: SearchQuery,
  { candidates, plan, cursor, take }: { candidates: number; plan: WindowPlan; cursor?: Cursor | undefined; take: number },
): SQL {
  const { table, key } = spec;
  const filter = spec.filter ?? sql`true`;
  const bound = boundOf(key, cursor);
  const tokens = tokenArray(query.tokens);
  const pattern = containsPattern(query.compact);
  const after = cursor?.r === undefined ? sql`true` : sql`(x.rank > ${cursor.r} or (x.rank = ${cursor.r} and x.key < ${cursor.k}))`;
  const lowest = plan.lowKeys.at(-1);
  // Older rows: the GIN index alone (every token, so it intersects them). The key bounds are
  // wrapped in `is true` so the planner cannot walk the key's btree here instead.
  const older = sql`
      select ${key} as k, ${spec.searchText} as st from ${table}
      where ${filter} and (${bound}) is true
        and ${spec.searchTokens} @> ${tokens} and replace(${spec.searchText}, ' ', '') like ${pattern}
        ${lowest === undefined || plan.ginAlone ? sql`` : sql`and (${key} < ${lowest}) is true`}`;
  // Key ranges, newest first: only the rarest token is an index condition (its estimate is
  // right); the rest is an opaque recheck. The planner picks BitmapAnd (GIN ∩ key range) or the
  // key's btree. PostgreSQL runs the next range only while fewer than `candidates` were found.
  // The inner `offset 0` keeps ORDER BY … LIMIT out of the range's plan: planned for all its
  // rows, PostgreSQL does not walk the key's btree hoping to meet enough matches early (it
  // overestimates them when the query's tokens are rarer together than alone).
  const range = (low: unknown, high: unknown) => sql`
          (select r.k, r.st from (
             select ${key} as k, ${spec.searchText} as st from ${table}
             where ${filter} and ${bound} and ${spec.searchTokens} @> ${tokenArray([plan.rarest])}
               and coalesce(${spec.searchTokens} @> ${tokens} and replace(${spec.searchText}, ' ', '') like ${pattern}, false)
               ${low === undefined ? sql`` : sql`and ${key} >= ${low}`} ${high === undefined ? sql`` : sql`and ${key} < ${high}`}
             offset 0) r
           order by r.k desc limit ${candidates})`;
  const olderHalf = sql`(select o.k, o.st from older o order by o.k desc limit ${candidates})`;
  const halves = plan.ginAlone
    ? olderHalf
    : plan.lowKeys.length === 0
      ? range(undefined, undefined)
      : sql.join([...plan.lowKeys.map((low, i) => range(low, i === 0 ? undefined : plan.lowKeys[i - 1])), olderHalf], sql` union all `);
  return sql`
    with older as materialized (${older})
    select x.key, x.rank, x.total, x.highest, x.lowest from (
      select c.k as key, ${searchRank(sql`c.st`, query)} as rank, count(*) over w as total,
             first_value(c.k) over w as highest, last_value(c.k) over w as lowest
      from (select u.k, u.st from (${halves}) u limit ${candidates}) c
      window w as (order by c.k desc rows between unbounded preceding and unbounded following)
    ) x
    where ${after}
    order by x.rank, x.key desc
    limit ${take}`;
}

export interface TokenStatistics {
  rows: number;
  /** Fraction of rows holding each frequent token (pg_stats.most_common_elems). */
  frequencies: Map<string, number>;
  /** Tokens not listed are rarer than this. */
  floor: number;
}

const cache = new Map<string, { at: number; value: Promise<unknown> }>();

/**
 * Per-process cache of a value read from the database, shared by concurrent callers. A stale
 * value keeps being served while its replacement loads, so no search waits for a refresh.
 */
function cached<T>(id: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(id);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.value as Promise<T>;
  const value = load();
  if (hit) hit.at = Date.now(); // the old value serves until the new one is in
  value.then(
    () => cache.set(id, { at: Date.now(), value }),
    () => (hit ? undefined : cache.delete(id)),
  );
  if (hit) return hit.value as Promise<T>;
  cache.set(id, { at: Date.now(), value });
  return value;
}

async function loadStatistics(ex: Executor, tableName: string, columnName: string): Promise<TokenStatistics | undefined> {
  const result = await ex.execute<{ elems: string[] | null; freqs: number[] | null; rows: number }>(sql`
    select s.most_common_elems::text::text[] as elems, s.most_common_elem_freqs::float8[] as freqs,
           greatest(c.reltuples, 0)::float8 as rows
    from pg_stats s join pg_class c on c.relname = s.tablename and c.relnamespace = to_regnamespace(s.schemaname)
    where s.schemaname = current_schema() and s.tablename = ${tableName} and s.attname = ${columnName}`);
  const row = result.rows[0];
  if (!row?.elems || !row.freqs || !(row.rows > 0)) return undefined;
  const frequencies = new Map<string, number>();
  row.elems.forEach((token, i) => frequencies.set(token, Number(row.freqs![i])));
  // The array ends with the minimum and maximum frequency (and the null fraction).
  const floor = Number(row.freqs[row.elems.length] ?? 0);
  return { rows: Number(row.rows), frequencies, floor };
}

const columnName = (column: AnyColumn) => (column as { name?: string }).name ?? 'search_tokens';

/** The tokens column's statistics, re-read every minute (undefined until the table is analysed). */
function tokenStatistics(ex: Executor, spec: RankedSearchSpec): Promise<TokenStatistics | undefined> {
  const table = getTableName(spec.table);
  const column = columnName(spec.searchTokens);
  return cached(`stats:${table}.${column}`, () => loadStatistics(ex, table, column).catch(() => undefined));
}

/** Keys at the RUNGS distances from the newest row (all rows, ignoring filters; re-read every minute). */
function keyLadder(ex: Executor, spec: RankedSearchSpec): Promise<{ distance: number; key: unknown }[]> {
  return cached(`ladder:${getTableName(spec.table)}.${columnName(spec.key)}`, async () => {
    const result = await ex.execute<{ k: unknown; n: number }>(sql`
      select s.k, s.n::int as n from (
        select newest.k, row_number() over (order by newest.k desc) as n
        from (select ${spec.key} as k from ${spec.table} order by ${spec.key} desc limit ${RUNGS.at(-1)!}) newest
      ) s where s.n in (${sql.join(
        RUNGS.map((rung) => sql`${rung}`),
        sql`, `,
      )})`);
    return result.rows.map((row) => ({ distance: Number(row.n), key: row.k })).sort((a, b) => a.distance - b.distance);
  });
}

/**
 * How many newest rows to search through the key range: the rarest query token bounds the share
 * of rows that match (d); about 2·candidates/d newest rows hold `candidates` matches. When fewer
 * than GIN_ALONE_BELOW rows can match at all, or that range would pass the ladder's last rung,
 * 0: the GIN index alone.
 */
export function chooseRange(statistics: TokenStatistics, query: SearchQuery, candidates: number): { rarest: string; rows: number } {
  let rarest = query.tokens[0]!;
  let share = Infinity;
  for (const token of query.tokens) {
    const frequency = statistics.frequencies.get(token) ?? statistics.floor / 2;
    if (frequency < share) {
      share = frequency;
      rarest = token;
    }
  }
  if (!(share > 0) || share * statistics.rows < GIN_ALONE_BELOW) return { rarest, rows: 0 };
  const rows = Math.ceil((2 * candidates) / share);
  return { rarest, rows: rows > RUNGS.at(-1)! ? 0 : rows };
}
