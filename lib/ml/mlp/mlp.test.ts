import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { linearLearner } from '../linear';
import { accuracy, generated, rowSums, useTestBackend, xor } from '../tf/test/fixtures';
import { TrainingInputError } from '../errors';
import { FitCanceledError } from '../types';
import { batchFor, mlpLearner } from './index';

beforeAll(async () => {
  await useTestBackend();
});

const params = (input: Record<string, unknown> = {}) => mlpLearner.parseParams(input, 'binary');

describe('mlp learner', () => {
  it('learns XOR, which a linear model cannot', async () => {
    const train = xor(400, 1);
    const test = xor(400, 2);
    const model = await mlpLearner.fit(train, params({ units: 16, dropout: 0, learningRate: 0.02, batchSize: 32 }), {
      seed: 1,
      valid: xor(100, 3),
    });
    const predictions = await mlpLearner.predict(model, test.x);
    expect(accuracy(predictions, test.y)).toBeGreaterThanOrEqual(0.95);
    for (const sum of rowSums(predictions)) expect(sum).toBeCloseTo(1, 12);
    const linear = await linearLearner.fit(train, linearLearner.parseParams({}, 'binary'), { seed: 1 });
    expect(accuracy(await linearLearner.predict(linear, test.x), test.y)).toBeLessThan(0.75);
  });

  it('refuses, before allocating anything, a network too large to train in memory', async () => {
    const fit = mlpLearner.fit(xor(20, 1), params({ layers: 8, units: 4096 }), { seed: 1 });
    await expect(fit).rejects.toThrow(TrainingInputError);
    await expect(fit).rejects.toThrow(/117 million weights; at most 20 million .* Use fewer layers or units/);
  });

  it('stops early on the validation loss and keeps the best epoch', async () => {
    // A noisy target and a wide net: validation loss bottoms out long before 500 epochs.
    const label = (x: Float32Array) => x[0]! + 0.5 * x[1]!;
    const noisy = (seed: number) => generated(150, 6, seed, 'regression', (x) => label(x) + 2 * Math.sin(1e4 * x[5]!));
    const model = await mlpLearner.fit(noisy(4), mlpLearner.parseParams({ epochs: 500, patience: 5, units: 64, batchSize: 32 }, 'regression'), {
      seed: 2,
      valid: noisy(5),
    });
    expect(model.training.stoppedBy).toBe('early-stopping');
    expect(model.training.epochs).toBeLessThan(500);
    expect(model.training.epochs).toBe(model.training.bestEpoch + 5);
    expect(model.training.validLoss).toHaveLength(model.training.epochs);
  });

  it('fits a regression target of any scale with the default learning rate', async () => {
    const data = generated(300, 3, 6, 'regression', (x) => 1e6 * (x[0]! - x[1]! * x[2]!) + 5e7);
    const model = await mlpLearner.fit(data, mlpLearner.parseParams({ epochs: 60 }, 'regression'), { seed: 3 });
    const predictions = await mlpLearner.predict(model, data.x);
    let squared = 0;
    let variance = 0;
    const mean = data.y.reduce((a, b) => a + b, 0) / data.y.length;
    data.y.forEach((y, r) => {
      squared += (predictions.values[r]! - y) ** 2;
      variance += (y - mean) ** 2;
    });
    expect(predictions.width).toBe(1);
    expect(1 - squared / variance).toBeGreaterThan(0.8); // R²
  });

  it('gives identical predictions for the same data, params and seed (dropout included)', async () => {
    const data = generated(200, 4, 7, 'multiclass', (x) => (x[0]! > 0.5 ? 2 : x[1]! > 0 ? 1 : 0));
    const fit = async (seed: number) => {
      const model = await mlpLearner.fit(data, params({ epochs: 4, batchSize: 32, dropout: 0.2 }), { seed });
      return (await mlpLearner.predict(model, data.x)).values;
    };
    const first = await fit(11);
    expect(await fit(11)).toEqual(first);
    expect(await fit(12)).not.toEqual(first);
  });

  it('predicts the same after serialize and deserialize', async () => {
    const data = generated(200, 5, 8, 'multiclass', (x) => (x[0]! > 0 ? (x[1]! > 0 ? 2 : 1) : 0));
    const model = await mlpLearner.fit(data, params({ epochs: 3, layers: 3, units: 8 }), { seed: 1 });
    const restored = await mlpLearner.deserialize(await mlpLearner.serialize(model));
    expect((await mlpLearner.predict(restored, data.x)).values).toEqual((await mlpLearner.predict(model, data.x)).values);
    await expect(linearLearner.deserialize(await mlpLearner.serialize(model))).rejects.toThrow(/belong to the mlp learner/);
  });

  it('rejects unknown params and out-of-range values by name', () => {
    expect(() => params({ depth: 2 })).toThrow(/mlp: unknown param "depth"; known params are layers, units/);
    expect(() => params({ dropout: 1 })).toThrow('"dropout" must be a number from 0 to 0.9 (got 1)');
    expect(() => params({ layers: 0 })).toThrow('"layers" must be an integer from 1 to 8 (got 0)');
    expect(params()).toEqual({
      layers: 2,
      units: 64,
      dropout: 0.1,
      learningRate: 3e-3,
      batchSize: 256,
      epochs: 200,
      patience: 10,
      l2: 1e-5,
    });
  });

  it('throws FitCanceledError when canceled, stops at the deadline, and leaks no tensors', async () => {
    const data = xor(300, 9);
    const before = tf.memory().numTensors;
    let asked = 0;
    const canceled = mlpLearner.fit(data, params({ batchSize: 8 }), { seed: 1, isCanceled: () => ++asked > 2 });
    await expect(canceled).rejects.toBeInstanceOf(FitCanceledError);
    expect(tf.memory().numTensors).toBe(before);

    const progress: number[] = [];
    const late = await mlpLearner.fit(data, params({ batchSize: 8 }), {
      seed: 1,
      deadline: performance.now() + 30,
      onProgress: (f) => progress.push(f),
    });
    expect(late.training.stoppedBy).toBe('deadline');
    expect(progress.at(-1)).toBe(1);
    await mlpLearner.predict(late, data.x);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('mlp batch size', () => {
  it('keeps the asked size on large tables and gives small tables enough steps an epoch', () => {
    expect(batchFor(256, 100_000)).toBe(256);
    expect(batchFor(256, 300)).toBe(19);
    expect(batchFor(256, 40)).toBe(16);
    expect(batchFor(8, 300)).toBe(8);
  });
});
