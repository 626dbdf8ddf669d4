/**
 * Shared checks and readers for metric inputs: the shape contract between `yTrue` and
 * `Predictions`, and the one definition of "predicted class" every metric and chart uses.
 */
import type { Predictions } from '../types';

/**
 * The predicted class of `row`: the argmax of its probabilities, ties to the lower index, so that
 * accuracy, F1 and the confusion matrix always agree on the same prediction. NaN never wins.
 */
export function predictedClass(predictions: Predictions, row: number): number {
  const { width, values } = predictions;
  const base = row * width;
  let best = 0;
  let bestValue = -Infinity;
  for (let c = 0; c < width; c++) {
    const v = values[base + c]!;
    if (v > bestValue) {
      bestValue = v;
      best = c;
    }
  }
  return best;
}

/** The probability `predictions` gives to class `c` on `row`. */
export function probabilityOf(predictions: Predictions, row: number, c: number): number {
  return predictions.values[row * predictions.width + c]!;
}

/**
 * Throws unless `yTrue` and `predictions` describe the same rows of a classification task: width
 * ≥ 2 and every label an integer class index below the width. A mismatch here is a wiring bug,
 * so it fails loudly instead of scoring garbage.
 */
export function assertClassification(yTrue: Float64Array, predictions: Predictions): void {
  assertSameRows(yTrue, predictions);
  if (predictions.width < 2) {
    throw new Error(`Classification metrics need one probability per class (width ≥ 2), got width ${predictions.width}.`);
  }
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i]!;
    if (!Number.isInteger(y) || y < 0 || y >= predictions.width) {
      throw new Error(`Label ${y} at row ${i} is not a class index in 0..${predictions.width - 1}.`);
    }
  }
}

/** Throws unless `predictions` holds one value per row of `yTrue`. */
export function assertRegression(yTrue: Float64Array, predictions: Predictions): void {
  assertSameRows(yTrue, predictions);
  if (predictions.width !== 1) {
    throw new Error(`Regression metrics need one value per row (width 1), got width ${predictions.width}.`);
  }
}

function assertSameRows(yTrue: Float64Array, predictions: Predictions): void {
  if (yTrue.length !== predictions.rows || predictions.values.length !== predictions.rows * predictions.width) {
    throw new Error(
      `Labels and predictions disagree: ${yTrue.length} labels, ${predictions.rows} rows × ${predictions.width} (${predictions.values.length} values).`,
    );
  }
}
