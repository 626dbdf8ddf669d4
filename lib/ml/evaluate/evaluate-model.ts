/**
 * Held-out evaluation of a final model: every metric of its task, the charts for that task, and
 * permutation importance, in one plain object. The result is stored as metrics.json in model.zip
 * and drawn later, so it holds only numbers (null for NaN), strings and arrays: no typed arrays.
 */
import { computeMetrics, defaultMetric, metricAppliesTo, metricsForTask } from '../metrics/registry';
import type { MetricName } from '../metrics/registry';
import type { Matrix, Predictions, Task } from '../types';
import { confusionMatrix } from './confusion';
import { prCurve, rocCurve } from './curves';
import type { PrCurve, RocCurve } from './curves';
import { permutationImportance } from './importance';
import type { FeatureGroup } from './importance';
import { finiteOrNull } from './plain';
import { residualsOf } from './residuals';
import type { Residuals } from './residuals';

export interface ImportanceEntry {
  readonly name: string;
  /** Mean loss increase when the feature is shuffled; null when the metric could not be computed. */
  readonly mean: number | null;
  readonly std: number | null;
}

export interface Evaluation {
  readonly task: Task;
  /** The metric the importance is measured with (the search's metric). */
  readonly metric: MetricName;
  /** Held-out rows scored. */
  readonly rows: number;
  /** Every metric of the task; null where it could not be computed (e.g. ROC AUC with one class). */
  readonly metrics: Partial<Record<MetricName, number | null>>;
  /** Classification: class names by index, the axes of `confusion`. */
  readonly classes?: readonly string[];
  /** Classification: `confusion[true][predicted]` counts. */
  readonly confusion?: readonly (readonly number[])[];
  /** Binary, when both classes occur in the held-out rows. */
  readonly roc?: RocCurve;
  /** Binary, when the positive class occurs in the held-out rows. */
  readonly pr?: PrCurve;
  readonly residuals?: Residuals;
  /** Most important first. */
  readonly importance: readonly ImportanceEntry[];
}

export interface EvaluateModelOptions {
  readonly task: Task;
  /** Held-out features, encoded as the model expects; never rows the model was fitted or early-stopped on. */
  readonly x: Matrix;
  readonly y: Float64Array;
  readonly predict: (x: Matrix) => Promise<Predictions>;
  readonly featureGroups: readonly FeatureGroup[];
  readonly seed: number;
  /** Defaults to the task's default metric. */
  readonly metric?: MetricName;
  /** Class names by index (the label's categories); defaults to "0".."k-1". */
  readonly classes?: readonly string[];
  /** `predict(x)` when the caller already has it, to save one pass. */
  readonly predictions?: Predictions;
  /** Permutation importance settings (see permutationImportance). */
  readonly repeats?: number;
  readonly maxRows?: number;
  readonly onProgress?: (fraction: number) => void;
}

/**
 * @example
 * const evaluation = await evaluateModel({ task: 'binary', x: test.x, y: test.y, seed: 1,
 *   predict: (x) => learner.predict(model, x), featureGroups, classes: ['no', 'yes'] });
 * files['metrics.json'] = JSON.stringify(evaluation);
 */
export async function evaluateModel(options: EvaluateModelOptions): Promise<Evaluation> {
  const { task, x, y, predict, featureGroups, seed } = options;
  const metric = options.metric ?? defaultMetric(task);
  if (!metricAppliesTo(metric, task)) throw new Error(`Metric ${metric} does not apply to a ${task} task.`);
  const predictions = options.predictions ?? (await predict(x));
  // computeMetrics also checks that predictions and y describe the same rows.
  const scored = computeMetrics(task, y, predictions);
  const metrics: Partial<Record<MetricName, number | null>> = {};
  for (const name of metricsForTask(task)) metrics[name] = finiteOrNull(scored[name] ?? NaN);

  const charts = task === 'regression' ? { residuals: residualsOf(y, predictions) } : classificationCharts(task, y, predictions, options.classes);
  const importance = await permutationImportance({
    predict,
    x,
    y,
    task,
    metric,
    featureGroups,
    seed,
    ...(options.repeats !== undefined && { repeats: options.repeats }),
    ...(options.maxRows !== undefined && { maxRows: options.maxRows }),
    ...(options.onProgress && { onProgress: options.onProgress }),
  });

  return {
    task,
    metric,
    rows: y.length,
    metrics,
    ...charts,
    importance: importance.map(({ name, mean, std }) => ({ name, mean: finiteOrNull(mean), std: finiteOrNull(std) })),
  };
}

function classificationCharts(
  task: Task,
  y: Float64Array,
  predictions: Predictions,
  names: readonly string[] | undefined,
): Pick<Evaluation, 'classes' | 'confusion' | 'roc' | 'pr'> {
  const k = predictions.width;
  if (names && names.length !== k) throw new Error(`${names.length} class names for ${k} classes.`);
  const classes = names ? [...names] : Array.from({ length: k }, (_, c) => String(c));
  const confusion = confusionMatrix(y, predictions);
  if (task !== 'binary') return { classes, confusion };
  const positive = Float64Array.from({ length: predictions.rows }, (_, i) => predictions.values[i * k + 1]!);
  const roc = rocCurve(y, positive);
  const pr = prCurve(y, positive);
  return { classes, confusion, ...(roc && { roc }), ...(pr && { pr }) };
}
