import { describe, expect, it } from 'vitest';
import type { Predictions } from '../types';
import { histogramOf, residualsOf } from './residuals';

const pred = (values: ArrayLike<number>): Predictions => ({ rows: values.length, width: 1, values: Float64Array.from(values) });

describe('residualsOf', () => {
  it('pairs each prediction with actual − predicted', () => {
    const result = residualsOf(Float64Array.from([1, 2, 3]), pred([1.5, 2, 2]));
    expect(result.predicted).toEqual([1.5, 2, 2]);
    expect(result.residual).toEqual([-0.5, 0, 1]);
    expect(result.skipped).toBe(0);
  });

  it('thins to at most 2,000 points deterministically, but histograms every row', () => {
    const n = 10_000;
    const yTrue = Float64Array.from({ length: n }, (_, i) => i);
    const predictions = pred(Float64Array.from({ length: n }, (_, i) => i + ((i % 7) - 3)));
    const a = residualsOf(yTrue, predictions);
    const b = residualsOf(yTrue, predictions);
    expect(a.predicted).toHaveLength(2000);
    expect(a).toEqual(b);
    expect(a.histogram.counts).toHaveLength(20);
    expect(a.histogram.counts.reduce((s, c) => s + c, 0)).toBe(n);
  });

  it('skips rows it cannot plot and says how many', () => {
    const result = residualsOf(Float64Array.from([1, 2]), pred([NaN, 2]));
    expect(result.predicted).toEqual([2]);
    expect(result.skipped).toBe(1);
  });
});

describe('histogramOf', () => {
  it('bins equal widths from min to max, the last bin closed', () => {
    // Range 0..4 in 4 bins: [0,1) [1,2) [2,3) [3,4].
    expect(histogramOf([0, 0.5, 1, 2.5, 4, 4], 4)).toEqual({ edges: [0, 1, 2, 3, 4], counts: [2, 1, 1, 2] });
  });

  it('gives a constant one bin and nothing no bins', () => {
    expect(histogramOf([2, 2, 2], 20)).toEqual({ edges: [1.5, 2.5], counts: [3] });
    expect(histogramOf([], 20)).toEqual({ edges: [], counts: [] });
  });
});
