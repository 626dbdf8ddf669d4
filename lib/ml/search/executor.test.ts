import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTable } from '../../data/analyze';
import { parseText } from '../../data/parse';
import { setMlBackend } from '../backend';
import { trainAutoML } from '../train';
import { localExecutor } from './executor';
import { FoldCache } from './trial';

const PENGUINS = readFileSync(new URL('../../../public/samples/penguins.csv', import.meta.url), 'utf8');

beforeAll(async () => {
  await setMlBackend('auto');
});

describe('a search over an executor with several slots', () => {
  it('gives up a trial that never answers (a crashed worker) and ends with the others', async () => {
    const { table } = parseText(PENGUINS);
    const schema = analyzeTable(table, {}, 'Species').schema;
    let calls = 0;
    let canceled = 0;
    const started = performance.now();
    const result = await trainAutoML({
      table,
      schema,
      config: { label: 'Species', task: 'multiclass', metric: 'log_loss', timeBudgetS: 2, seed: 1, learners: ['gbdt', 'linear'], ensemble: false },
      hooks: {
        openTrials: async (data, setup) => {
          const local = localExecutor(data, new FoldCache(data), setup);
          return {
            slots: 2,
            // The first trial's worker "crashed": its promise never settles.
            run: (candidate, limits) => (calls++ === 0 ? new Promise(() => {}) : local.run(candidate, limits)),
            cancel: () => void canceled++,
            close: () => {},
          };
        },
      },
    });
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(canceled).toBe(1);
    expect(result.trials.length).toBeGreaterThanOrEqual(1);
    expect(result.evaluation.metrics.accuracy).toBeGreaterThan(0.8);
  }, 30_000);
});
