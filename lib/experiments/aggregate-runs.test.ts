import { describe, expect, it } from 'vitest';
import { aggregateRuns, type ScoredRun } from './aggregate-runs';

const run = (leaves: number, lr: number, seed: number, score: number | null, status: ScoredRun['status'] = 'completed'): ScoredRun => ({
  params: { leaves, learningRate: lr },
  seed,
  score,
  status,
});

describe('aggregateRuns', () => {
  const runs = [
    run(15, 0.1, 1, 0.8),
    run(15, 0.1, 2, 0.9),
    run(15, 0.05, 1, 0.7),
    run(31, 0.1, 1, 0.85),
    run(31, 0.1, 2, null, 'failed'),
    run(31, 0.05, 1, null, 'running'),
  ];

  it('groups by a param with mean, sample std, n and failures, in first-seen order', () => {
    const groups = aggregateRuns(runs, ['leaves']);
    expect(groups.map((g) => g.key)).toEqual([{ leaves: 15 }, { leaves: 31 }]);
    const [a, b] = groups;
    expect(a).toMatchObject({ n: 3, failed: 0, total: 3 });
    expect(a?.mean).toBeCloseTo(0.8, 12);
    expect(a?.std).toBeCloseTo(0.1, 12); // sample std of 0.8, 0.9, 0.7
    expect(b).toEqual({ key: { leaves: 31 }, n: 1, mean: 0.85, std: 0, failed: 1, total: 3 });
  });

  it('groups by several params, or by none', () => {
    expect(aggregateRuns(runs, ['leaves', 'learningRate']).map((g) => [g.key, g.n])).toEqual([
      [{ leaves: 15, learningRate: 0.1 }, 2],
      [{ leaves: 15, learningRate: 0.05 }, 1],
      [{ leaves: 31, learningRate: 0.1 }, 1],
      [{ leaves: 31, learningRate: 0.05 }, 0],
    ]);
    expect(aggregateRuns(runs, [])).toHaveLength(1);
    expect(aggregateRuns(runs, [])[0]).toMatchObject({ key: {}, n: 4, failed: 1, total: 6 });
  });

  it('gives null statistics to a group with no score, and null to a missing param', () => {
    const groups = aggregateRuns([run(15, 0.1, 1, null, 'failed')], ['trees']);
    expect(groups).toEqual([{ key: { trees: null }, n: 0, mean: null, std: null, failed: 1, total: 1 }]);
    expect(aggregateRuns([], ['leaves'])).toEqual([]);
  });
});
