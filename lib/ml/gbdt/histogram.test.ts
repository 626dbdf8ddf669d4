import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { applyBins, fitBins } from './bins';
import { accumulateAny, accumulateTwo, createHistogramLayout } from './histogram';

/** The histogram by definition: for each row and feature, add the row's stats at its bin. */
function naive(bins: Uint8Array, stride: number, cols: number, stats: Float64Array, channels: number, rows: Uint32Array, offsets: Int32Array, size: number): Float64Array {
  const hist = new Float64Array(size);
  for (const r of rows) {
    for (let f = 0; f < cols; f++) {
      for (let c = 0; c < channels; c++) hist[offsets[f]! + bins[r * stride + f]! * channels + c]! += stats[r * channels + c]!;
    }
  }
  return hist;
}

describe('histogram kernels', () => {
  // Widths that hit every unrolled kernel (4, 8, 16, 32 features a row), blocks of 32, and the exact layout.
  for (const cols of [1, 3, 7, 12, 30, 45, 70]) {
    it(`match the definition for ${cols} features`, () => {
      const rng = createRng(cols);
      const rows = 300;
      const values = Float32Array.from({ length: rows * cols }, (_, i) => (rng.next() < 0.1 ? NaN : i % cols === 0 ? Math.floor(rng.next() * 3) : rng.normal()));
      const x = { rows, cols, values };
      const mapper = fitBins(x, 255, 1);
      const binned = applyBins(x, mapper);
      const stats = Float64Array.from({ length: rows * 2 }, () => rng.normal());
      const subset = Uint32Array.from({ length: rows }, (_, i) => i).filter((r) => r % 3 !== 1);
      const layout = createHistogramLayout(mapper, binned.stride, 2);
      const hist = new Float64Array(layout.size);
      const words = new Uint32Array(binned.bins.buffer);
      accumulateTwo(words, binned.stride / 4, stats, subset, 0, subset.length, layout, hist);
      const expected = naive(binned.bins, binned.stride, cols, stats, 2, subset, layout.offsets, layout.size);
      for (let f = 0; f < cols; f++) {
        const o = layout.offsets[f]!;
        const n = (mapper.counts[f]! + 1) * 2;
        expect(Array.from(hist.subarray(o, o + n)).map((v) => v.toFixed(9))).toEqual(Array.from(expected.subarray(o, o + n)).map((v) => v.toFixed(9)));
      }
    });
  }

  it('uses exact per-feature room for wide low-cardinality data', () => {
    const cols = 200;
    const rows = 50;
    const values = Float32Array.from({ length: rows * cols }, (_, i) => (i * 7919) % 3);
    const mapper = fitBins({ rows, cols, values }, 255, 1);
    const layout = createHistogramLayout(mapper, 224, 3);
    expect(layout.featureSize).toBe(0);
    expect(layout.size).toBe(cols * 4 * 3 + 3);
    const binned = applyBins({ rows, cols, values }, mapper);
    const stats = Float64Array.from({ length: rows * 3 }, (_, i) => i % 5);
    const all = Uint32Array.from({ length: rows }, (_, i) => i);
    const hist = new Float64Array(layout.size);
    accumulateAny(binned.bins, binned.stride, stats, all, 0, rows, layout, hist);
    // The last bin is the padding features' spare room: never read, so not compared.
    const spare = layout.size - 3;
    expect(hist.subarray(0, spare)).toEqual(naive(binned.bins, binned.stride, cols, stats, 3, all, layout.offsets, layout.size).subarray(0, spare));
  });
});
