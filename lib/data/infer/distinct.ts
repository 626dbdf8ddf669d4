/**
 * Exact distinct counts and tallies of Float64Array columns (NaN = missing; 0 and -0 are one
 * value), fast enough for a million rows per column in a worker. The profile's own counts come
 * from scan.ts; these are for what must be exact whatever the column: id detection, and the
 * tallies of number columns typed as categories, when scan.ts kept no entries.
 *
 * A `Set<number>` costs ~0.3–0.6 s per million floats. A single open-addressing table costs a
 * cache miss per row once it outgrows the cache (16+ MiB for a million values), so:
 * - whole numbers with a modest range go in a bitset or a flat array of counts;
 * - everything else is first tried in a small table (few distinct values: one pass), and when
 *   that overflows, scattered into cache-sized partitions by hash and counted partition by
 *   partition (two streaming passes instead of a million random probes).
 */

import type { NumberStats } from './number-stats';

/** Whole-number ranges up to 32 values per row (and 4 MiB of bits) are counted in a bitset. */
const BITSET_MAX_RANGE = 1 << 25;
const BITSET_RANGE_PER_ROW = 32;

export function fitsBitset(stats: NumberStats): boolean {
  const range = stats.max - stats.min;
  return stats.integer && range < BITSET_MAX_RANGE && range <= BITSET_RANGE_PER_ROW * stats.count + 65536;
}

/** Whole-number ranges up to 4 values per row (and 16 MiB of Int32) are tallied in a flat array. */
const DENSE_MAX_RANGE = 1 << 22;
const DENSE_RANGE_PER_ROW = 4;

export function fitsDenseCounts(stats: NumberStats): boolean {
  const range = stats.max - stats.min;
  return stats.integer && range < DENSE_MAX_RANGE && range <= DENSE_RANGE_PER_ROW * stats.count + 1024;
}

export function countDistinctIntegers(values: Float64Array, min: number, max: number): number {
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

export type OnEntry = (value: number, count: number) => void;

/**
 * Counts distinct values by hashing; `onEntry`, when given, receives each distinct value once
 * with its count. `count` is the number of non-missing values.
 */
export function tallyByHash(values: Float64Array, count: number, onEntry?: OnEntry): number {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const few = tallySmall(values, words, count, onEntry);
  return few >= 0 ? few : tallyPartitioned(values, words, count, onEntry);
}

/** The small table's most slots: 768 KiB of keys and counts, within a core's L2 cache. */
const SMALL_SLOTS = 1 << 16;

/** One pass with a small table; -1 as soon as there are too many values for it. */
function tallySmall(
  values: Float64Array,
  words: Uint32Array,
  count: number,
  onEntry: OnEntry | undefined,
): number {
  let slots = 16;
  while (slots < SMALL_SLOTS && slots < count * 4) slots *= 2;
  const keys = new Float64Array(slots);
  const counts = new Int32Array(slots);
  const distinct = fillSmall(values, words, keys, counts);
  if (distinct >= 0 && onEntry !== undefined) emitEntries(keys, counts, onEntry);
  return distinct;
}

/**
 * The loop of tallySmall. Loops live in functions of their own: V8 optimises a long loop while
 * it runs, and code after it that has never run would discard that work on every call.
 */
function fillSmall(values: Float64Array, words: Uint32Array, keys: Float64Array, counts: Int32Array): number {
  const mask = keys.length - 1;
  const slotShift = 32 - Math.log2(keys.length);
  // A quarter full: beyond that, probe chains (and mispredicted branches) grow, and the
  // column is not "few values" anyway.
  const limit = keys.length >> 2;
  let distinct = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) continue;
    let slot = hashAt(words, i, v) >>> slotShift;
    for (;;) {
      const c = counts[slot] as number;
      if (c === 0) {
        keys[slot] = v + 0;
        counts[slot] = 1;
        distinct++;
        if (distinct > limit) return -1;
        break;
      }
      if (keys[slot] === v) {
        counts[slot] = c + 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return distinct;
}

function emitEntries(keys: Float64Array, counts: Int32Array, onEntry: OnEntry): void {
  for (let slot = 0; slot < keys.length; slot++) {
    const c = counts[slot] as number;
    if (c > 0) onEntry(keys[slot] as number, c);
  }
}

/** About this many values per partition, so its table (2–4× as many slots) stays in L2 cache. */
const PARTITION_TARGET = 4096;
const MAX_PARTITION_BITS = 12;
/** Partitions grow in blocks of this many values, taken in turn from one pool. */
const BLOCK = 1024;

/**
 * Values a partition holds, block by block. The pool is reused between columns: a fresh 8 MB
 * array per column costs more in page faults than the counting itself.
 */
let pool = new Float64Array(0);

/** Where each partition's values lie in the pool: a chain of blocks. */
interface Partitions {
  readonly shift: number;
  /** The block after each block, -1 at the end of a chain. Partition p starts at block p. */
  readonly next: Int32Array;
  /** Each partition's last block. */
  readonly tail: Int32Array;
  /** Each partition's next free position, inside its last block. */
  readonly cursor: Int32Array;
  /** The end of each partition's last block. */
  readonly limit: Int32Array;
}

function tallyPartitioned(
  values: Float64Array,
  words: Uint32Array,
  count: number,
  onEntry: OnEntry | undefined,
): number {
  let partitionBits = 1;
  while (partitionBits < MAX_PARTITION_BITS && count >> partitionBits > PARTITION_TARGET) partitionBits++;
  const partitionCount = 1 << partitionBits;
  const capacity = count + partitionCount * BLOCK;
  if (pool.length < capacity) pool = new Float64Array(capacity);
  const parts: Partitions = {
    // Partitions take the top bits of the hash, slots the bottom ones, so the two are independent.
    shift: 32 - partitionBits,
    next: new Int32Array(Math.ceil(capacity / BLOCK)).fill(-1),
    tail: Int32Array.from({ length: partitionCount }, (_, p) => p),
    cursor: Int32Array.from({ length: partitionCount }, (_, p) => p * BLOCK),
    limit: Int32Array.from({ length: partitionCount }, (_, p) => (p + 1) * BLOCK),
  };
  scatter(values, words, pool, parts);

  let largest = 0;
  for (let p = 0; p < partitionCount; p++) largest = Math.max(largest, partitionSize(parts, p));
  let slots = 16;
  while (slots < largest * 2) slots *= 2;
  const table: SlotTable = {
    keys: new Float64Array(slots),
    counts: new Int32Array(slots),
    stamps: new Int32Array(slots),
  };
  const poolWords = new Uint32Array(pool.buffer);
  let distinct = 0;
  for (let p = 0; p < partitionCount; p++) {
    const stamp = p + 1;
    for (let block = p; block !== -1; block = parts.next[block] as number) {
      const end = block === parts.tail[p] ? (parts.cursor[p] as number) : (block + 1) * BLOCK;
      distinct += countRange(pool, poolWords, block * BLOCK, end, table, stamp, partitionBits);
    }
    if (onEntry !== undefined) emitStamped(table, stamp, onEntry);
  }
  return distinct;
}

/** Scatters values to their partitions; a full block chains a fresh one from the pool. */
function scatter(values: Float64Array, words: Uint32Array, into: Float64Array, parts: Partitions): void {
  const { shift, next, tail, cursor, limit } = parts;
  let freeBlock = tail.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) continue;
    const p = hashAt(words, i, v) >>> shift;
    let at = cursor[p] as number;
    if (at === limit[p]) {
      next[tail[p] as number] = freeBlock;
      tail[p] = freeBlock;
      at = freeBlock * BLOCK;
      limit[p] = at + BLOCK;
      freeBlock++;
    }
    into[at] = v + 0;
    cursor[p] = at + 1;
  }
}

