/**
 * Everything number-stats.ts needs from a number column: count, min, max, the whole-number
 * flag, sums, the distinct count, and every distinct value with its count or else the
 * histogram's counts. Reads of a million rows are what cost (3–10 ms each on a cold worker),
 * so each column is read once or twice:
 * - whole numbers and short decimals over a modest range: once, counting into a flat array laid
 *   out from the first values, which also gives the bounds (dense.ts);
 * - other columns: first the bounds and a HyperLogLog sketch (hll.ts); then, when the sketch
 *   says at most about DISTINCT_EXACT_MAX values, a hash table (table.ts), else sums and bins
 *   only (wide.ts) and the estimate, marked approximate.
 * Counts up to the cap are always exact: the estimate only decides how to count, and it is
 * within about 1% while the margin it is given is 25%. In the loops, a branch mispredicted on a
 * few percent of rows costs more than the work it skips, so missing values take none.
 */

import { binLayout, type Entries } from './bins';
import {
  binDense,
  countDense,
  denseCounts,
  denseEntries,
  denseHint,
  exactLayout,
  guessLayout,
  summarizeCounts,
  type DenseLayout,
} from './dense';
import { DISTINCT_EXACT_MAX } from './flags';
import { estimateDistinct, HLL_REGISTERS, primeEstimate } from './hll';
import { measure, measureAndSketch, sketchRows } from './measure';
import { compact, DISTINCT, emptyTable, FIRST_TABLE_BITS, grow, GROW_SHIFT, SUM, SUM_SQ } from './table';
import { primeTable, tallyRows } from './table';
import { sumAndBin } from './wide';

export interface ColumnScan {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly zeroOne: boolean;
  /** Sums of (value − shift) and its square; shift is the first present value (precision). */
  readonly shift: number;
  readonly sum: number;
  readonly sumSq: number;
  readonly distinct: number;
  readonly approximate: boolean;
  /** Every distinct value with its count, when there are at most DISTINCT_EXACT_MAX. */
  readonly entries?: Entries;
  /** Equal-width histogram counts (see binLayout), when there are no entries. */
  readonly bins?: Int32Array;
}

/** Sketches estimating fewer values than this are counted exactly (DISTINCT_EXACT_MAX + 25%). */
const COUNT_EXACTLY_BELOW = DISTINCT_EXACT_MAX * 1.25;
/** At most a quarter full with DISTINCT_EXACT_MAX + 1 entries (the one that proves there are too many). */
const LAST_TABLE_BITS = Math.ceil(Math.log2(DISTINCT_EXACT_MAX)) + GROW_SHIFT;

const NO_ENTRIES: Entries = { keys: new Float64Array(0), counts: new Int32Array(0) };

type Base = Pick<ColumnScan, 'count' | 'min' | 'max' | 'integer' | 'zeroOne' | 'shift'>;

/** Reused by every column: 16 KiB, cleared per column. */
const registers = new Uint8Array(HLL_REGISTERS);

export function scanColumn(values: Float64Array): ColumnScan {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const shift = firstPresent(values);
  const acc = new Float64Array(3);
  // Whole numbers and short decimals: one read, in a layout guessed from the first values.
  const hint = denseHint(values);
  const guess = hint === null ? null : guessLayout(hint, values.length);
  let retry = false;
  if (guess !== null) {
    const dense = countDensely(values, shift, guess, acc);
    if (typeof dense !== 'number') return dense;
    // Retry with the real bounds only when the value that stopped the pass was outside the guess.
    const v = values[dense] as number;
    retry = Math.round(v * guess.scale) / guess.scale === v;
  }
  // Otherwise bounds first, with the sketch unless a dense count is still likely.
  const sketched = !retry;
  const bounds = new Float64Array(4);
  registers.fill(0);
  if (sketched) measureAndSketch(values, words, bounds, registers);
  else measure(values, bounds);
  const [count = 0, min = Number.NaN, max = Number.NaN, fractional = 0] = bounds;
  const integer = count > 0 && fractional === 0;
  const base: Base = { count, min, max, integer, zeroOne: integer && min >= 0 && max <= 1, shift };
  if (count === 0) return { ...base, sum: 0, sumSq: 0, distinct: 0, approximate: false, entries: NO_ENTRIES };
  const layout = retry ? exactLayout(hint, count, min, max, integer) : null;
  if (layout !== null) {
    const dense = countDensely(values, shift, layout, acc);
    if (typeof dense !== 'number') return dense;
  }
  if (!sketched) sketchRows(values, words, registers);
  const estimate = estimateDistinct(registers);
  acc.fill(0);
  if (estimate < COUNT_EXACTLY_BELOW) {
    const exact = countByHash(values, words, shift, estimate, acc);
    if (exact !== undefined) return { ...base, ...exact };
    acc.fill(0);
  }
  const layoutOfBins = binLayout(min, max, integer, false);
  const bins = new Int32Array(layoutOfBins.binCount);
  sumAndBin(values, shift, min, layoutOfBins.scale, bins, acc);
  const sums = { sum: acc[SUM] as number, sumSq: acc[SUM_SQ] as number };
  return { ...base, ...sums, distinct: estimate, approximate: true, bins };
}

