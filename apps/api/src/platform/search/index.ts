/**
 * Korean + English listing search, the one helper every listing table uses.
 * See docs/decisions/0004-korean-search.md for the design and its measurements.
 *
 * In `<module>.tables.ts`:
 *   export const listings = pgTable('listings', { id: uuid('id').primaryKey(), title: text('title').notNull(),
 *     ...searchColumns() }, (t) => [searchIndex('listings_search_idx', t.searchTokens)]);
 * On insert/update of the title or description: `...searchFieldsOf(title, description)`.
 * In the repository: `rankedSearch(ex, { table, key: t.id, searchText: t.searchText, searchTokens: t.searchTokens },
 *   parseSearchQuery(q), { limit, cursor })`, or `matchesSearch` / `searchRank` in a plain query.
 */
export {
  MAX_PREFIX,
  MAX_QUERY_LENGTH,
  PART_SEPARATOR,
  indexTokensOf,
  normalizeSearchText,
  parseSearchQuery,
  searchFieldsOf,
  searchTextOf,
  type SearchQuery,
} from './tokenizer';
export {
  DEFAULT_CANDIDATES,
  GIN_ALONE_BELOW,
  matchesSearch,
  rankedSearch,
  searchColumns,
  searchIndex,
  searchRank,
  type RankedSearchOptions,
  type RankedSearchSpec,
  type SearchColumns,
  type SearchHit,
} from './search-sql';
