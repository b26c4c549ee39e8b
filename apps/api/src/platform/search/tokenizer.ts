/**
 * Korean + English search tokens (pure; no I/O). One definition used for both sides:
 * what a listing stores (`searchFieldsOf`) and what a query asks for (`parseSearchQuery`).
 *
 * Semantics: a listing matches a query when the listing's normalised text, with spaces removed,
 * contains the normalised query with spaces removed ("캠핑 의자" finds "캠핑의자" and back:
 * Korean spacing is unreliable). The tokens only let a GIN index find candidates fast; the final
 * `LIKE` recheck in SQL makes the answer exact.
 *
 * - Syllabic scripts (Hangul, Han, kana): every character is a unigram token ("방"), and every
 *   pair of neighbouring characters is a bigram token ("파티", "티룸"), across spaces.
 *   A 1-character query needs the unigram; 2+ characters need all their bigrams.
 * - Alphabetic words and digits ("ps5", "nintendo", "500"): each word is indexed with its
 *   prefixes, up to MAX_PREFIX characters, so a query word matches words that start with it
 *   ("proj" → "projector"). Infix English ("ject") is not a goal.
 */

/** Longer alphabetic prefixes are not indexed; the SQL recheck covers the rest of the word. */
export const MAX_PREFIX = 12;

/** Separates the parts (title, description…) in the stored text; normalisation never produces it. */
export const PART_SEPARATOR = '\n';

const SYLLABIC = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
/** Runs of the same kind inside one word: syllabic characters, or anything else (letters/digits). */
const RUNS = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[^\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/** NFKC, lower case, every run of punctuation/symbols/emoji/whitespace → one space, trimmed. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOT_WORD, ' ').trim();
}

/** The normalised text without spaces: what the contains-recheck compares. */
export const compactOf = (normalized: string): string => normalized.replaceAll(' ', '');

const isSyllabic = (char: string) => SYLLABIC.test(char);

function addWordTokens(word: string, into: Set<string>) {
  for (const run of word.match(RUNS) ?? []) {
    if (isSyllabic(run[0] ?? '')) continue; // syllabic runs are handled on the compact text
    const chars = [...run];
    const longest = Math.min(chars.length, MAX_PREFIX);
    for (let length = 1; length <= longest; length++) into.add(chars.slice(0, length).join(''));
  }
}

function addSyllabicTokens(compact: string, into: Set<string>, unigrams: boolean) {
  // Syllabic runs of the compact text: bigrams cross former spaces ("서울 강남" → "울강").
  let previous: string | undefined;
  for (const char of compact) {
    if (!isSyllabic(char)) {
      previous = undefined;
      continue;
    }
    if (unigrams) into.add(char);
    if (previous !== undefined) into.add(previous + char);
    previous = char;
  }
}

/** The stored form of a listing: normalised parts joined by PART_SEPARATOR (title first). */
export function searchTextOf(...parts: (string | null | undefined)[]): string {
  return parts.map((part) => normalizeSearchText(part ?? '')).join(PART_SEPARATOR);
}

/** Tokens to index for a stored search text (see searchTextOf). Sorted, without duplicates. */
export function indexTokensOf(searchText: string): string[] {
  const tokens = new Set<string>();
  for (const part of searchText.split(PART_SEPARATOR)) {
    for (const word of part.split(' ')) if (word) addWordTokens(word, tokens);
    addSyllabicTokens(compactOf(part), tokens, true);
  }
  return [...tokens].sort();
}

/** What a listing table stores: `search_text` and `search_tokens`. */
export function searchFieldsOf(...parts: (string | null | undefined)[]): { searchText: string; searchTokens: string[] } {
  const searchText = searchTextOf(...parts);
  return { searchText, searchTokens: indexTokensOf(searchText) };
}

export interface SearchQuery {
  /** Normalised query: lower case, single spaces. */
  normalized: string;
  /** Without spaces: the contains-recheck compares this. */
  compact: string;
  /** Every one must be in a listing's tokens (`search_tokens @> tokens`). Never empty. */
  tokens: string[];
}

/** Longest query kept (characters of the normalised query); longer input is cut, not refused. */
export const MAX_QUERY_LENGTH = 64;

/** Parses what a user typed; undefined when nothing searchable is left (empty, only symbols). */
export function parseSearchQuery(input: string): SearchQuery | undefined {
  const normalized = [...normalizeSearchText(input)].slice(0, MAX_QUERY_LENGTH).join('').trim();
  if (!normalized) return undefined;
  const compact = compactOf(normalized);
  const tokens = new Set<string>();
  for (const word of normalized.split(' ')) {
    for (const run of word.match(RUNS) ?? []) {
      if (isSyllabic(run[0] ?? '')) continue;
      tokens.add([...run].slice(0, MAX_PREFIX).join(''));
    }
  }
  // Pairs of neighbouring syllabic characters need their bigrams; a syllabic character alone in
  // its run of the compact query ("방", or "인" in "3인") needs its unigram.
  addSyllabicTokens(compact, tokens, false);
  let run = 0;
  let last = '';
  for (const char of `${compact} `) {
    if (isSyllabic(char)) {
      run++;
      last = char;
      continue;
    }
    if (run === 1) tokens.add(last);
    run = 0;
  }
  return { normalized, compact, tokens: [...tokens].sort() };
}

/** A LIKE pattern that matches `text` literally anywhere (backslash is LIKE's default escape). */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
