import { describe, expect, it } from 'vitest';
import { FitCanceledError, type TrainData } from '../types';
import { rfLearner } from './index';
import { accuracy, rSquared, separableBinary, stepPlusLinear, threeClasses } from './test/tables';

const fit = (data: TrainData, params: Record<string, unknown>, ctx: Parameters<typeof rfLearner.fit>[2] = { seed: 1 }) =>
  rfLearner.fit(data, rfLearner.parseParams(params, data.task), ctx);

describe('rf', () => {
  it('classifies a separable set and gives probabilities summing to 1', async () => {
    const train = separableBinary(2000, 1);
    const test = separableBinary(1000, 2);
    const model = await fit(train, { trees: 30 });
    const p = await rfLearner.predict(model, test.x);
    expect(p.width).toBe(2);
    expect(accuracy(p.values, 2, test.y)).toBeGreaterThan(0.95);
    for (let r = 0; r < p.rows; r++) expect(p.values[2 * r]! + p.values[2 * r + 1]!).toBeCloseTo(1, 12);
  });

  it('averages leaf class distributions for multiclass', async () => {
    const train = threeClasses(2000, 3);
    const test = threeClasses(500, 4);
    const model = await fit(train, { trees: 30, minChildWeight: 2 });
    const p = await rfLearner.predict(model, test.x);
    expect(p.width).toBe(3);
    for (let r = 0; r < p.rows; r++) {
      const row = Array.from(p.values.subarray(3 * r, 3 * r + 3));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (const v of row) expect(v).toBeGreaterThanOrEqual(0);
    }
    expect(accuracy(p.values, 3, test.y)).toBeGreaterThan(0.9);
  });

  it('fits regression by averaging leaf means', async () => {
    const train = stepPlusLinear(2000, 5);
    const test = stepPlusLinear(1000, 6);
    const model = await fit(train, { trees: 25 });
    expect(rSquared((await rfLearner.predict(model, test.x)).values, test.y)).toBeGreaterThan(0.95);
  });

  it('grows trees until their leaves are pure', async () => {
    const data = threeClasses(400, 7);
    const model = await fit(data, { trees: 1, colsample: 1, leaves: 0 });
    const values = model.ensemble.leafValues;
    for (let l = 0; l < values.length / 3; l++) expect(Math.max(values[3 * l]!, values[3 * l + 1]!, values[3 * l + 2]!)).toBe(1);
    // With a leaf cap, growth stops there, best splits first.
    const capped = await fit(data, { trees: 1, colsample: 1, leaves: 4 });
    expect(capped.ensemble.leafValues.length / 3).toBe(4);
  });

  it('is deterministic and round-trips through files', async () => {
    const data = threeClasses(600, 8);
    data.x.values[4] = NaN;
    const a = await fit(data, { trees: 10 }, { seed: 3 });
    const b = await fit(data, { trees: 10 }, { seed: 3 });
    const files = await rfLearner.serialize(a);
    expect(Object.values(await rfLearner.serialize(b))).toEqual(Object.values(files));
    const loaded = await rfLearner.deserialize(files);
    expect((await rfLearner.predict(loaded, data.x)).values).toEqual((await rfLearner.predict(a, data.x)).values);
    const other = await fit(data, { trees: 10 }, { seed: 4 });
    expect(Object.values(await rfLearner.serialize(other))).not.toEqual(Object.values(files));
  });

  it('rejects bad params and honours cancel and the deadline', async () => {
    expect(() => rfLearner.parseParams({ colsample: 2 }, 'binary')).toThrow(/"colsample" must be a number from 0 to 1/);
    expect(() => rfLearner.parseParams({ learningRate: 0.1 }, 'binary')).toThrow(/unknown param "learningRate"/);
    const data = separableBinary(3000, 9);
    await expect(fit(data, { trees: 20 }, { seed: 1, isCanceled: () => true })).rejects.toBeInstanceOf(FitCanceledError);
    const started = performance.now();
    const model = await fit(data, { trees: 100_000 }, { seed: 1, deadline: started + 100 });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(model.ensemble.roots.length).toBeGreaterThan(0);
  });
});
