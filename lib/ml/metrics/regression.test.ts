import { describe, expect, it } from 'vitest';
import type { Predictions } from '../types';
import { mae, mape, r2, rmse } from './regression';

const y = (values: number[]): Float64Array => Float64Array.from(values);
const pred = (values: number[]): Predictions => ({ rows: values.length, width: 1, values: Float64Array.from(values) });

describe('r2', () => {
  const labels = y([1, 2, 3, 4]); // mean 2.5, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5

  it('is 0 for predicting the mean and negative when worse', () => {
    expect(r2(labels, pred([2.5, 2.5, 2.5, 2.5]))).toBe(0);
    // Constant 5: SS_res = 16 + 9 + 4 + 1 = 30 → 1 − 30/5 = −5 (sklearn −5.0).
    expect(r2(labels, pred([5, 5, 5, 5]))).toBeCloseTo(-5, 12);
  });

  it('is 1 − SS_res / SS_tot otherwise', () => {
    // SS_res = 0.25 + 0 + 0.25 + 0.25 = 0.75 → 1 − 0.15 = 0.85 (sklearn 0.85).
    expect(r2(labels, pred([1.5, 2, 2.5, 4.5]))).toBeCloseTo(0.85, 12);
    expect(r2(labels, pred([1, 2, 3, 4]))).toBe(1);
  });

  it('stays finite on a constant target', () => {
    expect(r2(y([3, 3]), pred([3, 3]))).toBe(1);
    expect(r2(y([3, 3]), pred([2, 4]))).toBe(0);
  });
});

describe('rmse and mae', () => {
  it('match hand-computed errors', () => {
    // Errors 1, 0, 0, 2: MSE = 5/4 → RMSE = √1.25 = 1.118034; MAE = 3/4.
    expect(rmse(y([1, 2, 3, 4]), pred([2, 2, 3, 6]))).toBeCloseTo(1.118033988749895, 12);
    expect(mae(y([1, 2, 3, 4]), pred([2, 2, 3, 6]))).toBeCloseTo(0.75, 12);
  });

  it('reject predictions of the wrong width', () => {
    expect(() => rmse(y([1]), { rows: 1, width: 2, values: new Float64Array(2) })).toThrow(/width 1/);
  });
});

describe('mape', () => {
  it('skips rows whose true value is 0', () => {
    // Row 0 (y = 0) skipped; |2−1|/2 = 0.5, |4−5|/4 = 0.25, |−5+4|/5 = 0.2 → 0.95/3 = 0.316667
    // (sklearn on the three non-zero rows: 0.31666666666666665).
    expect(mape(y([0, 2, 4, -5]), pred([1, 1, 5, -4]))).toBeCloseTo(0.31666666666666665, 12);
  });

  it('is NaN when every true value is 0', () => {
    expect(mape(y([0, 0]), pred([1, 2]))).toBeNaN();
  });
});
