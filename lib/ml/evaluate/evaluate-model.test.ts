import { describe, expect, it } from 'vitest';
import type { Matrix, Predictions } from '../types';
import { evaluateModel } from './evaluate-model';

/** One feature; the binary model's class-1 probability is the feature itself. */
const X: Matrix = { rows: 6, cols: 1, values: Float32Array.from([0.1, 0.4, 0.35, 0.8, 0.4, 0.4]) };
async function binaryPredict(x: Matrix): Promise<Predictions> {
  return { rows: x.rows, width: 2, values: Float64Array.from(Array.from(x.values).flatMap((p) => [1 - p, p])) };
}
async function regressionPredict(x: Matrix): Promise<Predictions> {
  return { rows: x.rows, width: 1, values: Float64Array.from(x.values, (v) => 10 * v) };
}

describe('evaluateModel', () => {
  it('returns metrics, confusion, ROC and PR for a binary model, as plain JSON', async () => {
    const evaluation = await evaluateModel({
      task: 'binary',
      x: X,
      y: Float64Array.from([0, 0, 1, 1, 0, 1]),
      predict: binaryPredict,
      featureGroups: [{ name: 'score', columns: [0] }],
      classes: ['no', 'yes'],
      seed: 1,
    });
    expect(evaluation.metric).toBe('roc_auc');
    expect(evaluation.metrics.roc_auc).toBeCloseTo(2 / 3, 12);
    // Argmax: only p = 0.8 is above 0.5, so one row is predicted "yes"; two true "yes" rows are missed.
    expect(evaluation.confusion).toEqual([
      [3, 0],
      [2, 1],
    ]);
    expect(evaluation.classes).toEqual(['no', 'yes']);
    expect(evaluation.roc?.auc).toBeCloseTo(2 / 3, 12);
    expect(evaluation.pr?.averagePrecision).toBeCloseTo(0.7, 12);
    expect(evaluation.importance.map((i) => i.name)).toEqual(['score']);
    expect(evaluation.residuals).toBeUndefined();
    // What is stored in model.zip reads back identical: no typed arrays, no NaN.
    expect(JSON.parse(JSON.stringify(evaluation))).toEqual(evaluation);
  });

  it('stores null, not NaN, for a metric that cannot be computed', async () => {
    const evaluation = await evaluateModel({
      task: 'binary',
      x: X,
      y: Float64Array.from([1, 1, 1, 1, 1, 1]),
      predict: binaryPredict,
      featureGroups: [{ name: 'score', columns: [0] }],
      metric: 'accuracy',
      seed: 1,
    });
    expect(evaluation.metrics.roc_auc).toBeNull();
    expect(evaluation.roc).toBeUndefined();
    expect(evaluation.classes).toEqual(['0', '1']);
    expect(JSON.parse(JSON.stringify(evaluation))).toEqual(evaluation);
  });

  it('returns residuals and regression metrics for a regression model', async () => {
    const y = Float64Array.from(X.values, (v) => 10 * v + 1);
    const evaluation = await evaluateModel({ task: 'regression', x: X, y, predict: regressionPredict, featureGroups: [{ name: 'v', columns: [0] }], seed: 2 });
    expect(Object.keys(evaluation.metrics)).toEqual(['r2', 'rmse', 'mae', 'mape']);
    expect(evaluation.metrics.mae).toBeCloseTo(1, 5);
    expect(evaluation.residuals?.residual.every((r) => Math.abs(r - 1) < 1e-5)).toBe(true);
    expect(evaluation.confusion).toBeUndefined();
    expect(JSON.parse(JSON.stringify(evaluation))).toEqual(evaluation);
  });

  it('refuses a metric of another task', async () => {
    await expect(
      evaluateModel({ task: 'regression', x: X, y: new Float64Array(6), predict: regressionPredict, featureGroups: [], metric: 'roc_auc', seed: 1 }),
    ).rejects.toThrow(/does not apply/);
  });
});
