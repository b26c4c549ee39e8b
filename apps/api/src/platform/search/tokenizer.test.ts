import { describe, expect, it } from 'vitest';
import { indexTokensOf, MAX_PREFIX, normalizeSearchText, parseSearchQuery, searchFieldsOf, searchTextOf } from './tokenizer';

/** What the SQL does: every query token indexed, and the spaceless text contains the spaceless query. */
function matches(title: string, input: string): boolean {
  const query = parseSearchQuery(input);
  if (!query) return false;
  const { searchText, searchTokens } = searchFieldsOf(title);
  const tokens = new Set(searchTokens);
  return query.tokens.every((token) => tokens.has(token)) && searchText.replaceAll(' ', '').includes(query.compact);
}

describe('normalizeSearchText', () => {
  it('applies NFKC, lower-cases, turns punctuation and emoji into single spaces', () => {
    expect(normalizeSearchText('  ＰＳ５  대여!!! (듀얼센스)🎮  ')).toBe('ps5 대여 듀얼센스');
    expect(normalizeSearchText('iPad\tPro\n11"')).toBe('ipad pro 11');
    expect(normalizeSearchText('100% 환불_가능')).toBe('100 환불 가능');
  });

  it('composes decomposed Hangul (macOS NFD input) into syllables', () => {
    expect(normalizeSearchText('파티룸'.normalize('NFD'))).toBe('파티룸');
  });

  it('keeps parts apart with a separator normalisation never produces', () => {
    expect(searchTextOf('강남 파티룸', null, '넓은 공간\n주차 가능')).toBe('강남 파티룸\n\n넓은 공간 주차 가능');
  });
});

describe('index tokens', () => {
  it('indexes Hangul unigrams and bigrams, across spaces', () => {
    expect(indexTokensOf('서울 강남')).toEqual(['강', '강남', '남', '서', '서울', '울', '울강']);
  });

  it('indexes Latin and digit words with their prefixes, capped', () => {
    expect(indexTokensOf('ps5')).toEqual(['p', 'ps', 'ps5']);
    const long = indexTokensOf('supercalifragilistic');
    expect(long).toHaveLength(MAX_PREFIX);
    expect(long).toContain('supercalifra');
  });

  it('splits a mixed word into its script runs', () => {
    expect(indexTokensOf('3인용')).toEqual(['3', '용', '인', '인용']);
  });

  it('does not pair syllables across parts', () => {
    expect(indexTokensOf(searchTextOf('강', '남'))).toEqual(['강', '남']);
  });
});

describe('query tokens', () => {
  it('a 1-syllable query needs its unigram', () => {
    expect(parseSearchQuery('방')?.tokens).toEqual(['방']);
  });

  it('2 and 3+ syllables need all their bigrams, not unigrams', () => {
    expect(parseSearchQuery('강남')?.tokens).toEqual(['강남']);
    expect(parseSearchQuery('파티룸')?.tokens).toEqual(['티룸', '파티']);
    expect(parseSearchQuery('스터디룸')?.tokens).toEqual(['디룸', '스터', '터디']);
  });

  it('mixed queries combine word tokens and syllable tokens', () => {
    expect(parseSearchQuery('PS5 대여')).toEqual({ normalized: 'ps5 대여', compact: 'ps5대여', tokens: ['ps5', '대여'] });
    expect(parseSearchQuery('3인')?.tokens).toEqual(['3', '인']);
  });

  it('nothing searchable gives no query', () => {
    for (const input of ['', '   ', '%', '_%_', '🎮🎮', '!?']) expect(parseSearchQuery(input)).toBeUndefined();
  });

  it('cuts very long input instead of refusing it', () => {
    expect([...(parseSearchQuery('가'.repeat(500))?.normalized ?? '')]).toHaveLength(64);
  });
});

describe('contains semantics (what index + recheck answer)', () => {
  it.each([
    ['강남역 감성 파티룸', '방', false],
    ['아늑한 방 대여', '방', true],
    ['강남역 감성 파티룸', '파티룸', true],
    ['강남역 감성 파티룸', '남역', true],
    ['강남역 감성 파티룸', '티룸 강', false],
    ['캠핑의자 대여', '캠핑 의자', true],
    ['캠핑 의자 대여', '캠핑의자', true],
    ['PS5 대여 (듀얼센스 2개)', 'ps5 대여', true],
    ['PS5 대여 (듀얼센스 2개)', 'PS5', true],
    ['PS5 대여 (듀얼센스 2개)', 'ps', true],
    ['빔프로젝터 Projector 빌려드려요', 'proj', true],
    ['빔프로젝터 Projector 빌려드려요', 'ject', false],
    ['Nintendo Switch', 'switch', true],
    ['100% 환불', '100%', true],
    ['100 환불', '1_0', false],
    ['감성 🎮 게임방', '게임방', true],
  ])('%s ∋ %s → %s', (title, query, expected) => {
    expect(matches(title, query)).toBe(expected);
  });

  it('bigrams present but apart are caught by the recheck, not the tokens', () => {
    // "서울강": bigrams 서울 and 울강 are both in "울강 서울", but not next to each other.
    const query = parseSearchQuery('서울강')!;
    const tokens = new Set(searchFieldsOf('울강 서울').searchTokens);
    expect(query.tokens.every((token) => tokens.has(token))).toBe(true);
    expect(matches('울강 서울', '서울강')).toBe(false);
    expect(matches('서울 강남', '서울강')).toBe(true);
  });
});
