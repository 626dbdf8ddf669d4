import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { accuracy, blobs, generated, rowSums, useTestBackend } from '../tf/test/fixtures';
import { FitCanceledError } from '../types';
import { linearLearner } from './index';

beforeAll(async () => {
  await useTestBackend();
});

const params = (input: Record<string, unknown> = {}) => linearLearner.parseParams(input, 'binary');

describe('linear learner', () => {
  it('separates linearly separable classes perfectly (logistic)', async () => {
    const data = generated(400, 3, 1, 'binary', (x) => (x[0]! + 2 * x[1]! - x[2]! > 0 ? 1 : 0));
    const model = await linearLearner.fit(data, params(), { seed: 1 });
    const predictions = await linearLearner.predict(model, data.x);
    expect(predictions.width).toBe(2);
    expect(accuracy(predictions, data.y)).toBe(1);
    for (const sum of rowSums(predictions)) expect(sum).toBeCloseTo(1, 12);
  });

  it('recovers the coefficients of y = 3·x1 − 2·x2 + 1 (regression)', async () => {
    const data = generated(500, 2, 2, 'regression', (x) => 3 * x[0]! - 2 * x[1]! + 1);
    const model = await linearLearner.fit(data, linearLearner.parseParams({ l2: 1e-8 }, 'regression'), { seed: 2 });
    const probe = { rows: 3, cols: 2, values: new Float32Array([0, 0, 1, 0, 0, 1]) };
    const [at0, at1, at2] = (await linearLearner.predict(model, probe)).values;
    expect(at0).toBeCloseTo(1, 3); // intercept
    expect(at1! - at0!).toBeCloseTo(3, 3);
    expect(at2! - at0!).toBeCloseTo(-2, 3);
  });

  it('tells three separable blobs apart with probabilities summing to 1 (softmax)', async () => {
    const train = blobs(300, 3);
    const test = blobs(300, 4);
    const model = await linearLearner.fit(train, params(), { seed: 3, valid: blobs(90, 5) });
    const predictions = await linearLearner.predict(model, test.x);
    expect(predictions.width).toBe(3);
    expect(accuracy(predictions, test.y)).toBeGreaterThan(0.95);
    for (const sum of rowSums(predictions)) expect(sum).toBeCloseTo(1, 9);
  });

  it('gives identical predictions on every run (L-BFGS from zero weights draws nothing)', async () => {
    const data = generated(300, 4, 6, 'binary', (x) => (x[0]! - x[3]! + 0.3 * x[1]! * x[2]! > 0 ? 1 : 0));
    const fit = async (seed: number) =>
      (await linearLearner.predict(await linearLearner.fit(data, params({ epochs: 5 }), { seed }), data.x)).values;
    const first = await fit(9);
    expect(await fit(9)).toEqual(first);
    expect(await fit(10)).toEqual(first);
  });

  it('predicts the same after serialize and deserialize', async () => {
    const data = generated(200, 3, 7, 'regression', (x) => 1000 * x[0]! + 50);
    const model = await linearLearner.fit(data, linearLearner.parseParams({ epochs: 20 }, 'regression'), { seed: 1 });
    const files = await linearLearner.serialize(model);
    expect(Object.keys(files).sort()).toEqual(['model.json', 'weights.bin']);
    const restored = await linearLearner.deserialize(files);
    expect((await linearLearner.predict(restored, data.x)).values).toEqual((await linearLearner.predict(model, data.x)).values);
    expect(restored.training).toEqual(model.training);
  });

  it('rejects unknown params and out-of-range values by name', () => {
    expect(() => params({ units: 3 })).toThrow(/linear: unknown param "units"/);
    expect(() => params({ l2: -1 })).toThrow(/"l2" must be a number from 0 to 100 \(got -1\)/);
    expect(params()).toEqual({ l2: 1e-4, epochs: 200, patience: 10 });
  });

  it('stops with FitCanceledError when canceled, leaking no tensors', async () => {
    const data = generated(300, 3, 8, 'binary', (x) => (x[0]! > 0 ? 1 : 0));
    const before = tf.memory().numTensors;
    let asked = 0;
    const fit = linearLearner.fit(data, params(), { seed: 1, isCanceled: () => ++asked > 3 });
    await expect(fit).rejects.toBeInstanceOf(FitCanceledError);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves no tensors behind after fit and predict', async () => {
    const data = blobs(120, 9);
    const before = tf.memory().numTensors;
    const model = await linearLearner.fit(data, params({ epochs: 5 }), { seed: 1, valid: blobs(30, 10) });
    await linearLearner.predict(model, data.x);
    expect(tf.memory().numTensors).toBe(before);
  });
});
