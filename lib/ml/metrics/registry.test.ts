import { describe, expect, it } from 'vitest';
import type { Predictions } from '../types';
import {
  METRICS,
  METRIC_NAMES,
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

describe('metric registry', () => {
  it('lists every name once, keyed by its own name', () => {
    expect(new Set(METRIC_NAMES).size).toBe(METRIC_NAMES.length);
    for (const name of METRIC_NAMES) expect(METRICS[name].name).toBe(name);
    expect(METRICS.roc_auc.label).toBe('ROC AUC');
  });

  it('has a default per task that applies to it', () => {
    expect(defaultMetric('binary')).toBe('roc_auc');
    expect(defaultMetric('multiclass')).toBe('log_loss');
    expect(defaultMetric('regression')).toBe('r2');
    for (const task of ['binary', 'multiclass', 'regression'] as const) expect(metricAppliesTo(defaultMetric(task), task)).toBe(true);
  });

  it('gives each task its metrics', () => {
    const classification = ['roc_auc', 'log_loss', 'accuracy', 'balanced_accuracy', 'macro_f1'];
    expect(metricsForTask('binary')).toEqual(classification);
    expect(metricsForTask('multiclass')).toEqual(classification);
    expect(metricsForTask('regression')).toEqual(['r2', 'rmse', 'mae', 'mape']);
  });

  it('turns every metric into a loss to minimise, NaN last', () => {
    expect(toLoss('roc_auc', 0.9)).toBe(-0.9);
    expect(toLoss('log_loss', 0.3)).toBe(0.3);
    expect(toLoss('r2', Number.NaN)).toBe(Infinity);
    expect(fromLoss('roc_auc', toLoss('roc_auc', 0.9))).toBe(0.9);
    expect(isBetter('roc_auc', 0.9, 0.8)).toBe(true);
    expect(isBetter('rmse', 0.9, 0.8)).toBe(false);
    expect([0.7, Number.NaN, 0.9, 0.8].sort((a, b) => compareScores('accuracy', a, b))).toEqual([0.9, 0.8, 0.7, Number.NaN]);
  });

  it('parses names from outside without casting', () => {
    expect(isMetricName('macro_f1')).toBe(true);
    expect(isMetricName('f1')).toBe(false);
    expect(isMetricName(3)).toBe(false);
  });

  it('computes all metrics of a task and only those', () => {
    const p: Predictions = { rows: 4, width: 1, values: Float64Array.from([2, 2, 3, 6]) };
    const values = computeMetrics('regression', Float64Array.from([1, 2, 3, 4]), p);
    expect(Object.keys(values)).toEqual(['r2', 'rmse', 'mae', 'mape']);
    expect(values.mae).toBeCloseTo(0.75, 12);
    // R²: SS_res = 5, SS_tot = 5 → 0.
    expect(values.r2).toBeCloseTo(0, 12);
  });
});
