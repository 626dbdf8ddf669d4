/**
 * One-pass summaries, exact distinct counts, tallies and histograms of Float64Array columns
 * (NaN = missing). Written for a million rows in a browser worker: plain loops over typed
 * arrays, no per-value objects, and no `Set<number>` (an open-addressing table instead).
 *
 * Results are memoised per array: inference and profiling read the same columns, and a parsed
 * table is never mutated.
 */

import type { HistogramBin } from '../types';
import { HISTOGRAM_BINS } from './flags';
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
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  // Sums are taken around the first value so that large offsets (timestamps) keep their precision.
  let shift = Number.NaN;
  let sum = 0;
  let sumSq = 0;
  let integer = true;
  let zeroOne = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) continue;
    if (count === 0) shift = v;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
    const d = v - shift;
    sum += d;
    sumSq += d * d;
    if (v !== 0 && v !== 1) zeroOne = false;
    if (integer && v !== Math.floor(v)) integer = false;
  }
  const meanShifted = count > 0 ? sum / count : Number.NaN;
  const stats: NumberStats = {
    count,
    missing: values.length - count,
    min: count > 0 ? min : Number.NaN,
    max: count > 0 ? max : Number.NaN,
    mean: meanShifted + shift,
    std: Math.sqrt(Math.max(0, sumSq / count - meanShifted * meanShifted)),
    integer: count > 0 && integer,
    zeroOne: count > 0 && zeroOne,
  };
  statsMemo.set(values, stats);
  return stats;
}

/** Exact number of distinct non-missing values (0 and -0 are one value). */
export function countDistinctNumbers(values: Float64Array): number {
  const memo = distinctMemo.get(values);
  if (memo !== undefined) return memo;
  const stats = summarizeNumbers(values);
  const distinct = fitsBitset(stats) ? countDistinctIntegers(values, stats.min, stats.max) : hashTally(values, stats.count);
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
  if (stats.integer && range < DENSE_MAX_RANGE && range <= DENSE_RANGE_PER_ROW * stats.count + 1024) {
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
    distinct = hashTally(values, stats.count, (value, count) => best.offer(value, count));
  }
  const top = best.entries().map((e) => ({ value: e.key, count: e.count }));
  return { top, distinct };
}

/** Integer columns whose range is at most this many times their row count are tallied in a flat array. */
const DENSE_RANGE_PER_ROW = 4;
/** ...and never with an array larger than this (16 MiB of Int32). */
const DENSE_MAX_RANGE = 1 << 22;
/** Distinct integers are counted in a bitset up to this range (4 MiB, mostly cache-resident). */
const BITSET_MAX_RANGE = 1 << 25;

function fitsBitset(stats: NumberStats): boolean {
  const range = stats.max - stats.min;
  return stats.integer && range < BITSET_MAX_RANGE && range <= 32 * stats.count + 65536;
}

function countDistinctIntegers(values: Float64Array, min: number, max: number): number {
  const bits = new Int32Array(((max - min) >>> 5) + 1);
  let distinct = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) continue;
    const offset = v - min;
    const word = offset >>> 5;
    const mask = 1 << (offset & 31);
    const old = bits[word] as number;
    if ((old & mask) === 0) {
      bits[word] = old | mask;
      distinct++;
    }
  }
  return distinct;
}

/** Values per partition: its hash table (2× as many slots) stays within a fast cache. */
const PARTITION_TARGET = 4096;
const MAX_PARTITION_BITS = 12;

/**
 * Exact distinct count by hashing, calling `onEntry` once per distinct value with its count.
 *
 * One big table would cost a cache miss per row (a million random probes into 16+ MiB), so the
 * values are first scattered into partitions by the top bits of their hash, then each partition
 * is counted in a small table that stays in cache. Three streaming passes beat one random one.
 */
