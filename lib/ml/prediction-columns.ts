/**
 * The columns a prediction adds to a table: `prediction`, then `prob_<class>` for each class of a
 * classifier. The browser's predict cell, `loopbook predict` and `loopbook serve` all write these,
 * so the same rows give the same columns everywhere.
 */
import type { CsvColumn } from '../data/write-csv';
import type { LabelEncoding } from './preprocess';
import type { Predictions } from './types';

export function predictionColumns(label: LabelEncoding, p: Predictions): CsvColumn[] {
  if (label.task === 'regression') return [{ kind: 'computed', name: 'prediction', values: p.values }];
  const classes = label.classes;
  const predicted = predictedClasses(classes, p);
  const probs = classes.map(() => new Float64Array(p.rows));
  for (let r = 0; r < p.rows; r++) for (let k = 0; k < p.width; k++) probs[k]![r] = p.values[r * p.width + k]!;
  return [{ kind: 'computed', name: 'prediction', values: predicted }, ...classes.map((c, k) => ({ kind: 'computed' as const, name: `prob_${c}`, values: probs[k]! }))];
}

/** The most probable class of each row (the first on a tie). */
export function predictedClasses(classes: readonly string[], p: Predictions): string[] {
  const predicted: string[] = [];
  for (let r = 0; r < p.rows; r++) {
    let best = 0;
    for (let k = 1; k < p.width; k++) if (p.values[r * p.width + k]! > p.values[r * p.width + best]!) best = k;
    predicted.push(classes[best]!);
  }
  return predicted;
}
