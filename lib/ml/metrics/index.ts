/** Metrics for lib/ml: the registry and its helpers, plus the scoring functions themselves. */
export {
  METRIC_NAMES,
  METRICS,
  compareScores,
  computeMetrics,
  defaultMetric,
  fromLoss,
  isBetter,
  isMetricName,
  metricAppliesTo,
  metricsForTask,
  toLoss,
} from './registry';
export type { Metric, MetricName, MetricValues } from './registry';
export { LOG_LOSS_EPSILON, accuracy, balancedAccuracy, logLoss, macroF1, rankAuc, rocAuc } from './classification';
export { mae, mape, r2, rmse } from './regression';
export { predictedClass, probabilityOf } from './predictions';
