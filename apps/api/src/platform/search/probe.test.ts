import { describe, expect, it } from 'vitest';
import { MAX_PROBE, probeFromStatistics } from './search-sql';
import { parseSearchQuery } from './tokenizer';

const statistics = {
  rows: 1_000_000,
  frequencies: new Map([
    ['대', 0.47],
    ['실', 0.2],
    ['파티', 0.05],
    ['티룸', 0.04],
    ['빔', 0.0072],
  ]),
  floor: 0.002,
};
const probe = (input: string) => probeFromStatistics(statistics, parseSearchQuery(input)!, 100);

describe('probeFromStatistics', () => {
  it('probes a few hundred rows for a very common query', () => {
    expect(probe('대')).toBe(320);
    expect(probe('실')).toBe(750);
  });

  it('bounds the share by the rarest token of the query', () => {
    expect(probe('파티룸')).toBe(Math.ceil(150 / 0.04));
  });

  it('caps the probe near the point where the GIN index becomes cheaper', () => {
    expect(probe('빔')).toBe(MAX_PROBE);
  });

  it('goes straight to the GIN index for tokens rarer than every listed one', () => {
    expect(probe('펭귄')).toBe(0);
    expect(probe('대 펭귄')).toBe(0);
  });
});