/** The whole scan from one dense pass, or the row that stopped it. */
function countDensely(
  values: Float64Array,
  shift: number,
  layout: DenseLayout,
  acc: Float64Array,
): ColumnScan | number {
  const counts = denseCounts(layout.size);
  acc.fill(0);
  const failed = countDense(values, shift, layout, counts, acc);
  if (failed >= 0) return failed;
  const { count, min, max, integer, distinct } = summarizeCounts(counts, layout);
  const base = { count, min, max, integer, zeroOne: integer && min >= 0 && max <= 1, shift };
  const sums = { sum: acc[SUM] as number, sumSq: acc[SUM_SQ] as number, distinct, approximate: false };
  if (distinct <= DISTINCT_EXACT_MAX) return { ...base, ...sums, entries: denseEntries(counts, layout, distinct) };
  return { ...base, ...sums, bins: binDense(counts, layout, min, binLayout(min, max, integer, false)) };
}

type Exact = Pick<ColumnScan, 'sum' | 'sumSq' | 'distinct' | 'approximate' | 'entries'>;

/** Every value in a hash table sized from the estimate; undefined past DISTINCT_EXACT_MAX. */
function countByHash(
  values: Float64Array,
  words: Uint32Array,
  shift: number,
  estimate: number,
  acc: Float64Array,
): Exact | undefined {
  let bits = FIRST_TABLE_BITS;
  while (bits < LAST_TABLE_BITS && 1 << (bits - GROW_SHIFT) <= estimate) bits++;
  let table = emptyTable(bits);
  let at = 0;
  for (;;) {
    const last = table.bits === LAST_TABLE_BITS;
    const limit = last ? DISTINCT_EXACT_MAX + 1 : (1 << table.bits) >> GROW_SHIFT;
    at = tallyRows(values, words, at, shift, table, limit, acc);
    const distinct = acc[DISTINCT] as number;
    if (distinct < limit) {
      const sums = { sum: acc[SUM] as number, sumSq: acc[SUM_SQ] as number };
      return { ...sums, distinct, approximate: false, entries: compact(table, distinct) };
    }
    if (last) return undefined;
    table = grow(table);
  }
}

function firstPresent(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === v) return v;
  }
  return 0;
}

/**
 * Runs every path above at load on small columns, so that V8 has optimised the loops (in the
 * background, while the file is parsed) before the first real column: 0/1, whole numbers,
 * short and long decimals, -0, missing values, first values that wrongly promise a dense count,
 * a hash table, and the wide pass (which a small column never reaches by itself).
 */
export function primeScan(rows: number, rounds: number): void {
  const kinds = [
    (i: number) => i % 2,
    (i: number) => i,
    (i: number) => (i % 5 === 0 ? -0 : i * 0.5),
    (i: number) => (i < 100 ? i * 0.5 : i * 1.000_123_4),
    (i: number) => i * 1_000_003,
    (i: number) => (i % 101) * 1.000_123_4,
    (i: number) => (i < 100 ? i : i * 50_000.5),
    (i: number) => (i === 300 ? 1.000_1 : (i % 50) * 0.5),
  ];
  const samples = kinds.map((kind) =>
    Float64Array.from({ length: rows }, (_, i) => (i % 7 === 3 ? Number.NaN : kind(i))),
  );
  // Every kind once through the whole path, for type feedback on every branch.
  for (const sample of samples) scanColumn(sample);
  primeEstimate();
  // Then the loops alone, until V8 has compiled each (several calls, not one long run: a loop
  // optimised mid-run is not what the next call enters).
  const decimals = samples[2] ?? new Float64Array(0);
  const words = new Uint32Array(decimals.buffer);
  const out = new Float64Array(4);
  const acc = new Float64Array(3);
  const dense = { scale: 10, base: 0, size: 10 * rows };
  const counts = denseCounts(dense.size);
  const odd = decimals.subarray(1);
  const oddWords = words.subarray(2);
  for (let round = 1; round < rounds; round++) {
    measure(decimals, out);
    measure(odd, out);
    measureAndSketch(decimals, words, out, registers);
    measureAndSketch(odd, oddWords, out, registers);
    sketchRows(decimals, words, registers);
    estimateDistinct(registers);
    countDense(decimals, 0, dense, counts, acc);
    countDense(decimals.map(Math.floor), 0, { ...dense, scale: 1 }, counts, acc);
    denseEntries(counts, dense, summarizeCounts(counts, dense).distinct);
    binDense(counts, dense, 0, binLayout(0, rows, false, false));
    acc.fill(0);
    tallyRows(decimals, words, 0, 0, emptyTable(FIRST_TABLE_BITS), rows, acc);
    if (round === 1) primeTable(samples[5] ?? decimals);
    sumAndBin(decimals, 0, 0, 1 / rows, new Int32Array(2), acc);
    sumAndBin(decimals.subarray(1), 0, 0, 1 / rows, new Int32Array(2), acc);
  }
  registers.fill(0);
}
