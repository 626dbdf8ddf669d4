/**
 * Regression metrics: `predictions` has width 1 and holds the predicted value. All return NaN for
 * zero rows (nothing to score), which the search treats as the worst possible loss.
 */
import type { Predictions } from '../types';
import { assertRegression } from './predictions';

/**
 * Coefficient of determination, 1 − SS_res / SS_tot: 1 is perfect, 0 is as good as predicting
 * the mean of `yTrue`, negative is worse than that. A constant `yTrue` (SS_tot = 0) gives 1 when
 * the predictions are exact and 0 otherwise, as scikit-learn's `force_finite` does, so that a
 * degenerate fold never yields ±Infinity.
 */
export function r2(yTrue: Float64Array, predictions: Predictions): number {
  assertRegression(yTrue, predictions);
  const n = yTrue.length;
  if (n === 0) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i]!;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const y = yTrue[i]!;
    const e = y - predictions.values[i]!;
    ssRes += e * e;
    ssTot += (y - mean) * (y - mean);
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** Root mean squared error, in the target's units. */
export function rmse(yTrue: Float64Array, predictions: Predictions): number {
  assertRegression(yTrue, predictions);
  const n = yTrue.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = yTrue[i]! - predictions.values[i]!;
    sum += e * e;
  }
  return Math.sqrt(sum / n);
}

/** Mean absolute error, in the target's units. */
export function mae(yTrue: Float64Array, predictions: Predictions): number {
  assertRegression(yTrue, predictions);
  const n = yTrue.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(yTrue[i]! - predictions.values[i]!);
  return sum / n;
}

/**
 * Mean absolute percentage error as a fraction (0.1 = 10 %), the mean of |y − ŷ| / |y|.
 * Rows with y = 0 are skipped: their percentage error is undefined, and scikit-learn's answer
 * (divide by machine epsilon) lets one zero row swamp the whole score. With every y = 0 there is
 * nothing to average and the result is NaN.
 */
export function mape(yTrue: Float64Array, predictions: Predictions): number {
  assertRegression(yTrue, predictions);
  let sum = 0;
  let counted = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i]!;
    if (y === 0) continue;
    sum += Math.abs(y - predictions.values[i]!) / Math.abs(y);
    counted++;
  }
  return counted === 0 ? NaN : sum / counted;
}
