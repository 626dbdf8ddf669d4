import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { applyBins, binOf, fitBins, quantileCuts } from './bins';

describe('bins', () => {
  it('puts few distinct values in their own bins, and missing in bin 0', () => {
    const values = Float32Array.from([3, 1, 2, 2, NaN, 1, 3, 3]);
    const mapper = fitBins({ rows: 8, cols: 1, values }, 255, 1);
    expect(Array.from(mapper.cuts[0]!)).toEqual([1.5, 2.5]);
    expect(Array.from(applyBins({ rows: 8, cols: 1, values }, mapper).bins.filter((_, i) => i % 4 === 0))).toEqual([3, 1, 2, 2, 0, 1, 3, 3]);
  });

  it('caps bins at the limit with roughly equal counts, never splitting a repeated value', () => {
    const rng = createRng(1);
    const sorted = Float32Array.from({ length: 10_000 }, () => (rng.next() < 0.3 ? 5 : rng.normal())).sort();
    const cuts = quantileCuts(sorted, 16);
    expect(cuts.length).toBeLessThanOrEqual(15);
    for (let i = 1; i < cuts.length; i++) expect(cuts[i]!).toBeGreaterThan(cuts[i - 1]!);
    const counts = new Map<number, number>();
    for (const v of sorted) counts.set(binOf(v, cuts), (counts.get(binOf(v, cuts)) ?? 0) + 1);
    expect(new Set(Array.from(sorted.filter((v) => v === 5), (v) => binOf(v, cuts))).size).toBe(1);
    for (const [bin, n] of counts) if (bin !== binOf(5, cuts)) expect(n).toBeLessThan(1500);
  });

  it('bins every value exactly as "1 + cuts below it", extremes included', () => {
    const rng = createRng(2);
    const cols = 3;
    const rows = 5000;
    const values = Float32Array.from({ length: rows * cols }, (_, i) => (i % cols === 0 ? rng.normal() * 1e6 : i % cols === 1 ? Math.exp(rng.normal() * 10) : rng.normal()));
    values.set([Infinity, -Infinity, -0, 0, 1e-42, -1e38, NaN], 30);
    const x = { rows, cols, values };
    const mapper = fitBins(x, 255, 3);
    const binned = applyBins(x, mapper);
    for (let r = 0; r < rows; r++) {
      for (let f = 0; f < cols; f++) expect(binned.bins[r * binned.stride + f]).toBe(binOf(values[r * cols + f]!, mapper.cuts[f]!));
    }
    expect(Math.max(...mapper.counts)).toBe(255);
  });
});
