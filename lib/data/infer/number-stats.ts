/**
 * One-pass summaries, exact distinct counts, tallies and histograms of Float64Array columns
 * (NaN = missing). Written for a million rows in a browser worker: plain loops over typed
 * arrays and no per-value objects; the counting itself lives in distinct.ts.
 *
 * Results are memoised per array: inference and profiling read the same columns, and a parsed
 * table is never mutated. Importing this module runs its loops once on small samples (see
 * primeKernels), a few milliseconds that spare the first real column a slow, unoptimised start.
 */

import type { HistogramBin } from '../types';
import { HISTOGRAM_BINS } from './flags';
import { countDistinctIntegers, fitsBitset, fitsDenseCounts, primeDistinctKernels, tallyByHash } from './distinct';
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

const statsMemo = new WeakMap<Float64Array, NumberStats>();
const distinctMemo = new WeakMap<Float64Array, number>();

export function summarizeNumbers(values: Float64Array): NumberStats {
  const memo = statsMemo.get(values);
  if (memo) return memo;
  // Sums are taken around the first value so that large offsets (timestamps) keep their precision.
  const shift = firstPresent(values);
  const scan = new Float64Array(SCAN_FIELDS);
  scanNumbers(values, shift, scan);
  const [count = 0, min = 0, max = 0, sum = 0, sumSq = 0, fractional = 0, notZeroOne = 0] = scan;
  const meanShifted = count > 0 ? sum / count : Number.NaN;
  const stats: NumberStats = {
    count,
    missing: values.length - count,
    min: count > 0 ? min : Number.NaN,
    max: count > 0 ? max : Number.NaN,
    mean: meanShifted + shift,
    std: Math.sqrt(Math.max(0, sumSq / count - meanShifted * meanShifted)),
    integer: count > 0 && fractional === 0,
    zeroOne: count > 0 && notZeroOne === 0,
  };
  statsMemo.set(values, stats);
  return stats;
}

function firstPresent(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === v) return v;
  }
  return 0;
}

const SCAN_FIELDS = 7;

/**
 * The hot loop alone, results in `out` (count, min, max, sum, sumSq, fractional?, notZeroOne?).
 * Kept apart from the code that reads its results: V8 optimises a long loop mid-run, and code
 * after the loop that has never run would throw that optimised version away on every call.
 */
function scanNumbers(values: Float64Array, shift: number, out: Float64Array): void {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSq = 0;
  let fractional = 0;
  let notZeroOne = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) continue;
    count++;
    // Conditional expressions, not if-statements: measurably faster in V8 here.
    min = v < min ? v : min;
    max = v > max ? v : max;
    const d = v - shift;
    sum += d;
    sumSq += d * d;
    // Each flag stops costing anything once it is set.
    if (notZeroOne === 0 && v !== 0 && v !== 1) notZeroOne = 1;
    if (fractional === 0 && v !== Math.floor(v)) fractional = 1;
  }
  out[0] = count;
  out[1] = min;
  out[2] = max;
  out[3] = sum;
  out[4] = sumSq;
  out[5] = fractional;
  out[6] = notZeroOne;
}

/** Exact number of distinct non-missing values (0 and -0 are one value). */
export function countDistinctNumbers(values: Float64Array): number {
  const memo = distinctMemo.get(values);
  if (memo !== undefined) return memo;
  const stats = summarizeNumbers(values);
  const distinct = fitsBitset(stats)
    ? countDistinctIntegers(values, stats.min, stats.max)
    : tallyByHash(values, stats.count);
  distinctMemo.set(values, distinct);
  return distinct;
}

export interface NumberCount {
  readonly value: number;
  readonly count: number;
}

/**
 * The `limit` most frequent values, most frequent first (ties: smaller value first), and the
 * number of distinct values. `limit` = Infinity lists them all.
 */
export function tallyNumbers(
  values: Float64Array,
  limit: number,
): { readonly top: NumberCount[]; readonly distinct: number } {
  const stats = summarizeNumbers(values);
  const best = new TopK(limit);
  let distinct: number;
  const range = stats.max - stats.min;
  if (fitsDenseCounts(stats)) {
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
 * `end` is value + 1.
 */
export function histogramNumbers(values: Float64Array, wholeNumbers: boolean): HistogramBin[] {
  const stats = summarizeNumbers(values);
  if (stats.count === 0) return [];
  const { min, max } = stats;
  const perValue = wholeNumbers && stats.integer && max - min + 1 <= HISTOGRAM_BINS;
  const binCount = perValue ? max - min + 1 : min === max ? 1 : HISTOGRAM_BINS;
  const width = perValue ? 1 : (max - min) / binCount;
  const scale = width > 0 ? 1 / width : 0;
  const counts = new Int32Array(binCount);
  const last = binCount - 1;
  binNumbers(values, min, scale, counts);
  const bins: HistogramBin[] = [];
  for (let b = 0; b < binCount; b++) {
    const start = min + b * width;
    const end = perValue ? start + 1 : b === last ? max : min + (b + 1) * width;
    bins.push({ start, end, count: counts[b] as number });
  }
  return bins;
}

/** The histogram's loop alone (see scanNumbers for why). */
function binNumbers(values: Float64Array, min: number, scale: number, counts: Int32Array): void {
  const last = counts.length - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) continue;
    // v >= min and the product is at most the bin count, so truncation is floor.
    const bin = ((v - min) * scale) | 0;
    const at = bin > last ? last : bin;
    counts[at] = (counts[at] as number) + 1;
  }
}

/**
 * Rows of the priming column: enough for V8 to start optimising each loop in the background
 * while the file is still being parsed, so the first real column does not run unoptimised
 * (30–90 ms on a 2-core machine); few enough to cost milliseconds at load.
 */
const PRIMING_ROWS = 3000;

/**
 * See primeDistinctKernels: every hot loop runs on small columns before the first real one,
 * with 0/1, whole and decimal values, so that every branch has been taken at least once.
 */
function primeKernels(): void {
  const kinds = [(i: number) => i % 2, (i: number) => i, (i: number) => i * 0.5];
  for (const kind of kinds) {
    const sample = new Float64Array(PRIMING_ROWS);
    for (let i = 0; i < sample.length; i++) sample[i] = i % 7 === 3 ? Number.NaN : kind(i);
    scanNumbers(sample, 0, new Float64Array(SCAN_FIELDS));
    binNumbers(sample, 0, HISTOGRAM_BINS / PRIMING_ROWS, new Int32Array(HISTOGRAM_BINS));
  }
  const decimals = new Float64Array(PRIMING_ROWS);
  for (let i = 0; i < decimals.length; i++) decimals[i] = i % 7 === 3 ? Number.NaN : i % 5 === 0 ? -0 : i * 0.5;
  primeDistinctKernels(decimals);
}

primeKernels();
