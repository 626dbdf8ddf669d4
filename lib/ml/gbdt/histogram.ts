/**
 * Histograms of per-row statistics (gradient and hessian, or class weights) over a node's rows,
 * by feature and bin. This is the hot loop of training: it runs once per row and feature for
 * every node that is built rather than derived by subtraction.
 *
 * Layout: feature f's bins start at `offsets[f]`, `channels` doubles per bin, bin 0 (missing)
 * first. Padding features (the bytes that round a binned row up to 32-bit words) point at one
 * spare bin past the end, so the kernels need no bounds test for them.
 */
import type { BinMapper } from './bins';
import { accumulate16, accumulate32, accumulate4, accumulate8 } from './kernels';

export interface HistogramLayout {
  /** Start of each padded feature's bins; padding features share the spare bin at the end. */
  readonly offsets: Int32Array;
  /**
   * Doubles per feature when every feature has the same room (then offsets[f] = f × featureSize
   * and the kernel computes them instead of loading them), else 0.
   */
  readonly featureSize: number;
  /** Doubles in one histogram. */
  readonly size: number;
  /** Statistics per row and bin: the last is the weight (hessian), the others its "gradients". */
  readonly channels: number;
}

/**
 * Room for 256 bins per feature when that costs at most twice the exact layout (the usual case:
 * most features have many distinct values); exact per-feature room for wide one-hot data, where
 * fixed room would multiply the memory and the zeroing.
 */
export function createHistogramLayout(mapper: BinMapper, stride: number, channels: number): HistogramLayout {
  let exact = 0;
  for (let f = 0; f < mapper.cols; f++) exact += (mapper.counts[f]! + 1) * channels;
  const featureSize = 256 * channels;
  const fixed = featureSize * mapper.cols <= 2 * exact;
  const offsets = new Int32Array(stride);
  let size = 0;
  for (let f = 0; f < mapper.cols; f++) {
    offsets[f] = size;
    size += fixed ? featureSize : (mapper.counts[f]! + 1) * channels;
  }
  // Padding features: a fixed layout gives each its own (never read) room, so f × featureSize holds.
  for (let f = mapper.cols; f < stride; f++) {
    offsets[f] = size;
    if (fixed) size += featureSize;
  }
  return { offsets, featureSize: fixed ? featureSize : 0, size: fixed ? size : size + channels, channels };
}

/** True where a Uint32 read of four bytes puts the first byte in the low bits, as the kernel assumes. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Adds `stats` (two per row: g, h) of rows[start..end) into `hist`, through the unrolled kernels
 * when every feature has room for 256 bins.
 */
export function accumulateTwo(
  words: Uint32Array,
  wordsPerRow: number,
  stats: Float64Array,
  rows: Uint32Array,
  start: number,
  end: number,
  layout: HistogramLayout,
  hist: Float64Array,
): void {
  if (!LITTLE_ENDIAN) {
    accumulateAny(new Uint8Array(words.buffer, words.byteOffset, words.byteLength), wordsPerRow * 4, stats, rows, start, end, layout, hist);
  } else if (layout.featureSize !== 512) {
    accumulateTwoExact(words, wordsPerRow, stats, rows, start, end, layout.offsets, hist);
  } else if (wordsPerRow === 1) {
    accumulate4(words, 1, 0, stats, rows, start, end, hist);
  } else if (wordsPerRow === 2) {
    accumulate8(words, 2, 0, stats, rows, start, end, hist);
  } else if (wordsPerRow === 4) {
    accumulate16(words, 4, 0, stats, rows, start, end, hist);
  } else {
    // Blocks of 32 features, each into its own view: 32 × 512 doubles apart.
    for (let first = 0; first < wordsPerRow; first += 8) {
      accumulate32(words, wordsPerRow, first, stats, rows, start, end, first === 0 ? hist : hist.subarray(first * 2048));
    }
  }
}

function accumulateTwoExact(
  words: Uint32Array,
  wordsPerRow: number,
  stats: Float64Array,
  rows: Uint32Array,
  start: number,
  end: number,
  offsets: Int32Array,
  hist: Float64Array,
): void {
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    const g = stats[2 * r]!;
    const h = stats[2 * r + 1]!;
    for (let k = 0, w = r * wordsPerRow, f = 0; k < wordsPerRow; k++, w++, f += 4) {
      const word = words[w]!;
      const i0 = offsets[f]! + ((word << 1) & 0x1fe);
      const i1 = offsets[f + 1]! + ((word >>> 7) & 0x1fe);
      const i2 = offsets[f + 2]! + ((word >>> 15) & 0x1fe);
      const i3 = offsets[f + 3]! + ((word >>> 23) & 0x1fe);
      hist[i0] = hist[i0]! + g;
      hist[i0 + 1] = hist[i0 + 1]! + h;
      hist[i1] = hist[i1]! + g;
      hist[i1 + 1] = hist[i1 + 1]! + h;
      hist[i2] = hist[i2]! + g;
      hist[i2 + 1] = hist[i2 + 1]! + h;
      hist[i3] = hist[i3]! + g;
      hist[i3 + 1] = hist[i3 + 1]! + h;
    }
  }
}

/** Any number of channels per row (a forest's class weights): plain loops, off the gbdt hot path. */
export function accumulateAny(
  bins: Uint8Array,
  stride: number,
  stats: Float64Array,
  rows: Uint32Array,
  start: number,
  end: number,
  layout: HistogramLayout,
  hist: Float64Array,
): void {
  const { offsets, channels } = layout;
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    const s = r * channels;
    for (let f = 0, o = r * stride; f < stride; f++, o++) {
      const base = offsets[f]! + bins[o]! * channels;
      for (let c = 0; c < channels; c++) hist[base + c] = hist[base + c]! + stats[s + c]!;
    }
  }
}

/** `parent` becomes the histogram of the parent's rows that are not in `child`'s. */
export function subtractInto(parent: Float64Array, child: Float64Array, size: number): void {
  for (let i = 0; i < size; i++) parent[i] = parent[i]! - child[i]!;
}
