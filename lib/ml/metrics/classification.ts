/**
 * Classification metrics. `yTrue` holds class indices 0..k-1; `predictions` holds k probabilities
 * per row (binary has two: column 1 is the positive class). All return NaN when there is nothing
 * to score (zero rows, or ROC AUC with a single class present).
 */
import type { Predictions } from '../types';
import { assertClassification, predictedClass, probabilityOf } from './predictions';

/**
 * Log loss clips probabilities to [ε, 1 − ε] so that one confidently wrong row costs −log ε ≈ 34.5
 * instead of Infinity, which would make every such model tie at the bottom of the leaderboard.
 */
export const LOG_LOSS_EPSILON = 1e-15;

/**
 * Area under the ROC curve as the Mann–Whitney U statistic: the probability that a random positive
 * scores above a random negative, ties counting one half (average ranks). Returns NaN when either
 * side is empty or a score is NaN. Exported for the evaluation's ROC chart, so that the AUC shown
 * beside the curve is the same number as the metric.
 */
export function rankAuc(scores: ArrayLike<number>, isPositive: Uint8Array): number {
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(scores[i]!)) return NaN;
    order[i] = i;
  }
  // Compare, not subtract: Infinity − Infinity is NaN and would break the sort.
  order.sort((a, b) => (scores[a]! < scores[b]! ? -1 : scores[a]! > scores[b]! ? 1 : 0));
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scores[order[end]!]! === scores[order[start]!]!) end++;
    // Ranks are 1-based: the tied block start..end-1 shares the mean of ranks start+1..end.
    const averageRank = (start + 1 + end) / 2;
    for (let j = start; j < end; j++) {
      if (isPositive[order[j]!]) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * ROC AUC. Binary: the AUC of the class-1 probability. Multiclass: one-vs-rest, the unweighted
 * mean over classes of the AUC of that class's probability (scikit-learn's `multi_class='ovr'`,
 * `average='macro'`); a class absent from `yTrue` has no AUC and is left out of the mean
 * (scikit-learn raises instead — a small held-out split would then fail to score at all).
 */
export function rocAuc(yTrue: Float64Array, predictions: Predictions): number {
  assertClassification(yTrue, predictions);
  const n = yTrue.length;
  const k = predictions.width;
  const scores = new Float64Array(n);
  const isPositive = new Uint8Array(n);
  const oneVsRest = (c: number): number => {
    for (let i = 0; i < n; i++) {
      scores[i] = probabilityOf(predictions, i, c);
      isPositive[i] = yTrue[i] === c ? 1 : 0;
    }
    return rankAuc(scores, isPositive);
  };
  if (k === 2) return oneVsRest(1);
  let sum = 0;
  let counted = 0;
  for (let c = 0; c < k; c++) {
    const auc = oneVsRest(c);
    if (Number.isNaN(auc)) continue;
    sum += auc;
    counted++;
  }
  return counted === 0 ? NaN : sum / counted;
}

/** Mean negative log of the probability given to the true class, clipped (see LOG_LOSS_EPSILON). */
export function logLoss(yTrue: Float64Array, predictions: Predictions): number {
  assertClassification(yTrue, predictions);
  const n = yTrue.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = probabilityOf(predictions, i, yTrue[i]!);
    sum -= Math.log(Math.min(Math.max(p, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON));
  }
  return sum / n;
}

/** Fraction of rows whose argmax class is the true class. */
export function accuracy(yTrue: Float64Array, predictions: Predictions): number {
  assertClassification(yTrue, predictions);
  const n = yTrue.length;
  if (n === 0) return NaN;
  let correct = 0;
  for (let i = 0; i < n; i++) if (predictedClass(predictions, i) === yTrue[i]) correct++;
  return correct / n;
}

/**
 * Counts per class: how often it is true, predicted, and both. The one pass that balanced
 * accuracy and macro F1 share.
 */
function classCounts(yTrue: Float64Array, predictions: Predictions): { truth: Float64Array; predicted: Float64Array; hits: Float64Array } {
  const k = predictions.width;
  const truth = new Float64Array(k);
  const predicted = new Float64Array(k);
  const hits = new Float64Array(k);
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i]!;
    const p = predictedClass(predictions, i);
    truth[y]!++;
    predicted[p]!++;
    if (p === y) hits[y]!++;
  }
  return { truth, predicted, hits };
}

/**
 * Mean recall over the classes present in `yTrue`, so a model that always predicts the majority
 * class of a 95/5 split scores 0.5, not 0.95. Classes with no true rows have no recall and are left
 * out, as in scikit-learn.
 */
export function balancedAccuracy(yTrue: Float64Array, predictions: Predictions): number {
  assertClassification(yTrue, predictions);
  const { truth, hits } = classCounts(yTrue, predictions);
  let sum = 0;
  let counted = 0;
  for (let c = 0; c < truth.length; c++) {
    if (truth[c] === 0) continue;
    sum += hits[c]! / truth[c]!;
    counted++;
  }
  return counted === 0 ? NaN : sum / counted;
}

/**
 * Unweighted mean of per-class F1 over the classes that are true or predicted at least once (the
 * labels scikit-learn's `f1_score(average='macro')` sees). A class that is never predicted gets
 * F1 = 0, which is the point: it drags the mean down for ignoring a minority class.
 */
export function macroF1(yTrue: Float64Array, predictions: Predictions): number {
  assertClassification(yTrue, predictions);
  const { truth, predicted, hits } = classCounts(yTrue, predictions);
  let sum = 0;
  let counted = 0;
  for (let c = 0; c < truth.length; c++) {
    const denominator = truth[c]! + predicted[c]!;
    if (denominator === 0) continue;
    // F1 = 2·TP / (2·TP + FP + FN) = 2·TP / (true + predicted).
    sum += (2 * hits[c]!) / denominator;
    counted++;
  }
  return counted === 0 ? NaN : sum / counted;
}
