import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { applyBins, fitBins } from './bins';
import { accumulateTwo, createHistogramLayout } from './histogram';
import { WasmHistograms } from './histogram-wasm';

describe('the WebAssembly histogram kernel', () => {
  // Row widths 4, 8, 16, 32 and 64 bytes (the last needs a wider i32.const than one byte holds).
  for (const cols of [3, 7, 12, 30, 45]) {
    it(`gives the JavaScript kernels' bits for ${cols} features, stats replaced between trees`, () => {
      const rng = createRng(cols);
      const rows = 700;
      const values = Float32Array.from({ length: rows * cols }, (_, i) => (rng.next() < 0.1 ? NaN : i % cols === 0 ? Math.floor(rng.next() * 3) : rng.normal()));
      const x = { rows, cols, values };
      const mapper = fitBins(x, 255, 1);
      const binned = applyBins(x, mapper);
      const layout = createHistogramLayout(mapper, binned.stride, 2);
      const kernel = WasmHistograms.open(binned, layout);
      expect(kernel).toBeDefined();
      const words = new Uint32Array(binned.bins.buffer);
      const order = Uint32Array.from({ length: rows }, (_, i) => i).filter((r) => r % 3 !== 1);
      for (let tree = 0; tree < 2; tree++) {
        const stats = Float64Array.from({ length: rows * 2 }, () => rng.normal() * 1e3);
        kernel!.setStats(stats);
        for (const [start, end] of [[0, order.length], [17, 301], [5, 5]] as const) {
          const expected = new Float64Array(layout.size);
          accumulateTwo(words, binned.stride / 4, stats, order, start, end, layout, expected);
          const hist = new Float64Array(layout.size).fill(7); // stale values from an earlier node
          kernel!.build(order, start, end, hist);
          expect(hist).toEqual(expected);
        }
      }
    });
  }

  it('is not offered for the exact per-feature layout or other channel counts', () => {
    const rows = 300;
    const cols = 200;
    const values = Float32Array.from({ length: rows * cols }, (_, i) => (i * 7919) % 3);
    const mapper = fitBins({ rows, cols, values }, 255, 1);
    const binned = applyBins({ rows, cols, values }, mapper);
    expect(WasmHistograms.open(binned, createHistogramLayout(mapper, binned.stride, 2))).toBeUndefined();
    const x = { rows, cols: 3, values: values.subarray(0, rows * 3) };
    const narrow = fitBins(x, 255, 1);
    expect(WasmHistograms.open(applyBins(x, narrow), createHistogramLayout(narrow, 4, 3))).toBeUndefined();
  });
});
