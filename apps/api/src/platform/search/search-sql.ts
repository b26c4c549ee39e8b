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
   * How many newest rows the recency scan reads before the GIN index takes over. Default: chosen
   * per query from the column's statistics (see probeFor); DEFAULT_PROBE when there are none.
   * 0 = the GIN index alone.
   */
  probe?: number;
}

export interface SearchHit<Key> {
  key: Key;
  rank: number;
}

export const DEFAULT_CANDIDATES = 100;
/** Probe size when the table has no statistics yet (never analysed). */
export const DEFAULT_PROBE = 8000;
/** The probe never reads more rows than this, whatever the statistics say. */
export const MAX_PROBE = 20_000;
/**
 * What one match found through the GIN index costs (a random heap page) against one row read by
 * the recency scan (the next row of the key's btree), measured by `npm run bench -- search`.
 */
export const GIN_ROW_COST = 3;

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
 * Finding the window: first the newest `probe` rows are read through the key's btree and checked
 * (cheap, and enough when the query is common); only when they hold too few matches does the GIN
 * index answer for the older rows (then the query is rare, so the matches are few). Both halves
 * run in one statement; PostgreSQL does not start the second when the first is enough. The key
 * bounds of the second half are wrapped in `is true` so that the planner cannot walk the key's
 * btree there: that half exists for rare queries, where only the GIN index is fast.
 */
export async function rankedSearch<Key = string>(
  ex: Executor,
  spec: RankedSearchSpec,
  query: SearchQuery | undefined,
  options: RankedSearchOptions,
): Promise<{ hits: SearchHit<Key>[]; nextCursor: string | null }> {
  if (!query) return { hits: [], nextCursor: null };
  const candidates = options.candidates ?? DEFAULT_CANDIDATES;
  const probe = options.probe ?? (await probeFor(ex, spec, query, candidates));
  let cursor = options.cursor ? decode(options.cursor) : undefined;
  const hits: SearchHit<Key>[] = [];
  // A page that ends a full window continues in the next one (at most a few windows per page).
  for (let windows = 0; windows < 4; windows++) {
    const wanted = options.limit - hits.length;
    const rows = await searchWindow(ex, spec, query, { candidates, probe, cursor, take: wanted + 1 });
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

async function searchWindow(
  ex: Executor,
  spec: RankedSearchSpec,
  query: SearchQuery,
  window: { candidates: number; probe: number; cursor: Cursor | undefined; take: number },
): Promise<WindowRow[]> {
  const result = await ex.execute<WindowRow>(searchWindowStatement(spec, query, window));
  return result.rows;
}

/** The statement behind one window (exported for the EXPLAIN test). */
export function searchWindowStatement(
  spec: RankedSearchSpec,
  query: SearchQuery,
  { candidates, probe, cursor, take }: { candidates: number; probe: number; cursor?: Cursor | undefined; take: number },
): SQL {
  const { table, key } = spec;
  const filter = spec.filter ?? sql`true`;
  const bound = cursor ? (cursor.i ? sql`${key} <= ${cursor.b}` : sql`${key} < ${cursor.b}`) : sql`true`;
  const tokens = tokenArray(query.tokens);
  const pattern = containsPattern(query.compact);
  const after = cursor?.r === undefined ? sql`true` : sql`(x.rank > ${cursor.r} or (x.rank = ${cursor.r} and x.key < ${cursor.k}))`;
  // Rows older than the probe: found through the GIN index alone (the key bounds are wrapped in
  // `is true` so the planner cannot walk the key's btree for them instead).
  const older = sql`
      select ${key} as k, ${spec.searchText} as st from ${table}
      where ${filter} and (${bound}) is true
        and ${spec.searchTokens} @> ${tokens} and replace(${spec.searchText}, ' ', '') like ${pattern}
        ${probe > 0 ? sql`and (${key} < (select ${key} from ${table} where ${filter} and ${bound} order by ${key} desc offset ${probe - 1} limit 1)) is true` : sql``}`;
  const newest = sql`
          (select p.k, p.st from (
             select ${key} as k, ${spec.searchText} as st, ${spec.searchTokens} as tok from ${table}
             where ${filter} and ${bound} order by ${key} desc limit ${probe}
           ) p
           where p.tok @> ${tokens} and replace(p.st, ' ', '') like ${pattern}
           order by p.k desc limit ${candidates})
          union all`;
  return sql`
    with older as materialized (${older})
    select x.key, x.rank, x.total, x.highest, x.lowest from (
      select c.k as key, ${searchRank(sql`c.st`, query)} as rank, count(*) over w as total,
             first_value(c.k) over w as highest, last_value(c.k) over w as lowest
      from (
        select u.k, u.st from (
          ${probe > 0 ? newest : sql``}
          (select o.k, o.st from older o order by o.k desc limit ${candidates})
        ) u limit ${candidates}
      ) c
      window w as (order by c.k desc rows between unbounded preceding and unbounded following)
    ) x
    where ${after}
    order by x.rank, x.key desc
    limit ${take}`;
}

interface TokenStatistics {
  at: number;
  rows: number;
  /** Fraction of rows holding each frequent token (pg_stats.most_common_elems). */
  frequencies: Map<string, number>;
  /** Tokens not listed are rarer than this. */
  floor: number;
}

const STATISTICS_TTL_MS = 5 * 60_000;
const statisticsCache = new Map<string, Promise<TokenStatistics | undefined>>();
const statisticsAt = new Map<string, number>();

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
  return { at: Date.now(), rows: Number(row.rows), frequencies, floor };
}

/** The column's token statistics, re-read every few minutes (per process; undefined until analysed). */
function tokenStatistics(ex: Executor, spec: RankedSearchSpec): Promise<TokenStatistics | undefined> {
  const tableName = getTableName(spec.table);
  const columnName = (spec.searchTokens as { name?: string }).name ?? 'search_tokens';
  const id = `${tableName}.${columnName}`;
  const cached = statisticsCache.get(id);
  if (cached && Date.now() - (statisticsAt.get(id) ?? 0) < STATISTICS_TTL_MS) return cached;
  const loading = loadStatistics(ex, tableName, columnName).catch(() => undefined);
  statisticsCache.set(id, loading);
  statisticsAt.set(id, Date.now());
  return loading;
}

/**
 * How many newest rows to probe: the rarest query token bounds the share of rows that match
 * (d). Probing finds `candidates` matches in about candidates / d rows; the GIN index would visit
 * about d × rows matches, each GIN_ROW_COST times dearer. Probe (with some margin) only when that
 * is cheaper; a rare query goes to the GIN index at once.
 */
export async function probeFor(ex: Executor, spec: RankedSearchSpec, query: SearchQuery, candidates: number): Promise<number> {
  const statistics = await tokenStatistics(ex, spec);
  if (!statistics) return DEFAULT_PROBE;
  return probeFromStatistics(statistics, query, candidates);
}

export function probeFromStatistics(statistics: Pick<TokenStatistics, 'rows' | 'frequencies' | 'floor'>, query: SearchQuery, candidates: number): number {
  const share = Math.min(...query.tokens.map((token) => statistics.frequencies.get(token) ?? statistics.floor / 2));
  if (!(share > 0)) return 0;
  const probeRows = (1.5 * candidates) / share;
  const ginCost = share * statistics.rows * GIN_ROW_COST;
  if (probeRows >= ginCost) return 0;
  return Math.min(MAX_PROBE, Math.ceil(probeRows));
}