function hashTally(
  values: Float64Array,
  count: number,
  onEntry?: (value: number, count: number) => void,
): number {
  let partitionBits = 0;
  while (partitionBits < MAX_PARTITION_BITS && count >> partitionBits > PARTITION_TARGET) partitionBits++;
  const partitions = 1 << partitionBits;
  // Partitions take the top bits of the hash, slots the bottom ones, so the two are independent.
  const shift = 32 - partitionBits;
  const partitionOf = (h: number): number => (partitionBits === 0 ? 0 : h >>> shift);

  // Pass 1: partition sizes. The hash is recomputed in each pass: arithmetic is cheaper than memory.
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const starts = new Int32Array(partitions + 1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) continue;
    const p = partitionOf(hashAt(words, i, v)) + 1;
    starts[p] = (starts[p] as number) + 1;
  }
  for (let p = 0; p < partitions; p++) starts[p + 1] = (starts[p + 1] as number) + (starts[p] as number);

  // Pass 2: scatter the values into their partitions (-0 stored as 0).
  const keys = scratchDoubles(count);
  const fill = starts.slice(0, partitions);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) continue;
    const p = partitionOf(hashAt(words, i, v));
    const at = fill[p] as number;
    fill[p] = at + 1;
    keys[at] = v + 0;
  }

  // Pass 3: count each partition in one small table that stays in cache.
  let largest = 0;
  for (let p = 0; p < partitions; p++) largest = Math.max(largest, (starts[p + 1] as number) - (starts[p] as number));
  let capacity = 16;
  while (capacity < largest * 2) capacity *= 2;
  const mask = capacity - 1;
  const slotKeys = new Float64Array(capacity);
  const slotCounts = new Int32Array(capacity);
  // A slot belongs to the current partition when it bears its stamp; no clearing between partitions.
  const stamps = new Int32Array(capacity);
  const keyWords = new Uint32Array(keys.buffer, 0, count * 2);
  let distinct = 0;
  for (let p = 0; p < partitions; p++) {
    const stamp = p + 1;
    const end = starts[p + 1] as number;
    for (let j = starts[p] as number; j < end; j++) {
      const v = keys[j] as number;
      let slot = hashAt(keyWords, j, v) & mask;
      for (;;) {
        if (stamps[slot] !== stamp) {
          stamps[slot] = stamp;
          slotKeys[slot] = v;
          slotCounts[slot] = 1;
          distinct++;
          break;
        }
        if (slotKeys[slot] === v) {
          slotCounts[slot] = (slotCounts[slot] as number) + 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    if (onEntry !== undefined) {
      for (let slot = 0; slot < capacity; slot++) {
        if (stamps[slot] === stamp) onEntry(slotKeys[slot] as number, slotCounts[slot] as number);
      }
    }
  }
  return distinct;
}

/**
 * A buffer reused between columns: a fresh 8 MB array per column costs more in page faults
 * than the counting itself. It holds as many doubles as the largest column counted so far.
 */
let scratch = new Float64Array(0);

function scratchDoubles(length: number): Float64Array {
  if (scratch.length < length) scratch = new Float64Array(length);
  return scratch;
}

/** The hash of value `v` at index `i` of the double array that `words` views. */
function hashAt(words: Uint32Array, i: number, v: number): number {
  // -0 === 0 but their bits differ; hash both as +0.
  return v === 0 ? 0 : hashWords(words[2 * i] as number, words[2 * i + 1] as number);
}

/** murmur3's 32-bit finaliser over both words: every input bit moves the top and the bottom bits. */
function hashWords(lo: number, hi: number): number {
  let h = lo ^ Math.imul(hi, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
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
  const counts = new Float64Array(binCount);
  const last = binCount - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) continue;
    const bin = Math.floor((v - min) * scale);
    const at = bin > last ? last : bin;
    counts[at] = (counts[at] as number) + 1;
  }
  const bins: HistogramBin[] = [];
  for (let b = 0; b < binCount; b++) {
    const start = min + b * width;
    const end = perValue ? start + 1 : b === last ? max : min + (b + 1) * width;
    bins.push({ start, end, count: counts[b] as number });
  }
  return bins;
}
