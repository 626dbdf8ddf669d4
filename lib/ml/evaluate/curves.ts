/**
 * ROC and precision–recall curves of a binary classifier, for charts. Points are computed at every
 * distinct score (each is a threshold `score ≥ t` → positive), then thinned to at most
 * `CURVE_MAX_POINTS`; the AUC and average precision are computed on all rows, before thinning.
 */
import { rankAuc } from '../metrics/classification';
import { downsampleIndices, finiteOrNull } from './plain';

/** Enough points for a smooth curve at chart size; a few KB of metrics.json per curve. */
export const CURVE_MAX_POINTS = 200;

export interface RocCurve {
  readonly fpr: readonly number[];
  readonly tpr: readonly number[];
  /** The score threshold of each point; null for the (0, 0) start, which no score reaches. */
  readonly thresholds: readonly (number | null)[];
  readonly auc: number | null;
}

export interface PrCurve {
  readonly recall: readonly number[];
  readonly precision: readonly number[];
  /** The score threshold of each point; null for the (recall 0, precision 1) start. */
  readonly thresholds: readonly (number | null)[];
  /**
   * Average precision, Σ (Rₙ − Rₙ₋₁) · Pₙ over thresholds: the step-wise area under the PR curve
   * (scikit-learn's `average_precision_score`). Not the trapezoid, which is optimistic on PR curves.
   */
  readonly averagePrecision: number | null;
}

/** Cumulative counts at each distinct score, highest score first. */
interface Steps {
  readonly thresholds: number[];
  readonly tp: number[];
  readonly fp: number[];
  readonly positives: number;
  readonly negatives: number;
}

function stepsOf(isPositive: Uint8Array, scores: ArrayLike<number>): Steps | undefined {
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(scores[i]!)) return undefined;
    order[i] = i;
  }
  // Highest first; compare, not subtract, so that infinite scores still sort.
  order.sort((a, b) => (scores[a]! > scores[b]! ? -1 : scores[a]! < scores[b]! ? 1 : 0));
  const thresholds: number[] = [];
  const tp: number[] = [];
  const fp: number[] = [];
  let truePositives = 0;
  let falsePositives = 0;
  for (let start = 0; start < n; ) {
    const threshold = scores[order[start]!]!;
    let end = start;
    // Rows with equal scores cross the threshold together: one point per distinct score.
    while (end < n && scores[order[end]!]! === threshold) {
      if (isPositive[order[end]!]) truePositives++;
      else falsePositives++;
      end++;
    }
    thresholds.push(threshold);
    tp.push(truePositives);
    fp.push(falsePositives);
    start = end;
  }
  return { thresholds, tp, fp, positives: truePositives, negatives: falsePositives };
}

function positivesOf(yTrue: Float64Array): Uint8Array {
  return Uint8Array.from(yTrue, (y) => (y === 1 ? 1 : 0));
}

/**
 * The ROC curve of `scores` (the class-1 probability) against `yTrue` (0/1). It starts at (0, 0)
 * and ends at (1, 1). Undefined when a class is missing or a score is NaN: there is no curve then.
 */
export function rocCurve(yTrue: Float64Array, scores: ArrayLike<number>, maxPoints = CURVE_MAX_POINTS): RocCurve | undefined {
  const isPositive = positivesOf(yTrue);
  const steps = stepsOf(isPositive, scores);
  if (!steps || steps.positives === 0 || steps.negatives === 0) return undefined;
  const fpr = [0, ...steps.fp.map((f) => f / steps.negatives)];
  const tpr = [0, ...steps.tp.map((t) => t / steps.positives)];
  const thresholds: (number | null)[] = [null, ...steps.thresholds];
  const keep = downsampleIndices(fpr.length, maxPoints);
  return {
    fpr: keep.map((i) => fpr[i]!),
    tpr: keep.map((i) => tpr[i]!),
    thresholds: keep.map((i) => thresholds[i]!),
    auc: finiteOrNull(rankAuc(scores, isPositive)),
  };
}

/**
 * The precision–recall curve, from (recall 0, precision 1) to recall 1 at the lowest threshold
 * (where precision is the positive rate). Undefined without positives or with a NaN score.
 */
export function prCurve(yTrue: Float64Array, scores: ArrayLike<number>, maxPoints = CURVE_MAX_POINTS): PrCurve | undefined {
  const steps = stepsOf(positivesOf(yTrue), scores);
  if (!steps || steps.positives === 0) return undefined;
  const recall: number[] = [0];
  const precision: number[] = [1];
  let averagePrecision = 0;
  for (let s = 0; s < steps.thresholds.length; s++) {
    const r = steps.tp[s]! / steps.positives;
    const p = steps.tp[s]! / (steps.tp[s]! + steps.fp[s]!);
    averagePrecision += (r - recall[recall.length - 1]!) * p;
    recall.push(r);
    precision.push(p);
  }
  const thresholds: (number | null)[] = [null, ...steps.thresholds];
  const keep = downsampleIndices(recall.length, maxPoints);
  return {
    recall: keep.map((i) => recall[i]!),
    precision: keep.map((i) => precision[i]!),
    thresholds: keep.map((i) => thresholds[i]!),
    averagePrecision: finiteOrNull(averagePrecision),
  };
}
