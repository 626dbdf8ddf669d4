import { describe, expect, it } from 'vitest';
import type { NumberColumn, Table } from '../types';
import { DISTINCT_EXACT_MAX } from './flags';
import { countDistinctNumbers, distinctNumbers, histogramNumbers, summarizeNumbers, tallyNumbers } from './number-stats';
import { profileTable } from './profile';
import { inferSchema } from './schema';

/** A seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** `rows` values drawn from `distinct` different ones (each at least once), in random order. */
function column(rows: number, distinct: number, value: (k: number) => number, seed = 1): Float64Array {
  const next = random(seed);
  const out = Float64Array.from({ length: rows }, (_, i) => value(i < distinct ? i : Math.floor(next() * distinct)));
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

function setSize(values: Float64Array): number {
  return new Set(Array.from(values).filter((v) => !Number.isNaN(v)).map((v) => v + 0)).size;
}

/** Many digits after the point, so no flat array of counts applies. */
const longDecimal = (k: number): number => k * 0.731_234_567 + 0.123_456_789;

function numberTable(columns: Record<string, Float64Array>): Table {
  const cols: NumberColumn[] = Object.entries(columns).map(([name, values]) => ({
    kind: 'number',
    name,
    values,
    allInteger: values.every((v) => Number.isNaN(v) || Number.isInteger(v)),
  }));
  return { rowCount: cols[0]?.values.length ?? 0, columns: cols };
}

describe('distinct counts', () => {
  it('estimates columns with very many values within 2%, and says so', () => {
    for (const distinct of [150_000, 700_000]) {
      const values = column(1_000_000, distinct, longDecimal, distinct);
      const counted = distinctNumbers(values);
      expect(counted.approximate).toBe(true);
      expect(Math.abs(counted.distinct - distinct) / distinct).toBeLessThan(0.02);
      // The exact count stays available for id detection and tallies.
      expect(countDistinctNumbers(values)).toBe(distinct);
    }
  });

  it('counts exactly up to the cap, whatever the first rows look like', () => {
    for (const distinct of [1_000, 40_000, DISTINCT_EXACT_MAX]) {
      const values = column(200_000, distinct, longDecimal, 3);
      expect(distinctNumbers(values)).toEqual({ distinct, approximate: false });
    }
    const over = column(200_000, DISTINCT_EXACT_MAX + 2_000, longDecimal, 4);
    expect(distinctNumbers(over).approximate).toBe(true);
  });

  it('counts whole numbers and short decimals exactly, even beyond the cap', () => {
    const wholes = column(1_000_000, 100_000, (k) => k - 50_000);
    expect(distinctNumbers(wholes)).toEqual({ distinct: 100_000, approximate: false });
    const prices = column(300_000, 9_999, (k) => k / 100 + 0.01);
    expect(distinctNumbers(prices)).toEqual({ distinct: 9_999, approximate: false });
  });

  it('stays exact when later rows break what the first rows suggested', () => {
    // More digits far down the column.
    const digits = column(100_000, 5_000, (k) => k / 10);
    digits[90_000] = 1.234_56;
    expect(distinctNumbers(digits)).toEqual({ distinct: setSize(digits), approximate: false });
    // A range far wider than the first rows show.
    const range = Float64Array.from({ length: 100_000 }, (_, i) => (i < 1000 ? i % 10 : i));
    expect(distinctNumbers(range)).toEqual({ distinct: setSize(range), approximate: false });
    // Missing values, negatives, and 0 and -0 as one value.
    const mixed = Float64Array.from({ length: 50_001 }, (_, i) =>
      i % 9 === 0 ? Number.NaN : i % 11 === 0 ? -0 : ((i % 700) - 350) / 4,
    );
    expect(distinctNumbers(mixed)).toEqual({ distinct: setSize(mixed), approximate: false });
    expect(tallyNumbers(mixed, Infinity).distinct).toBe(setSize(mixed));
  });

  it('marks only estimated counts in the profile', () => {
    const table = numberTable({
      many: column(1_000_000, 600_000, longDecimal, 5),
      few: column(1_000_000, 800, longDecimal, 6),
    });
    const [many, few] = profileTable(table, inferSchema(table)).columns;
    expect(many?.distinctApproximate).toBe(true);
    expect(few).toMatchObject({ distinct: 800 });
    expect(few?.distinctApproximate).toBeUndefined();
  });
});

describe('summaries and histograms on every counting path', () => {
  const next = random(9);
  const paths = {
    dense: column(200_001, 5_000, (k) => k / 10 - 100),
    table: column(200_001, 20_000, longDecimal),
    wide: Float64Array.from({ length: 200_001 }, (_, i) => (i % 13 === 0 ? Number.NaN : next() * 1e6 - 5e5)),
  };
  for (const [path, values] of Object.entries(paths)) {
    it(`agrees with a plain loop (${path})`, () => {
      const present = Array.from(values).filter((v) => !Number.isNaN(v));
      const min = present.reduce((a, b) => Math.min(a, b));
      const max = present.reduce((a, b) => Math.max(a, b));
      const mean = present.reduce((a, b) => a + b, 0) / present.length;
      const std = Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / present.length);
      const stats = summarizeNumbers(values);
      expect(stats).toMatchObject({ count: present.length, min, max });
      expect(stats.mean).toBeCloseTo(mean, 6);
      expect(stats.std).toBeCloseTo(std, 6);
      const bins = new Array<number>(20).fill(0);
      for (const v of present) {
        const bin = Math.min(19, Math.floor((v - min) * (1 / ((max - min) / 20))));
        bins[bin] = (bins[bin] ?? 0) + 1;
      }
      expect(histogramNumbers(values, false).map((b) => b.count)).toEqual(bins);
    });
  }
});

describe('id detection on a million rows', () => {
  const ids = column(1_000_000, 1_000_000, (k) => k + 1);
  const typeOf = (values: Float64Array): string | undefined => inferSchema(numberTable({ id: values }))[0]?.type;

  it('calls a unique whole-number column an id, exactly', () => {
    expect(typeOf(ids)).toBe('id');
    // A range too wide for a bitset is checked exactly too.
    expect(typeOf(ids.map((v) => v * 1_000_003))).toBe('id');
  });

  it('does not when a single value repeats', () => {
    const repeated = ids.slice();
    repeated[123_456] = repeated[654_321] as number;
    expect(typeOf(repeated)).toBe('integer');
    expect(typeOf(repeated.map((v) => v * 1_000_003))).toBe('integer');
  });
});
