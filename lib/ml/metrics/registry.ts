/**
 * The one registry of metrics: names, the tasks each applies to, its direction and label, and the
 * scoring function. The search, the leaderboard, the CLI (`--metric`) and the evaluation all read
 * metrics from here, so a metric added here is available everywhere at once.
 *
 * @example
 * const metric = defaultMetric('binary'); // 'roc_auc'
 * const score = METRICS[metric].score(yValid, predictions);
 * const loss = toLoss(metric, score); // -score: the search always minimises
 */
import type { Predictions, Task } from '../types';
import { accuracy, balancedAccuracy, logLoss, macroF1, rocAuc } from './classification';
import { mae, mape, r2, rmse } from './regression';

/** Metric names as users type them (`--metric log_loss`) and as stored in runs and model.zip. */
export const METRIC_NAMES = ['roc_auc', 'log_loss', 'accuracy', 'balanced_accuracy', 'macro_f1', 'r2', 'rmse', 'mae', 'mape'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export interface Metric {
  readonly name: MetricName;
  /** For people: leaderboard headers, chart titles. */
  readonly label: string;
  readonly tasks: readonly Task[];
  readonly higherIsBetter: boolean;
  /** NaN when the rows cannot be scored (none, or a single class for ROC AUC). Throws on a shape mismatch. */
  score(yTrue: Float64Array, predictions: Predictions): number;
}

const CLASSIFICATION: readonly Task[] = ['binary', 'multiclass'];
const REGRESSION: readonly Task[] = ['regression'];

export const METRICS: { readonly [N in MetricName]: Metric & { readonly name: N } } = {
  // Multiclass ROC AUC is the one-vs-rest macro average (see rocAuc).
  roc_auc: { name: 'roc_auc', label: 'ROC AUC', tasks: CLASSIFICATION, higherIsBetter: true, score: rocAuc },
  log_loss: { name: 'log_loss', label: 'Log loss', tasks: CLASSIFICATION, higherIsBetter: false, score: logLoss },
  accuracy: { name: 'accuracy', label: 'Accuracy', tasks: CLASSIFICATION, higherIsBetter: true, score: accuracy },
  balanced_accuracy: { name: 'balanced_accuracy', label: 'Balanced accuracy', tasks: CLASSIFICATION, higherIsBetter: true, score: balancedAccuracy },
  macro_f1: { name: 'macro_f1', label: 'Macro F1', tasks: CLASSIFICATION, higherIsBetter: true, score: macroF1 },
  r2: { name: 'r2', label: 'R²', tasks: REGRESSION, higherIsBetter: true, score: r2 },
  rmse: { name: 'rmse', label: 'RMSE', tasks: REGRESSION, higherIsBetter: false, score: rmse },
  mae: { name: 'mae', label: 'MAE', tasks: REGRESSION, higherIsBetter: false, score: mae },
  mape: { name: 'mape', label: 'MAPE', tasks: REGRESSION, higherIsBetter: false, score: mape },
};

/**
 * What the search optimises when the user picks nothing: ROC AUC for binary (threshold-free, robust
 * to imbalance), log loss for multiclass (rewards calibrated probabilities for every class), R² for
 * regression (unit-free, so it reads the same on any target).
 */
const DEFAULT_METRICS: { readonly [T in Task]: MetricName } = {
  binary: 'roc_auc',
  multiclass: 'log_loss',
  regression: 'r2',
};

export function defaultMetric(task: Task): MetricName {
  return DEFAULT_METRICS[task];
}

/** The metrics that apply to `task`, in registry order. */
export function metricsForTask(task: Task): MetricName[] {
  return METRIC_NAMES.filter((name) => METRICS[name].tasks.includes(task));
}

/** A type guard for names from outside (CLI flags, stored configs); parse, never cast. */
export function isMetricName(value: unknown): value is MetricName {
  return typeof value === 'string' && (METRIC_NAMES as readonly string[]).includes(value);
}

/** Whether `metric` can score `task` (roc_auc on regression cannot). */
export function metricAppliesTo(metric: MetricName, task: Task): boolean {
  return METRICS[metric].tasks.includes(task);
}

/**
 * The metric value as a loss, lower is better: higher-is-better metrics are negated. NaN (an
 * unscorable fold, a diverged model) becomes +Infinity so it loses every comparison instead of
 * poisoning `<` and `Math.min`.
 */
export function toLoss(metric: MetricName, value: number): number {
  if (Number.isNaN(value)) return Infinity;
  return METRICS[metric].higherIsBetter ? -value : value;
}

/** The inverse of `toLoss` for finite losses: back to the metric's own scale for display. */
export function fromLoss(metric: MetricName, loss: number): number {
  if (loss === Infinity) return NaN;
  return METRICS[metric].higherIsBetter ? -loss : loss;
}

/** Comparator for sorting scores best first; NaN sorts last. */
export function compareScores(metric: MetricName, a: number, b: number): number {
  const la = toLoss(metric, a);
  const lb = toLoss(metric, b);
  return la === lb ? 0 : la < lb ? -1 : 1;
}

/** Whether score `a` is strictly better than `b` under `metric`. */
export function isBetter(metric: MetricName, a: number, b: number): boolean {
  return compareScores(metric, a, b) < 0;
}

/** Every metric that applies to `task`, keyed by name; metrics of other tasks are absent. */
export type MetricValues = Partial<Record<MetricName, number>>;

export function computeMetrics(task: Task, yTrue: Float64Array, predictions: Predictions): MetricValues {
  const values: MetricValues = {};
  for (const name of metricsForTask(task)) values[name] = METRICS[name].score(yTrue, predictions);
  return values;
}
