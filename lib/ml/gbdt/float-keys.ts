/**
 * Float32 values as order-preserving uint32 keys: flip the sign bit of positives and every bit
 * of negatives, and unsigned key order is numeric order (NaN excluded). Binning uses them twice:
 * a radix sort of each feature's sample (several times faster than a comparison sort of 200k
 * floats) and a lookup table from a key's top bits to a nearby bin (a binary search over 255
 * cuts costs ~30 ns a value; the table and a step or two, a few).
 */

/** Bits of a key that index the lookup table: sign, exponent and 5 mantissa bits (buckets ~2% wide). */
export const KEY_TABLE_BITS = 14;
const KEY_SHIFT = 32 - KEY_TABLE_BITS;

/** The key of float32 bits `u` (as read from a Uint32Array view). */
export function keyOf(u: number): number {
  return (u ^ ((u >> 31) | 0x80000000)) >>> 0;
}

/** True when float32 bits `u` are a NaN. */
export function isNaNBits(u: number): boolean {
  return (u & 0x7fffffff) > 0x7f800000;
}

/**
 * Sorts `keys` ascending in place: LSD radix on 11-bit digits, three passes, with the three
 * digit histograms counted in one pass first; a pass where every key has the same digit is skipped.
 */
export function sortKeys(keys: Uint32Array, scratch: Uint32Array): void {
  const n = keys.length;
  if (n < 2) return;
  const counts = new Uint32Array(3 * 2048);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    const d0 = k & 2047;
    const d1 = 2048 + ((k >>> 11) & 2047);
    const d2 = 4096 + (k >>> 22);
    counts[d0] = counts[d0]! + 1;
    counts[d1] = counts[d1]! + 1;
    counts[d2] = counts[d2]! + 1;
  }
  let src = keys;
  let dst = scratch.subarray(0, n);
  for (let pass = 0, shift = 0; pass < 3; pass++, shift += 11) {
    const base = pass * 2048;
    if (counts[base + ((src[0]! >>> shift) & 2047)] === n) continue;
    let sum = 0;
    for (let d = base; d < base + 2048; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = src[i]!;
      const d = base + ((k >>> shift) & 2047);
      dst[counts[d]!] = k;
      counts[d] = counts[d]! + 1;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== keys) keys.set(src);
}

/** Turns sorted keys back into their float32 values, in place (the buffer is viewed as floats after). */
export function keysToFloats(keys: Uint32Array): Float32Array {
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    keys[i] = k & 0x80000000 ? k ^ 0x80000000 : ~k >>> 0;
  }
  return new Float32Array(keys.buffer, keys.byteOffset, keys.length);
}

/**
 * For each table bucket, the bin of the smallest float in it: 1 + the number of cuts below it.
 * A value's bin is then table[key >>> KEY_SHIFT] plus a forward step per cut in its own bucket.
 */
export function fillKeyTable(cuts: Float64Array, table: Uint8Array): void {
  const bits = new Uint32Array(1);
  const asFloat = new Float32Array(bits.buffer);
  let below = 0;
  for (let b = 0; b < 1 << KEY_TABLE_BITS; b++) {
    const key = (b << KEY_SHIFT) >>> 0;
    bits[0] = key & 0x80000000 ? key ^ 0x80000000 : ~key >>> 0;
    const v = asFloat[0]!;
    // NaN buckets (the two ends of key order) keep the running count, so the table stays monotone.
    if (v === v) while (below < cuts.length && cuts[below]! < v) below++;
    table[b] = below + 1;
  }
}

/**
 * Bins `count` values of feature `f` laid out at `values[start + i * step]` (bits in `bitsView`),
 * writing to `out[outStart + i * outStep]`. Exact: the same bin as 1 + (cuts below v), NaN 0.
 */
export function binWithTable(
  values: Float32Array,
  bitsView: Uint32Array,
  start: number,
  step: number,
  count: number,
  cuts: Float64Array,
  table: Uint8Array,
  out: Uint8Array,
  outStart: number,
  outStep: number,
): void {
  const nc = cuts.length;
  for (let i = 0, j = start, o = outStart; i < count; i++, j += step, o += outStep) {
    const u = bitsView[j]!;
    if ((u & 0x7fffffff) > 0x7f800000) {
      out[o] = 0;
      continue;
    }
    const v = values[j]!;
    let bin = table[keyOf(u) >>> KEY_SHIFT]!;
    while (bin <= nc && cuts[bin - 1]! < v) bin++;
    out[o] = bin;
  }
}
