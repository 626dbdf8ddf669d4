import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTable } from '../data/analyze';
import { parseText } from '../data/parse';
import { setMlBackend } from '../ml/backend';
import { learnerOf } from '../ml/learners';
import { predictTable } from '../ml/model';
import { FoldCache, runTrial, type TrialData } from '../ml/search/trial';
import { trainAutoML, type AutoMLConfig, type OpenTrials } from '../ml/train';
import { FitCanceledError } from '../ml/types';
import { channelWorkers } from './test/channel-workers';
import { openTrialPool } from './trial-pool';

const PENGUINS = readFileSync(new URL('../../public/samples/penguins.csv', import.meta.url), 'utf8');

const penguins = (() => {
  const { table } = parseText(PENGUINS);
  return { table, schema: analyzeTable(table, {}, 'Species').schema };
})();

const config: AutoMLConfig = { label: 'Species', task: 'multiclass', metric: 'log_loss', timeBudgetS: 6, seed: 3, learners: ['gbdt', 'linear'], ensemble: true };

beforeAll(async () => {
  await setMlBackend('auto');
});

describe('trials on several workers', () => {
  it('runs trials at once on the workers, and the model they make predicts', async () => {
    const { workers, calls } = channelWorkers(2);
    let most = 0;
    let closed = 0;
    const result = await trainAutoML({
      ...penguins,
      config,
      hooks: {
        openTrials: async (data, setup) => {
          const pool = await openTrialPool(workers, data, { ...setup, backend: 'wasm' });
          return { ...pool, close: () => (closed++, pool.close()) } satisfies OpenTrials;
        },
        onProgress: (p) => (most = Math.max(most, p.running)),
      },
    });
    expect(most).toBe(2);
    expect(closed).toBe(1);
    expect(calls.length).toBe(result.trials.length);
    expect(result.trials.length).toBeGreaterThanOrEqual(4);
    expect(new Set(result.trials.map((t) => t.index)).size).toBe(result.trials.length);
    expect(result.evaluation.metrics.accuracy).toBeGreaterThan(0.9);
    const predictions = await predictTable(result.model, penguins.table);
    expect(predictions.predictions.rows).toBe(penguins.table.rowCount);
  }, 60_000);

  it('fits the same model on a worker as here, from the same seed', async () => {
    const { workers } = channelWorkers(2);
    let data: TrialData | undefined;
    // Capture the search's data by letting trainAutoML build it, then stop it from searching.
    await trainAutoML({
      ...penguins,
      config: { ...config, timeBudgetS: 2 },
      hooks: {
        openTrials: async (d) => {
          data = d;
          return undefined;
        },
      },
    });
    const candidate = { learner: 'gbdt', params: { trees: 40, leaves: 7 } } as const;
    const here = await runTrial(candidate, data!, new FoldCache(data!), 'log_loss', { seed: 3 });
    const pool = await openTrialPool(workers, data!, { metric: 'log_loss', seed: 3, backend: 'wasm' });
    const there = await pool.run(candidate, { deadline: performance.now() + 30_000 });
    pool.close();
    expect(there.score).toBe(here.score);
    expect(Array.from(there.validation.values)).toEqual(Array.from(here.validation.values));
    const gbdt = learnerOf('gbdt');
    expect(await gbdt.serialize(there.fitted[0]!)).toEqual(await gbdt.serialize(here.fitted[0]!));
  }, 60_000);

  it('stops the trials on the workers when the training is canceled', async () => {
    const { workers } = channelWorkers(2);
    let canceled = false;
    const run = trainAutoML({
      ...penguins,
      config: { ...config, timeBudgetS: 30, learners: ['mlp'] },
      hooks: {
        isCanceled: () => canceled,
        openTrials: (data, setup) => openTrialPool(workers, data, { ...setup, backend: 'wasm' }),
      },
    });
    setTimeout(() => (canceled = true), 1500);
    const started = performance.now();
    await expect(run).rejects.toBeInstanceOf(FitCanceledError);
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 60_000);

  it('refuses a trial when every worker is busy, and says why a worker cannot run one', async () => {
    const { workers } = channelWorkers(1);
    let data: TrialData | undefined;
    await trainAutoML({ ...penguins, config: { ...config, timeBudgetS: 1 }, hooks: { openTrials: async (d) => ((data = d), undefined) } });
    const pool = await openTrialPool(workers, data!, { metric: 'log_loss', seed: 3, backend: 'wasm' });
    const slow = pool.run({ learner: 'gbdt', params: { trees: 50 } }, { deadline: performance.now() + 30_000 });
    await expect(pool.run({ learner: 'linear', params: {} }, { deadline: performance.now() + 30_000 })).rejects.toThrow(/busy/);
    await slow;
    await expect(pool.run({ learner: 'gbdt', params: { leaves: -3 } }, { deadline: performance.now() + 30_000 })).rejects.toThrow(/leaves/);
    pool.close();
  }, 60_000);
});
