/**
 * Exact distinct values and counts of a number column in an open-addressing hash table, for
 * columns that dense.ts cannot index directly (decimals with many digits, wide ranges) and
 * whose sketch says they have at most about DISTINCT_EXACT_MAX values. scan.ts sizes the table
 * from the sketch's estimate, grows it if the estimate was low, and gives it up for the
 * estimate past the cap.
 */

import type { Entries } from './bins';

export interface Table {
  readonly bits: number;
  readonly keys: Float64Array;
  readonly keyWords: Uint32Array;
  readonly counts: Int32Array;
}

/**
 * Grow when a quarter full: longer probe chains mean mispredicted branches on every row, which
 * cost more than the cache misses of a larger table.
 */
export const GROW_SHIFT = 2;
export const FIRST_TABLE_BITS = 10;

/** One table per size, reused by every column: a fresh one per column costs page faults. */
const tables: Table[] = [];

export function emptyTable(bits: number): Table {
  let table = tables[bits];
  if (table === undefined) {
    const keys = new Float64Array(1 << bits);
    table = { bits, keys, keyWords: new Uint32Array(keys.buffer), counts: new Int32Array(1 << bits) };
    tables[bits] = table;
  } else {
    table.counts.fill(0);
  }
  return table;
}

/** Multiplicative, so callers use its top bits. ±0 hash alike without a branch (see hll.ts). */
function slotHash(lo: number, hi: number): number {
  const canonicalHi = hi & ~((Math.clz32(lo | (hi << 1)) >>> 5) << 31);
  return Math.imul(lo ^ Math.imul(canonicalHi, 0x9e3779b1), 0x85ebca6b);
}

/** acc = [sum of (v − shift), sum of squares, distinct values in the table]. */
export const SUM = 0;
export const SUM_SQ = 1;
export const DISTINCT = 2;

/**
 * The hot loop: adds rows from `start` to the sums and the table, stopping right after the
 * insert that makes `limit` distinct values. Returns the next row. The loop sits in a function
 * of its own: V8 optimises a long loop while it runs, and code after it that never ran would
 * throw that work away.
 */
export function tallyRows(
  values: Float64Array,
  words: Uint32Array,
  start: number,
  shift: number,
  table: Table,
  limit: number,
  acc: Float64Array,
): number {
  const { keys, counts } = table;
  const mask = keys.length - 1;
  const slotShift = 32 - table.bits;
  let sum = acc[SUM] as number;
  let sumSq = acc[SUM_SQ] as number;
  let distinct = acc[DISTINCT] as number;
  let i = start;
  while (i < values.length) {
    const v = values[i] as number;
    const row = i++;
    if (v !== v) continue;
    const d = v - shift;
    sum += d;
    sumSq += d * d;
    let slot = slotHash(words[2 * row] as number, words[2 * row + 1] as number) >>> slotShift;
    for (;;) {
      const c = counts[slot] as number;
      if (c === 0) {
        keys[slot] = v + 0;
        counts[slot] = 1;
        distinct++;
        break;
      }
      if (keys[slot] === v) {
        counts[slot] = c + 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (distinct === limit) break;
  }
  acc[SUM] = sum;
  acc[SUM_SQ] = sumSq;
  acc[DISTINCT] = distinct;
  return i;
}

/** Moves every entry into the table twice the size. */
export function grow(from: Table): Table {
  const to = emptyTable(from.bits + 1);
  const mask = to.keys.length - 1;
  const slotShift = 32 - to.bits;
  for (let s = 0; s < from.keys.length; s++) {
    const c = from.counts[s] as number;
    if (c === 0) continue;
    let slot = slotHash(from.keyWords[2 * s] as number, from.keyWords[2 * s + 1] as number) >>> slotShift;
    while ((to.counts[slot] as number) !== 0) slot = (slot + 1) & mask;
    to.keys[slot] = from.keys[s] as number;
    to.counts[slot] = c;
  }
  return to;
}

/** The table's entries in arrays of their own: the table is reused by the next column. */
export function compact(table: Table, distinct: number): Entries {
  const keys = new Float64Array(distinct);
  const counts = new Int32Array(distinct);
  let n = 0;
  for (let s = 0; s < table.keys.length; s++) {
    const c = table.counts[s] as number;
    if (c === 0) continue;
    keys[n] = table.keys[s] as number;
    counts[n++] = c;
  }
  return { keys, counts };
}

/** Runs the loops above at load, three quarters full so that probing past a taken slot runs too. */
export function primeTable(sample: Float64Array): void {
  const words = new Uint32Array(sample.buffer, sample.byteOffset, sample.length * 2);
  const table = emptyTable(FIRST_TABLE_BITS);
  const acc = new Float64Array(3);
  tallyRows(sample, words, 0, 0, table, (3 << FIRST_TABLE_BITS) >> 2, acc);
  compact(grow(table), acc[DISTINCT] as number);
}
