import { describe, expect, it } from 'vitest';
import { countDistinctNumbers, histogramNumbers, summarizeNumbers, tallyNumbers } from './number-stats';

/** A seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

describe('summarizeNumbers', () => {
  it('skips missing values and gives the population std', () => {
    const stats = summarizeNumbers(Float64Array.from([2, 4, Number.NaN, 4, 4, 5, 5, 7, 9]));
    expect(stats).toMatchObject({ count: 8, missing: 1, min: 2, max: 9, mean: 5, integer: true, zeroOne: false });
    expect(stats.std).toBeCloseTo(2, 12);
  });

  it('keeps precision for large offsets such as timestamps', () => {
    const base = Date.UTC(2020, 0, 1);
    const stats = summarizeNumbers(Float64Array.from([base, base + 2, base + 4]));
    expect(stats.mean).toBe(base + 2);
    expect(stats.std).toBeCloseTo(Math.sqrt(8 / 3), 9);
  });
});

describe('countDistinctNumbers', () => {
  it('counts exactly, ignoring missing values and the sign of zero', () => {
    expect(countDistinctNumbers(Float64Array.from([0, -0, 1.5, 1.5, Number.NaN, -2]))).toBe(3);
    expect(countDistinctNumbers(new Float64Array([Number.NaN, Number.NaN]))).toBe(0);
  });

  it('treats 0 and -0 as one value in a column too large for the small table', () => {
    const values = Float64Array.from({ length: 100_000 }, (_, i) => (i === 0 ? -0 : i === 1 ? 0 : i + 0.5));
    expect(countDistinctNumbers(values)).toBe(99_999);
  });

  it('agrees with a Set on large float and integer columns', () => {
    const next = random(7);
    const floats = Float64Array.from({ length: 200_000 }, () =>
      next() < 0.02 ? Number.NaN : Math.round(next() * 50_000) / 4 - 3000,
    );
    const integers = Float64Array.from({ length: 200_000 }, () => Math.floor(next() * 3_000_000));
    for (const values of [floats, integers]) {
      const expected = new Set(Array.from(values).filter((v) => !Number.isNaN(v))).size;
      expect(countDistinctNumbers(values)).toBe(expected);
    }
  });
});

describe('tallyNumbers', () => {
  it('lists the most frequent values first, ties by value', () => {
    const { top, distinct } = tallyNumbers(Float64Array.from([3, 1, 3, 2, 1, 3, Number.NaN, 0.5]), 3);
    expect(distinct).toBe(4);
    expect(top).toEqual([
      { value: 3, count: 3 },
      { value: 1, count: 2 },
      { value: 0.5, count: 1 },
    ]);
  });

  it('tallies whole numbers and many-valued floats alike', () => {
    const integers = Float64Array.from({ length: 1000 }, (_, i) => (i < 10 ? 7 : i));
    expect(tallyNumbers(integers, 2)).toEqual({ top: [{ value: 7, count: 10 }, { value: 10, count: 1 }], distinct: 991 });
    // 100,000 different decimals, one of them five times: counted partition by partition.
    const floats = Float64Array.from({ length: 100_004 }, (_, i) => (i >= 100_000 ? 0.125 : i / 8 + 0.0625));
    const { top, distinct } = tallyNumbers(floats, 2);
    expect(distinct).toBe(100_001);
    expect(top).toEqual([{ value: 0.125, count: 4 }, { value: 0.0625, count: 1 }]);
  });

  it('keeps every entry when asked for all of a large float column', () => {
    const values = Float64Array.from({ length: 30_000 }, (_, i) => (i % 10_000) + 0.25);
    const { top, distinct } = tallyNumbers(values, Infinity);
    expect(distinct).toBe(10_000);
    expect(top).toHaveLength(10_000);
    expect(top.every((e) => e.count === 3)).toBe(true);
    expect(top[0]).toEqual({ value: 0.25, count: 3 });
  });
});

describe('histogramNumbers', () => {
  it('splits the range into 20 equal bins, the last one closed', () => {
    const bins = histogramNumbers(Float64Array.from({ length: 41 }, (_, i) => i / 2), false);
    expect(bins).toHaveLength(20);
    expect(bins[0]).toEqual({ start: 0, end: 1, count: 2 });
    expect(bins[19]).toEqual({ start: 19, end: 20, count: 3 });
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(41);
  });

  it('gives small-range whole numbers one bin per value', () => {
    const bins = histogramNumbers(Float64Array.from([4, 8, 6, 4, Number.NaN, 8, 8]), true);
    expect(bins.map((b) => [b.start, b.count])).toEqual([
      [4, 2],
      [5, 0],
      [6, 1],
      [7, 0],
      [8, 3],
    ]);
  });

  it('puts a single repeated value in one bin and an empty column in none', () => {
    expect(histogramNumbers(Float64Array.from([2.5, 2.5]), false)).toEqual([{ start: 2.5, end: 2.5, count: 2 }]);
    expect(histogramNumbers(Float64Array.from([Number.NaN]), false)).toEqual([]);
  });
});
