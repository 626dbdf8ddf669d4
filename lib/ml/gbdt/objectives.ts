/**
 * What gbdt minimises: binary log loss on a logit, softmax cross-entropy on one raw score per
 * class, or squared error. Each gives the per-row gradient and hessian the trees fit, the start
 * score, the loss early stopping watches, and the map from raw scores to predictions.
 */
import type { Predictions, Task } from '../types';
import { MIN_HESSIAN, PROBABILITY_FLOOR } from './flags';

export const OBJECTIVE_NAMES = ['binary', 'multiclass', 'squared'] as const;
export type ObjectiveName = (typeof OBJECTIVE_NAMES)[number];

export interface Objective {
  readonly name: ObjectiveName;
  /** Raw score columns: one per class for multiclass, else 1. */
  readonly width: number;
  /** Start scores from the label mean or the class priors, so the first trees fit what is left. */
  initScore(y: Float64Array): Float64Array;
  /** Writes (g, h) for every row into stats[k] (2 per row) for each raw score column k. */
  gradients(scores: Float64Array, y: Float64Array, stats: readonly Float64Array[]): void;
  /** Mean loss of raw scores (rows × width) against `y`. */
  loss(scores: Float64Array, y: Float64Array): number;
  /** Raw scores (rows × width) to probabilities per class, or the predicted value. */
  transform(scores: Float64Array, rows: number): Predictions;
}

export function objectiveFor(task: Task, classCount: number): Objective {
  if (task === 'regression') return SQUARED;
  if (task === 'binary' || classCount === 2) return BINARY;
  return softmax(classCount);
}

export function objectiveByName(name: ObjectiveName, classCount: number): Objective {
  return name === 'squared' ? SQUARED : name === 'binary' ? BINARY : softmax(classCount);
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

const BINARY: Objective = {
  name: 'binary',
  width: 1,
  initScore(y) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += y[i]!;
    const p = Math.min(1 - PROBABILITY_FLOOR, Math.max(PROBABILITY_FLOOR, sum / Math.max(1, y.length)));
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  gradients(scores, y, stats) {
    const gh = stats[0]!;
    for (let i = 0; i < y.length; i++) {
      const p = 1 / (1 + Math.exp(-scores[i]!));
      gh[2 * i] = p - y[i]!;
      gh[2 * i + 1] = Math.max(p * (1 - p), MIN_HESSIAN);
    }
  },
  loss(scores, y) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += softplus(scores[i]!) - y[i]! * scores[i]!;
    return sum / Math.max(1, y.length);
  },
  transform(scores, rows) {
    const values = new Float64Array(rows * 2);
    for (let i = 0; i < rows; i++) {
      const p = 1 / (1 + Math.exp(-scores[i]!));
      values[2 * i] = 1 - p;
      values[2 * i + 1] = p;
    }
    return { rows, width: 2, values };
  },
};

const SQUARED: Objective = {
  name: 'squared',
  width: 1,
  initScore(y) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += y[i]!;
    return Float64Array.of(y.length > 0 ? sum / y.length : 0);
  },
  gradients(scores, y, stats) {
    const gh = stats[0]!;
    for (let i = 0; i < y.length; i++) {
      gh[2 * i] = scores[i]! - y[i]!;
      gh[2 * i + 1] = 1;
    }
  },
  loss(scores, y) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) {
      const d = scores[i]! - y[i]!;
      sum += d * d;
    }
    return sum / Math.max(1, y.length);
  },
  transform(scores, rows) {
    return { rows, width: 1, values: Float64Array.from(scores.subarray(0, rows)) };
  },
};

function softmax(k: number): Objective {
  // Friedman's K/(K-1) factor (as LightGBM): the hessian of K redundant scores is spread over K trees.
  const factor = k / (k - 1);
  const p = new Float64Array(k);
  /** Softmax of row i's scores into `p`; returns log Σ exp, for the loss. */
  const probabilities = (scores: Float64Array, i: number): number => {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, scores[i * k + c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      p[c] = Math.exp(scores[i * k + c]! - max);
      sum += p[c]!;
    }
    for (let c = 0; c < k; c++) p[c] = p[c]! / sum;
    return max + Math.log(sum);
  };
  return {
    name: 'multiclass',
    width: k,
    initScore(y) {
      const counts = new Float64Array(k);
      for (let i = 0; i < y.length; i++) counts[y[i]!] = counts[y[i]!]! + 1;
      return counts.map((n) => Math.log(Math.max(PROBABILITY_FLOOR, n / Math.max(1, y.length))));
    },
    gradients(scores, y, stats) {
      for (let i = 0; i < y.length; i++) {
        probabilities(scores, i);
        const label = y[i]!;
        for (let c = 0; c < k; c++) {
          const gh = stats[c]!;
          const q = p[c]!;
          gh[2 * i] = c === label ? q - 1 : q;
          gh[2 * i + 1] = Math.max(factor * q * (1 - q), MIN_HESSIAN);
        }
      }
    },
    loss(scores, y) {
      let sum = 0;
      for (let i = 0; i < y.length; i++) sum += probabilities(scores, i) - scores[i * k + y[i]!]!;
      return sum / Math.max(1, y.length);
    },
    transform(scores, rows) {
      const values = new Float64Array(rows * k);
      for (let i = 0; i < rows; i++) {
        probabilities(scores, i);
        values.set(p, i * k);
      }
      return { rows, width: k, values };
    },
  };
}
