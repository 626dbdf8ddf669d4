/**
 * Summaries, distinct counts, tallies and histograms of Float64Array columns (NaN = missing).
 * Written for a million rows in a browser worker: plain loops over typed arrays and no
 * per-value objects. Two reads of a column (scan.ts) give its summary, its distinct count
 * (exact up to DISTINCT_EXACT_MAX, estimated and marked so above) and the histogram's counts;
 * distinct.ts keeps the exact counts and tallies that id detection and overrides need.
 *
 * Results are memoised per array: inference and profiling read the same columns, and a parsed
 * table is never mutated. Importing this module runs its loops on small samples (see
 * primeKernels), which spares the first real columns a slow, unoptimised start.
 */

import type { HistogramBin } from '../types';
import { binEntries, binLayout, binRows } from './bins';
import { countDistinctIntegers, fitsBitset, fitsDenseCounts, primeDistinctKernels, tallyByHash } from './distinct';
import { primeScan, scanColumn, type ColumnScan } from './scan';
import { TopK } from './top-k';

export interface NumberStats {
  /** Non-missing values. */
  readonly count: number;
  readonly missing: number;
  /** NaN when every value is missing, like mean and std. */
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Population standard deviation (divides by n): a description of the column, not an estimate. */
  readonly std: number;
  /** Every non-missing value is a whole number. */
  readonly integer: boolean;
  /** Every non-missing value is 0 or 1. */
  readonly zeroOne: boolean;
}

/** A distinct count as the profile shows it: exact, or estimated (see DISTINCT_EXACT_MAX). */
export interface DistinctCount {
  readonly distinct: number;
  readonly approximate: boolean;
}

interface Facts {
  readonly stats: NumberStats;
  readonly scan: ColumnScan;
}

const factsMemo = new WeakMap<Float64Array, Facts>();
const exactMemo = new WeakMap<Float64Array, number>();

function factsOf(values: Float64Array): Facts {
  const memo = factsMemo.get(values);
  if (memo) return memo;
  const scan = scanColumn(values);
  const { count } = scan;
  // Sums are taken around the first value so that large offsets (timestamps) keep their precision.
  const meanShifted = count > 0 ? scan.sum / count : Number.NaN;
  const stats: NumberStats = {
    count,
    missing: values.length - count,
    min: count > 0 ? scan.min : Number.NaN,
    max: count > 0 ? scan.max : Number.NaN,
    mean: meanShifted + scan.shift,
    std: Math.sqrt(Math.max(0, scan.sumSq / count - meanShifted * meanShifted)),
    integer: scan.integer,
    zeroOne: scan.zeroOne,
  };
  const facts = { stats, scan };
  factsMemo.set(values, facts);
  return facts;
}

export function summarizeNumbers(values: Float64Array): NumberStats {
  return factsOf(values).stats;
}

/**
 * Distinct non-missing values (0 and -0 are one) as the profile shows them: exact up to
 * DISTINCT_EXACT_MAX (and beyond it for whole numbers and short decimals over a modest range),
 * otherwise a HyperLogLog estimate within about 1%.
 */
export function distinctNumbers(values: Float64Array): DistinctCount {
  const { distinct, approximate } = factsOf(values).scan;
  return { distinct, approximate };
}

/** Exact number of distinct non-missing values, however many: id detection rests on it. */
export function countDistinctNumbers(values: Float64Array): number {
  const { stats, scan } = factsOf(values);
  if (!scan.approximate) return scan.distinct;
  const memo = exactMemo.get(values);
  if (memo !== undefined) return memo;
  const distinct = fitsBitset(stats)
    ? countDistinctIntegers(values, stats.min, stats.max)
    : tallyByHash(values, stats.count);
  exactMemo.set(values, distinct);
  return distinct;
}

export interface NumberCount {
  readonly value: number;
  readonly count: number;
}

/**
 * The `limit` most frequent values, most frequent first (ties: smaller value first), and the
 * exact number of distinct values. `limit` = Infinity lists them all.
 */
export function tallyNumbers(
  values: Float64Array,
  limit: number,
): { readonly top: NumberCount[]; readonly distinct: number } {
  const { stats, scan } = factsOf(values);
  const best = new TopK(limit);
  let distinct: number;
  const range = stats.max - stats.min;
  if (scan.entries) {
    const { keys, counts } = scan.entries;
    for (let i = 0; i < keys.length; i++) best.offer(keys[i] as number, counts[i] as number);
    distinct = keys.length;
  } else if (fitsDenseCounts(stats)) {
    const counts = new Int32Array(range + 1);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (v === v) counts[v - stats.min] = (counts[v - stats.min] as number) + 1;
    }
    distinct = 0;
    for (let i = 0; i < counts.length; i++) {
      const count = counts[i] as number;
      if (count > 0) {
        distinct++;
        best.offer(stats.min + i, count);
      }
    }
  } else {
    distinct = tallyByHash(values, stats.count, (value, count) => best.offer(value, count));
  }
  const top = best.entries().map((e) => ({ value: e.key, count: e.count }));
  return { top, distinct };
}

/**
 * About HISTOGRAM_BINS equal-width bins from min to max, the last one closed. Integer columns
 * spanning at most HISTOGRAM_BINS values get one bin per value: `start` is the value and
 * `end` is value + 1. Binned from the distinct values, or from counts the scan kept.
 */
export function histogramNumbers(values: Float64Array, wholeNumbers: boolean): HistogramBin[] {
  const { stats, scan } = factsOf(values);
  if (stats.count === 0) return [];
  const { min, max } = stats;
  const { perValue, binCount, width, scale } = binLayout(min, max, stats.integer, wholeNumbers);
  let counts: Int32Array = new Int32Array(binCount);
  if (scan.entries) binEntries(scan.entries, min, scale, counts);
  else if (scan.bins && scan.bins.length === binCount && !perValue) counts = scan.bins;
  else binRows(values, min, scale, counts);
  const last = binCount - 1;
  const bins: HistogramBin[] = [];
  for (let b = 0; b < binCount; b++) {
    const start = min + b * width;
    const end = perValue ? start + 1 : b === last ? max : min + (b + 1) * width;
    bins.push({ start, end, count: counts[b] as number });
  }
  return bins;
}

/**
 * Priming (see primeScan): each loop runs on small columns PRIMING_ROUNDS times, so that V8
 * compiles it as a whole function, in the background while the file is still being parsed;
 * a single long run only gets it optimised mid-loop, which the first real column cannot reuse.
 * It costs 15–40 ms at load on a 2-core machine and saved 100–150 ms of a cold analyzeTable on
 * the 1M × 20 benchmark (the loops otherwise run unoptimised for 10–30 ms each).
 */
const PRIMING_ROWS = 512;
const PRIMING_ROUNDS = 8;

function primeKernels(): void {
  const decimals = new Float64Array(PRIMING_ROWS);
  for (let i = 0; i < decimals.length; i++) decimals[i] = i % 7 === 3 ? Number.NaN : i % 5 === 0 ? -0 : i * 0.5;
  primeScan(PRIMING_ROWS, PRIMING_ROUNDS);
  const entries = { keys: decimals, counts: new Int32Array(decimals.length) };
  for (let round = 0; round < PRIMING_ROUNDS; round++) binEntries(entries, 0, 1 / PRIMING_ROWS, new Int32Array(2));
  binRows(decimals, 0, 1 / PRIMING_ROWS, new Int32Array(2));
  primeDistinctKernels(decimals);
}

primeKernels();
