/**
 * Quantile binning: each feature's values become one byte, so that a histogram of gradients over
 * a node's rows costs one add per feature and row whatever the values were.
 *
 * Bin 0 holds missing values (NaN); values take bins 1..count. A value v falls in bin
 * 1 + (number of cuts below v), so "bin ≤ t" is exactly "v ≤ cuts[t - 1]": a split on bins
 * becomes a split on raw floats with the same rows on each side, at training and prediction.
 */
import { createRng, deriveSeed } from '../rng';
import type { Matrix } from '../types';
import { BIN_SAMPLE_ROWS } from './flags';
import { binWithTable, fillKeyTable, isNaNBits, KEY_TABLE_BITS, keyOf, keysToFloats, sortKeys } from './float-keys';

export interface BinMapper {
  readonly cols: number;
  /** Value bins per feature, 1..255 (bin 0, missing, comes on top). */
  readonly counts: Uint16Array;
  /** Per feature, `counts[f] - 1` increasing cut points between bins. */
  readonly cuts: readonly Float64Array[];
}

/** Binned rows, row-major, `stride` bytes a row (see rowStride; padding bytes are 0). */
export interface BinnedMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly stride: number;
  readonly bins: Uint8Array;
}

/**
 * Bytes per binned row: 4, 8, 16, or a multiple of 32, so that the histogram kernels, unrolled
 * for 4, 8, 16 and 32 features, cover a row exactly (padding bytes stay 0).
 */
export function rowStride(cols: number): number {
  if (cols <= 16) return cols <= 4 ? 4 : cols <= 8 ? 8 : 16;
  return (cols + 31) & ~31;
}

/** Features handled together when transposing: their lookup tables (16 KB each) stay in cache. */
const FEATURE_GROUP = 32;

/** Chooses at most `maxBins` value bins per feature from a seeded sample of the rows. */
export function fitBins(x: Matrix, maxBins: number, seed: number): BinMapper {
  const sample = sampleRows(x.rows, BIN_SAMPLE_ROWS, seed);
  const bits = new Uint32Array(x.values.buffer, x.values.byteOffset, x.values.length);
  const scratch = new Uint32Array(sample.length);
  const counts = new Uint16Array(x.cols);
  const cuts: Float64Array[] = [];
  for (let f0 = 0; f0 < x.cols; f0 += FEATURE_GROUP) {
    const f1 = Math.min(x.cols, f0 + FEATURE_GROUP);
    // Transpose a group of features out of the row-major sample, reading each row's slice once.
    const keys = Array.from({ length: f1 - f0 }, () => new Uint32Array(sample.length));
    const lengths = new Int32Array(f1 - f0);
    for (let i = 0; i < sample.length; i++) {
      const o = sample[i]! * x.cols;
      for (let f = f0; f < f1; f++) {
        const u = bits[o + f]!;
        if (isNaNBits(u)) continue;
        const g = f - f0;
        keys[g]![lengths[g]!] = keyOf(u);
        lengths[g] = lengths[g]! + 1;
      }
    }
    for (let f = f0; f < f1; f++) {
      const featureKeys = keys[f - f0]!.subarray(0, lengths[f - f0]!);
      sortKeys(featureKeys, scratch);
      const featureCuts = quantileCuts(keysToFloats(featureKeys), maxBins);
      cuts.push(featureCuts);
      counts[f] = featureCuts.length + 1;
    }
  }
  return { cols: x.cols, counts, cuts };
}

/** Row indices to bin from: all rows when few, else an evenly spread seeded sample in row order. */
function sampleRows(rows: number, limit: number, seed: number): Uint32Array {
  const out = new Uint32Array(Math.min(rows, limit));
  if (rows <= limit) {
    for (let i = 0; i < rows; i++) out[i] = i;
    return out;
  }
  // One row from each of `limit` equal strata: sorted, spread, and cheap.
  const rng = createRng(deriveSeed(seed, 'bins'));
  for (let i = 0; i < limit; i++) {
    const lo = Math.floor((i * rows) / limit);
    const hi = Math.floor(((i + 1) * rows) / limit);
    out[i] = lo + Math.floor(rng.next() * (hi - lo));
  }
  return out;
}

/**
 * Cut points for sorted values: between every pair of distinct values when they are few, else at
 * the `maxBins`-quantiles, moved past runs of equal values so a repeated value never straddles a
 * cut. Cuts sit halfway between neighbouring values, the most neutral place for unseen ones.
 */
export function quantileCuts(sorted: Float32Array, maxBins: number): Float64Array {
  const n = sorted.length;
  const out: number[] = [];
  let distinct = n > 0 ? 1 : 0;
  for (let i = 1; i < n && distinct <= maxBins; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct <= maxBins) {
    for (let i = 1; i < n; i++) {
      const a = sorted[i - 1]!;
      const b = sorted[i]!;
      if (a !== b) out.push(midpoint(a, b));
    }
    return Float64Array.from(out);
  }
  for (let k = 1; k < maxBins; k++) {
    const last = sorted[Math.floor((k * n) / maxBins) - 1]!;
    const next = firstAbove(sorted, last);
    if (next >= n) break;
    const cut = midpoint(last, sorted[next]!);
    if (out.length === 0 || cut > out[out.length - 1]!) out.push(cut);
  }
  return Float64Array.from(out);
}

/** Halfway in double precision: strictly between two distinct floats (each float32 has spare bits in a double). */
function midpoint(a: number, b: number): number {
  const m = a / 2 + b / 2;
  return Number.isFinite(m) ? m : a;
}

function firstAbove(sorted: Float32Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bin of one raw value: 0 for NaN, else 1 + the number of cuts below it. */
export function binOf(v: number, cuts: Float64Array): number {
  if (v !== v) return 0;
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cuts[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** Bins every row of `x` with `mapper` (which may have been fitted on other rows). */
export function applyBins(x: Matrix, mapper: BinMapper): BinnedMatrix {
  if (x.cols !== mapper.cols) throw new Error(`Expected ${mapper.cols} feature columns, got ${x.cols}.`);
  const { values, cols, rows } = x;
  const stride = rowStride(cols);
  const bins = new Uint8Array(rows * stride);
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const tables = Array.from({ length: Math.min(cols, FEATURE_GROUP) }, () => new Uint8Array(1 << KEY_TABLE_BITS));
  for (let f0 = 0; f0 < cols; f0 += FEATURE_GROUP) {
    const f1 = Math.min(cols, f0 + FEATURE_GROUP);
    for (let f = f0; f < f1; f++) fillKeyTable(mapper.cuts[f]!, tables[f - f0]!);
    // Row blocks keep the strided reads of one block in cache while each feature of the group passes.
    for (let r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
      const n = Math.min(ROW_BLOCK, rows - r0);
      for (let f = f0; f < f1; f++) binWithTable(values, bits, r0 * cols + f, cols, n, mapper.cuts[f]!, tables[f - f0]!, bins, r0 * stride + f, stride);
    }
  }
  return { rows, cols, stride, bins };
}

/** Rows binned per pass over a feature group: 2048 rows of 32 floats fit in L2. */
const ROW_BLOCK = 2048;
