import { describe, expect, it } from 'vitest';
import { FitCanceledError, type TrainData } from '../types';
import { gbdtLearner } from './index';
import { accuracy, makeTable, pureNoise, rowsOf, rSquared, separableBinary, stepPlusLinear, threeClasses } from './test/tables';

const fit = (data: TrainData, params: Record<string, unknown>, ctx: Parameters<typeof gbdtLearner.fit>[2] = { seed: 1 }) =>
  gbdtLearner.fit(data, gbdtLearner.parseParams(params, data.task), ctx);

describe('gbdt', () => {
  it('separates a separable binary set perfectly, with binary probabilities of width 2', async () => {
    const data = separableBinary(2000, 1);
    const model = await fit(data, { trees: 100 });
    const p = await gbdtLearner.predict(model, data.x);
    expect(p.width).toBe(2);
    expect(accuracy(p.values, 2, data.y)).toBe(1);
    for (let r = 0; r < p.rows; r++) expect(p.values[2 * r]! + p.values[2 * r + 1]!).toBeCloseTo(1, 12);
  });

  it('fits a step plus a linear term (R² > 0.95 on new rows)', async () => {
    const train = stepPlusLinear(3000, 2);
    const test = stepPlusLinear(1000, 3);
    const model = await fit(train, { trees: 200 });
    const p = await gbdtLearner.predict(model, test.x);
    expect(p.width).toBe(1);
    expect(rSquared(p.values, test.y)).toBeGreaterThan(0.95);
  });

  it('gives multiclass probabilities that sum to 1 and classify well', async () => {
    const train = threeClasses(3000, 4);
    const test = threeClasses(600, 5);
    const model = await fit(train, { trees: 60 });
    expect(model.ensemble.roots.length).toBe(60 * 3);
    const p = await gbdtLearner.predict(model, test.x);
    expect(p.width).toBe(3);
    for (let r = 0; r < p.rows; r++) expect(p.values[3 * r]! + p.values[3 * r + 1]! + p.values[3 * r + 2]!).toBeCloseTo(1, 12);
    expect(accuracy(p.values, 3, test.y)).toBeGreaterThan(0.93);
  });

  it('learns from missingness: a feature that is NaN exactly when the label is 1', async () => {
    const make = (seed: number) =>
      makeTable(1000, 3, 'binary', 2, seed, (next, x) => {
        const label = next() < 0.4 ? 1 : 0;
        x[0] = label ? NaN : next();
        x[1] = next();
        x[2] = next();
        return label;
      });
    const model = await fit(make(6), { trees: 20 });
    const test = make(7);
    expect(accuracy((await gbdtLearner.predict(model, test.x)).values, 2, test.y)).toBe(1);
    // The first split is the missing one, and NaN takes the label-1 side.
    expect(model.ensemble.feature[0]).toBe(0);
  });

  it('sends missing values to the side that fits them, learnt per split', async () => {
    // x0 goes missing only among large values: the learnt direction must be "with the large values".
    const make = (seed: number) =>
      makeTable(2000, 2, 'binary', 2, seed, (next, x) => {
        const v = next();
        x[0] = v > 0.5 && next() < 0.4 ? NaN : v;
        x[1] = next();
        return v > 0.5 ? 1 : 0;
      });
    const model = await fit(make(8), { trees: 30 });
    const test = make(9);
    expect(accuracy((await gbdtLearner.predict(model, test.x)).values, 2, test.y)).toBeGreaterThan(0.99);
    expect(model.ensemble.feature[0]).toBe(0);
    expect(model.ensemble.defaultLeft[0]).toBe(0);
  });

  it('stops early on validation loss and keeps the best round', async () => {
    const train = pureNoise(1000, 10);
    const valid = pureNoise(500, 11);
    const model = await fit(train, { trees: 500, earlyStoppingRounds: 5, learningRate: 0.3 }, { seed: 1, valid });
    expect(model.stoppedBy).toBe('early-stopping');
    expect(model.roundsTrained).toBeLessThan(500);
    expect(model.rounds).toBe(model.roundsTrained - 5);
    expect(model.ensemble.roots.length).toBe(model.rounds);
    const best = Math.min(...model.validLoss);
    expect(model.validLoss[model.rounds - 1]).toBe(best);
    // The loss tracked on binned validation rows is the loss of the kept model on raw rows.
    const p = await gbdtLearner.predict(model, valid.x);
    let loss = 0;
    for (let r = 0; r < valid.x.rows; r++) loss -= Math.log(p.values[2 * r + valid.y[r]!]!) / valid.x.rows;
    expect(loss).toBeCloseTo(best, 10);
  });

  it('keeps learning with row subsampling (rows left out are scored too)', async () => {
    const data = separableBinary(2000, 18);
    const model = await fit(data, { trees: 150, subsample: 0.5, colsample: 0.8 });
    expect(accuracy((await gbdtLearner.predict(model, data.x)).values, 2, data.y)).toBeGreaterThan(0.99);
  });

  it('stops adding trees at the deadline and returns a working model', async () => {
    const data = separableBinary(20_000, 12);
    const started = performance.now();
    const model = await fit(data, { trees: 100_000 }, { seed: 1, deadline: started + 150 });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(model.stoppedBy).toBe('deadline');
    expect(model.rounds).toBeGreaterThan(0);
    expect(accuracy((await gbdtLearner.predict(model, data.x)).values, 2, data.y)).toBeGreaterThan(0.95);
  });

  it('is deterministic for a seed, bit for bit, and the seed matters when sampling', async () => {
    const data = separableBinary(1500, 13);
    const params = { trees: 30, subsample: 0.7, colsample: 0.6 };
    const bytes = async (seed: number) => Object.values(await gbdtLearner.serialize(await fit(data, params, { seed })));
    const a = await bytes(5);
    expect(await bytes(5)).toEqual(a);
    expect(await bytes(6)).not.toEqual(a);
  });

  it('round-trips through files with identical predictions', async () => {
    const data = threeClasses(800, 14);
    data.x.values[7] = NaN;
    const model = await fit(data, { trees: 20, leaves: 8 });
    const files = await gbdtLearner.serialize(model);
    const loaded = await gbdtLearner.deserialize(files);
    expect((await gbdtLearner.predict(loaded, data.x)).values).toEqual((await gbdtLearner.predict(model, data.x)).values);
    expect(loaded.importance).toEqual(model.importance);
  });

  it('refuses corrupted files with a reason', async () => {
    const files = await gbdtLearner.serialize(await fit(separableBinary(300, 15), { trees: 3 }));
    const bin = files['trees.bin']!.slice();
    await expect(gbdtLearner.deserialize({ ...files, 'trees.bin': bin.subarray(1) })).rejects.toThrow(/bytes, expected/);
    await expect(gbdtLearner.deserialize({ 'trees.bin': bin })).rejects.toThrow(/model.json/);
  });

  it('rejects bad and unknown params, naming them', () => {
    expect(() => gbdtLearner.parseParams({ leaves: 1 }, 'binary')).toThrow(/"leaves" must be an integer from 2/);
    expect(() => gbdtLearner.parseParams({ learningRate: 0 }, 'binary')).toThrow(/"learningRate" must be a number above 0/);
    expect(() => gbdtLearner.parseParams({ bins: 300 }, 'binary')).toThrow(/"bins"/);
    expect(() => gbdtLearner.parseParams({ trees: 'many' }, 'binary')).toThrow(/"trees".*got "many"/);
    expect(() => gbdtLearner.parseParams({ depth: 6 }, 'binary')).toThrow(/unknown param "depth"/);
    expect(gbdtLearner.parseParams({ trees: '200', leaves: 63 }, 'binary')).toMatchObject({ trees: 200, leaves: 63, learningRate: 0.1 });
  });

  it('throws FitCanceledError between trees when canceled, and reports progress', async () => {
    const data = separableBinary(500, 16);
    let calls = 0;
    await expect(fit(data, { trees: 50 }, { seed: 1, isCanceled: () => ++calls > 3 })).rejects.toBeInstanceOf(FitCanceledError);
    const progress: number[] = [];
    await fit(data, { trees: 10 }, { seed: 1, onProgress: (f) => progress.push(f) });
    expect(progress.length).toBe(10);
    expect(progress[9]).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('respects maxDepth, leaves and minChildWeight', async () => {
    const data = stepPlusLinear(2000, 17);
    const model = await fit(data, { trees: 5, maxDepth: 2, leaves: 31 });
    const e = model.ensemble;
    const depth = (c: number): number => (c < 0 ? 0 : 1 + Math.max(depth(e.left[c]!), depth(e.right[c]!)));
    for (const root of e.roots) expect(depth(root)).toBeLessThanOrEqual(2);
    const small = await fit(data, { trees: 1, leaves: 5 });
    expect(small.ensemble.leafValues.length).toBe(5);
    // 50 rows with hessian 1 each cannot make two children of weight 30.
    const heavy = await fit({ ...data, x: rowsOf(data.x, 0, 50), y: data.y.slice(0, 50) }, { trees: 1, minChildWeight: 30 });
    expect(heavy.ensemble.leafValues.length).toBe(1);
  });
});
