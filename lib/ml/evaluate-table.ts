/**
 * A trained model scored on labelled rows it was not trained on: the same evaluation (metrics,
 * charts, permutation importance) as training's held-out one. Rows without a label are left out.
 * Used by `loopbook evaluate` and the browser's evaluate cell.
 */
import type { Table } from '../data/types';
import { evaluateModel, type Evaluation } from './evaluate';
import { TrainingInputError } from './errors';
import { combinedFeatures } from './features';
import { learnerOf } from './learners';
import type { MetricName } from './metrics/registry';
import { predictMembers, type TrainedModel } from './model';
import { checkInput, encodeLabel } from './preprocess';
import type { Predictions } from './types';

export interface TableEvaluation {
  readonly evaluation: Evaluation;
  /** Predict-time notices (unseen categories, ignored columns). */
  readonly notices: readonly string[];
  /** Rows scored, by index in the table, and their predictions. */
  readonly rows: Int32Array;
  readonly predictions: Predictions;
  /** Rows left out for having no label. */
  readonly unlabelled: number;
}

export interface EvaluateTableOptions {
  readonly metric: MetricName;
  readonly seed: number;
  readonly onProgress?: (fraction: number) => void;
}

export async function evaluateTable(model: TrainedModel, table: Table, options: EvaluateTableOptions): Promise<TableEvaluation> {
  const { plan } = model;
  const notices = checkInput(plan, table);
  const label = encodeLabel(table, plan.label);
  if (label.rows.length === 0) {
    throw new TrainingInputError(`The data has no rows with a value for "${plan.label.column}", the label the model predicts. Evaluate on labelled rows.`);
  }
  const features = combinedFeatures(plan, [...new Set(model.members.map((m) => learnerOf(m.learner).encoding))]);
  const x = features.build(table, label.rows);
  const predict = (m: typeof x) => predictMembers(model.members, (e) => features.part(m, e));
  const predictions = await predict(x);
  const evaluation = await evaluateModel({
    task: plan.label.task,
    x,
    y: Float64Array.from(label.rows, (r) => label.y[r]!),
    predict,
    predictions,
    featureGroups: features.groups,
    seed: options.seed,
    metric: options.metric,
    classes: plan.label.task === 'regression' ? undefined : plan.label.classes,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { evaluation, notices, rows: label.rows, predictions, unlabelled: table.rowCount - label.rows.length };
}
