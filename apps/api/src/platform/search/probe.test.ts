import { describe, expect, it } from 'vitest';
import { chooseRange, GIN_ALONE_BELOW } from './search-sql';
import { parseSearchQuery } from './tokenizer';

const statistics = {
  rows: 1_000_000,
  frequencies: new Map([
    ['대', 0.47],
    ['실', 0.2],
    ['파티', 0.05],
    ['티룸', 0.04],
    ['빔', 0.009],
    ['곱', 0.0012],
  ]),
  floor: 0.001,
};
const choose = (input: string) => chooseRange(statistics, parseSearchQuery(input)!, 100); // 100 candidates

describe('chooseRange', () => {
  it('searches a few hundred newest rows for a very common query', () => {
    expect(choose('대')).toEqual({ rarest: '대', rows: 426 });
    expect(choose('실')).toEqual({ rarest: '실', rows: 1000 });
  });

  it('goes by the rarest token of the query, which bounds the share of matches', () => {
    expect(choose('파티룸')).toEqual({ rarest: '티룸', rows: 5000 });
    expect(choose('빔')).toEqual({ rarest: '빔', rows: 22_223 });
  });

  it('uses the GIN index alone when few rows can match', () => {
    expect(0.0012 * statistics.rows).toBeLessThan(GIN_ALONE_BELOW);
    expect(choose('곱')).toEqual({ rarest: '곱', rows: 0 });
    expect(choose('펭귄')).toEqual({ rarest: '펭귄', rows: 0 });
    expect(choose('대 펭귄').rows).toBe(0);
  });
});
