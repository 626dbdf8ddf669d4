/** The confusion matrix of a classifier on held-out rows. */
import { assertClassification, predictedClass } from '../metrics/predictions';
import type { Predictions } from '../types';

/**
 * k × k counts, `matrix[trueClass][predictedClass]`, with k the predictions' width (so a class that
 * never occurs still has its row and column). The predicted class is the argmax, ties to the lower
 * index, the same rule accuracy and F1 use.
 */
export function confusionMatrix(yTrue: Float64Array, predictions: Predictions): number[][] {
  assertClassification(yTrue, predictions);
  const k = predictions.width;
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < yTrue.length; i++) matrix[yTrue[i]!]![predictedClass(predictions, i)]!++;
  return matrix;
}
