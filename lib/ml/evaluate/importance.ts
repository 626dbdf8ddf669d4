/**
 * Permutation feature importance: how much worse the model scores when one feature's values are
 * shuffled across rows, breaking its link to the target while keeping its distribution. Works for
 * any model, since it needs only `predict`.
 */
import { METRICS } from '../metrics/registry';
import type { MetricName } from '../metrics/registry';
import { createRng, deriveSeed } from '../rng';
import type { Matrix, Predictions, Task } from '../types';

/** Repeats average out the luck of one shuffle and give a spread; 3 keeps it to 3 predicts per feature (scikit-learn uses 5). */
export const IMPORTANCE_REPEATS = 3;
/** Rows scored per shuffle: beyond a few thousand the ranking barely moves, but the cost does. */
export const IMPORTANCE_MAX_ROWS = 5000;

/**
 * One original column and the matrix columns it became: a one-hot column becomes several, and
 * they must be shuffled together, or the shuffle creates rows with two categories at once.
 */
export interface FeatureGroup {
  readonly name: string;
  readonly columns: readonly number[];
}

export interface FeatureImportance {
  readonly name: string;
  /** Mean increase in loss over the repeats: positive = the model relies on it; ≈ 0 = it does not. */
  readonly mean: number;
  /** Population standard deviation over the repeats. */
  readonly std: number;
}

export interface PermutationImportanceOptions {
  /** Must not hold on to `x` once its promise resolves: the same buffer is reused between calls. */
  readonly predict: (x: Matrix) => Promise<Predictions>;
  readonly x: Matrix;
  readonly y: Float64Array;
  readonly task: Task;
  readonly metric: MetricName;
  readonly featureGroups: readonly FeatureGroup[];
  readonly repeats?: number;
  readonly seed: number;
  readonly maxRows?: number;
  /** Called after each group with the fraction done, 0..1. */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * Per group, the mean and std of the drop in `metric` (as a loss increase) over `repeats`
 * shuffles, sorted most important first (NaN last). Rows above `maxRows` are subsampled with the
 * seed; each group's shuffles draw from a seed derived from its name, so adding or reordering
 * groups does not change another group's numbers.
 *
 * @example
 * const ranked = await permutationImportance({ predict: (x) => learner.predict(model, x), x, y,
 *   task: 'binary', metric: 'roc_auc', featureGroups, seed: 7 });
 */
export async function permutationImportance(options: PermutationImportanceOptions): Promise<FeatureImportance[]> {
  const { predict, task, metric, featureGroups, seed, onProgress } = options;
  const repeats = options.repeats ?? IMPORTANCE_REPEATS;
  const maxRows = options.maxRows ?? IMPORTANCE_MAX_ROWS;
  const definition = METRICS[metric];
  if (!definition.tasks.includes(task)) throw new Error(`Metric ${metric} does not apply to a ${task} task.`);
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`repeats must be a positive integer, got ${repeats}.`);
  if (options.y.length !== options.x.rows) throw new Error(`x has ${options.x.rows} rows but y has ${options.y.length}.`);
  for (const group of featureGroups) {
    for (const c of group.columns) {
      if (!Number.isInteger(c) || c < 0 || c >= options.x.cols) throw new Error(`Feature ${group.name} names column ${c}, outside 0..${options.x.cols - 1}.`);
    }
  }

  if (featureGroups.length === 0) return [];
  const { x, y } = subsampleRows(options.x, options.y, maxRows, deriveSeed(seed, 'importance:rows'));
  // The loss increase, signed so that positive always means "worse without this feature".
  const sign = definition.higherIsBetter ? -1 : 1;
  const baseline = definition.score(y, await predict(x));
  const work = new Float32Array(x.values);
  const permuted: Matrix = { rows: x.rows, cols: x.cols, values: work };
  const permutation = new Uint32Array(x.rows);

  const results: FeatureImportance[] = [];
  for (let g = 0; g < featureGroups.length; g++) {
    const group = featureGroups[g]!;
    const rng = createRng(deriveSeed(seed, `importance:${group.name}`));
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      for (let i = 0; i < permutation.length; i++) permutation[i] = i;
      rng.shuffle(permutation);
      // One row permutation for all the group's columns, so one-hot rows stay one-hot.
      for (let i = 0; i < x.rows; i++) {
        const from = permutation[i]! * x.cols;
        for (const c of group.columns) work[i * x.cols + c] = x.values[from + c]!;
      }
      const score = definition.score(y, await predict(permuted));
      drops.push(sign * (score - baseline));
    }
    // Restore the group's columns before the next group shuffles its own.
    for (let i = 0; i < x.rows; i++) for (const c of group.columns) work[i * x.cols + c] = x.values[i * x.cols + c]!;
    results.push({ name: group.name, ...meanAndStd(drops) });
    onProgress?.((g + 1) / featureGroups.length);
  }
  // Array.prototype.sort is stable: equal importances keep the caller's group order.
  return results.sort((a, b) => rankKey(b.mean) - rankKey(a.mean));
}

function rankKey(mean: number): number {
  return Number.isNaN(mean) ? -Infinity : mean;
}

function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) * (v - mean), 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

/**
 * At most `maxRows` rows, drawn with the seed and kept in their original order (the same seed and
 * data give the same subset; order keeps memory access sequential).
 */
export function subsampleRows(x: Matrix, y: Float64Array, maxRows: number, seed: number): { x: Matrix; y: Float64Array } {
  if (x.rows <= maxRows) return { x, y };
  const picked = createRng(seed).shuffle(Uint32Array.from({ length: x.rows }, (_, i) => i)).subarray(0, maxRows).sort();
  const values = new Float32Array(maxRows * x.cols);
  const ys = new Float64Array(maxRows);
  for (let i = 0; i < maxRows; i++) {
    const row = picked[i]!;
    values.set(x.values.subarray(row * x.cols, (row + 1) * x.cols), i * x.cols);
    ys[i] = y[row]!;
  }
  return { x: { rows: maxRows, cols: x.cols, values }, y: ys };
}
