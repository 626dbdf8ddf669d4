/** Residuals of a regression model on held-out rows, for a scatter plot and a histogram. */
import { assertRegression } from '../metrics/predictions';
import type { Predictions } from '../types';
import { downsampleIndices } from './plain';

/** A scatter beyond this many points is a blob and a slow chart; 2,000 shows the shape. */
export const RESIDUAL_MAX_POINTS = 2000;
/** About the square root of a few hundred rows, and readable at chart width. */
export const RESIDUAL_HISTOGRAM_BINS = 20;

export interface Histogram {
  /** bins + 1 increasing edges; bin b counts edges[b] ≤ r < edges[b + 1], the last bin closed. */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

export interface Residuals {
  /** Parallel arrays: predicted value and residual (actual − predicted) of each plotted row. */
  readonly predicted: readonly number[];
  readonly residual: readonly number[];
  /** Over every scored row, not only the plotted ones. */
  readonly histogram: Histogram;
  /** Rows left out because the prediction or the target was not finite. */
  readonly skipped: number;
}

/**
 * Residuals, actual − predicted (positive: the model predicted too low). Rows are thinned evenly
 * (every n/max-th, deterministic) to at most `maxPoints`; rows with a non-finite value are
 * skipped and counted, since a chart cannot place them.
 */
export function residualsOf(
  yTrue: Float64Array,
  predictions: Predictions,
  maxPoints = RESIDUAL_MAX_POINTS,
  bins = RESIDUAL_HISTOGRAM_BINS,
): Residuals {
  assertRegression(yTrue, predictions);
  const predicted: number[] = [];
  const residual: number[] = [];
  for (let i = 0; i < yTrue.length; i++) {
    const p = predictions.values[i]!;
    const r = yTrue[i]! - p;
    if (!Number.isFinite(p) || !Number.isFinite(r)) continue;
    predicted.push(p);
    residual.push(r);
  }
  const keep = downsampleIndices(predicted.length, maxPoints);
  return {
    predicted: keep.map((i) => predicted[i]!),
    residual: keep.map((i) => residual[i]!),
    histogram: histogramOf(residual, bins),
    skipped: yTrue.length - predicted.length,
  };
}

/** Equal-width bins from the minimum to the maximum; one unit-wide bin when all values are equal. */
export function histogramOf(values: readonly number[], bins: number): Histogram {
  if (values.length === 0) return { edges: [], counts: [] };
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return { edges: [min - 0.5, max + 0.5], counts: [values.length] };
  const width = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, b) => (b === bins ? max : min + b * width));
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - min) / width))]!++;
  return { edges, counts };
}