function partitionSize(parts: Partitions, p: number): number {
  let full = 0;
  for (let block = p; block !== parts.tail[p]; block = parts.next[block] as number) full++;
  return full * BLOCK + (parts.cursor[p] as number) - (parts.tail[p] as number) * BLOCK;
}

/** One table reused by every partition: a slot is in use when it bears the partition's stamp. */
interface SlotTable {
  readonly keys: Float64Array;
  readonly counts: Int32Array;
  readonly stamps: Int32Array;
}

/** Counts pool[start..end) into the table; returns how many values were new. */
function countRange(
  from: Float64Array,
  words: Uint32Array,
  start: number,
  end: number,
  table: SlotTable,
  stamp: number,
  partitionBits: number,
): number {
  const { keys, counts, stamps } = table;
  const mask = keys.length - 1;
  // The top `partitionBits` are the same for the whole partition; the slot takes the next ones.
  const slotShift = Math.max(0, 32 - partitionBits - Math.log2(keys.length));
  let added = 0;
  for (let j = start; j < end; j++) {
    const v = from[j] as number;
    let slot = (hashAt(words, j, v) >>> slotShift) & mask;
    for (;;) {
      if (stamps[slot] !== stamp) {
        stamps[slot] = stamp;
        keys[slot] = v;
        counts[slot] = 1;
        added++;
        break;
      }
      if (keys[slot] === v) {
        counts[slot] = (counts[slot] as number) + 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return added;
}

function emitStamped(table: SlotTable, stamp: number, onEntry: OnEntry): void {
  for (let slot = 0; slot < table.keys.length; slot++) {
    if (table.stamps[slot] === stamp) onEntry(table.keys[slot] as number, table.counts[slot] as number);
  }
}

/**
 * Runs every loop above once on a tiny column. V8 optimises a long loop while it runs, but code
 * that has never run (the lines after the loop, a rare branch) has no type feedback, and hitting
 * it discards the optimised code: on a cold worker each million-row column then paid a slow
 * start again. A few microseconds here at load avoid that.
 */
export function primeDistinctKernels(sample: Float64Array): void {
  const words = new Uint32Array(sample.buffer, sample.byteOffset, sample.length * 2);
  const small = new Float64Array(SMALL_SLOTS >> 2);
  fillSmall(sample, words, small, new Int32Array(small.length));
  tallyPartitioned(sample, words, sample.length, undefined);
  countDistinctIntegers(sample.map(Math.floor), 0, sample.length);
}

/** The hash of `v`, the double at index `i` of the array that `words` views. */
function hashAt(words: Uint32Array, i: number, v: number): number {
  // -0 === 0 but their bits differ; hash both as +0.
  return v === 0 ? 0 : hashWords(words[2 * i] as number, words[2 * i + 1] as number);
}

/**
 * Multiplicative hashing over both words: cheap, and its top bits depend on every input bit.
 * Callers use the top bits only (partition first, then slot), never the weak bottom ones.
 */
function hashWords(lo: number, hi: number): number {
  return Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
}
