/**
 * The number format of the GPU histograms: WGSL has no float atomics, so each row statistic is
 * sent as a 64-bit two's-complement integer, round(value × 2^shift), in two u32 words (lo, hi),
 * and the kernel adds them with two u32 atomics, carrying from lo into hi (histogram-kernel.ts).
 *
 * Integer sums do not depend on the order of the additions, so a node's histogram is the same
 * however the GPU schedules its threads: a seed gives a bit-identical model on the GPU path too.
 * The scale is a power of two per channel and tree, as large as the row count allows without
 * overflow: a unit is then about rows × 2^-62 of the channel's largest |value| (2e-13 of it for a
 * million rows) and each term of a sum is within half a unit, far below what changes a split.
 *
 * Plain TypeScript: runs in Node for the tests as well as in the worker.
 */

/** Sums stay below 2^62: one bit short of the sign, so rounding up every term cannot overflow. */
const SUM_BITS = 62;

/** Shifts beyond this would overflow 2^shift itself (statistics below ~1e-280 are not gradients). */
const MAX_SHIFT = 960;

const TWO_32 = 4294967296;

/**
 * The largest shift s with terms × maxAbs × 2^s ≤ 2^62: a sum of `terms` rounded values of at most
 * `maxAbs` then fits in 63 bits. 0 when every value is 0.
 */
export function chooseShift(maxAbs: number, terms: number): number {
  if (!(maxAbs > 0)) return 0;
  const bound = Math.max(1, terms) * maxAbs;
  let shift = Math.min(MAX_SHIFT, Math.floor(SUM_BITS - Math.log2(bound)));
  // log2 may be off by an ulp at exact powers of two; settle on the exact bound.
  while (shift > -MAX_SHIFT && bound * 2 ** shift > 2 ** SUM_BITS) shift--;
  while (shift < MAX_SHIFT && bound * 2 ** (shift + 1) <= 2 ** SUM_BITS) shift++;
  return shift;
}

/**
 * Writes each row's statistics (`channels` a row) as fixed point into `out` (two words a value)
 * and returns each channel's unit, 2^-shift, to decode sums with; undefined when a value is not
 * finite (the tree then stays on the CPU, which propagates NaN as it always did). `terms` bounds
 * how many values one sum adds: the tree's row count.
 */
export function encodeStats(stats: Float64Array, channels: number, terms: number, out: Uint32Array): Float64Array | undefined {
  const maxAbs = new Float64Array(channels);
  for (let i = 0; i < stats.length; i += channels) {
    for (let c = 0; c < channels; c++) {
      const v = Math.abs(stats[i + c]!);
      // `!(v <= max)` is also true for NaN, which then fails the finiteness test below.
      if (!(v <= maxAbs[c]!)) maxAbs[c] = v;
    }
  }
  const scale = new Float64Array(channels);
  const units = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    if (!Number.isFinite(maxAbs[c]!)) return undefined;
    const shift = chooseShift(maxAbs[c]!, terms);
    scale[c] = 2 ** shift;
    units[c] = 2 ** -shift;
  }
  for (let i = 0; i < stats.length; i += channels) {
    for (let c = 0; c < channels; c++) encodeFixed(stats[i + c]! * scale[c]!, out, 2 * (i + c));
  }
  return units;
}

/**
 * round(scaled) as (lo, hi) words at out[at], out[at + 1]. Exact for |scaled| < 2^63: the floor
 * and the subtraction work on integers that doubles hold exactly.
 */
export function encodeFixed(scaled: number, out: Uint32Array, at: number): void {
  const q = Math.round(scaled);
  const hi = Math.floor(q / TWO_32);
  out[at] = q - hi * TWO_32;
  // A Uint32Array stores a negative hi as its two's complement.
  out[at + 1] = hi;
}

/** The 64-bit two's-complement integer in (lo, hi) as a double (rounded beyond 2^53). */
export function decodeFixed(lo: number, hi: number): number {
  return (hi | 0) * TWO_32 + lo;
}

/**
 * Converts the kernel's sums (two words an entry) into `hist`, the CPU kernels' layout: entry i is
 * channel i mod `channels` (every feature's room starts at a multiple of `channels`).
 */
export function decodeHistogram(words: Uint32Array, units: Float64Array, channels: number, hist: Float64Array): void {
  for (let i = 0; i < hist.length; i += channels) {
    for (let c = 0; c < channels; c++) {
      const w = 2 * (i + c);
      hist[i + c] = decodeFixed(words[w]!, words[w + 1]!) * units[c]!;
    }
  }
}
