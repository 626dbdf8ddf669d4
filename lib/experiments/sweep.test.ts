import { describe, expect, it } from 'vitest';
import { expandSweep } from './sweep';
import { MAX_SWEEP_RUNS, SweepSpecError, countRuns, type SweepSpec } from './sweep-spec';

const grid = (params: SweepSpec['params'], seeds: number[] = [1]): SweepSpec => ({ learner: 'gbdt', mode: 'grid', params, seeds });
const random = (params: SweepSpec['params'], samples: number, randomSeed = 0, seeds = [1]): SweepSpec => ({ learner: 'gbdt', mode: 'random', params, seeds, samples, randomSeed });

function refusal(spec: SweepSpec): SweepSpecError {
  try {
    expandSweep(spec, 'binary');
  } catch (error) {
    if (error instanceof SweepSpecError) return error;
    throw error;
  }
  throw new Error('expanded');
}

describe('expandSweep: grid', () => {
  it('gives every combination once per seed, sorted names with the first slowest, seeds together', () => {
    const runs = expandSweep(grid({ learningRate: [0.05, 0.1], leaves: [15, 31] }, [1, 2]), 'binary');
    // Sorted names: learningRate before leaves ('r' < 'v'), so learningRate changes slowest.
    expect(runs).toEqual([
      { params: { learningRate: 0.05, leaves: 15 }, seed: 1 },
      { params: { learningRate: 0.05, leaves: 15 }, seed: 2 },
      { params: { learningRate: 0.05, leaves: 31 }, seed: 1 },
      { params: { learningRate: 0.05, leaves: 31 }, seed: 2 },
      { params: { learningRate: 0.1, leaves: 15 }, seed: 1 },
      { params: { learningRate: 0.1, leaves: 15 }, seed: 2 },
      { params: { learningRate: 0.1, leaves: 31 }, seed: 1 },
      { params: { learningRate: 0.1, leaves: 31 }, seed: 2 },
    ]);
    expect(runs).toHaveLength(countRuns(grid({ learningRate: [0.05, 0.1], leaves: [15, 31] }, [1, 2])));
  });

  it('drops duplicates, including values the learner reads alike ("31" and 31)', () => {
    const runs = expandSweep(grid({ leaves: [31, '31', 31.0, 15] }, [1, 1]), 'binary');
    expect(runs).toEqual([
      { params: { leaves: 31 }, seed: 1 },
      { params: { leaves: 15 }, seed: 1 },
    ]);
  });

  it('with no params, runs the defaults once per seed', () => {
    expect(expandSweep(grid({}, [3, 4]), 'regression')).toEqual([
      { params: {}, seed: 3 },
      { params: {}, seed: 4 },
    ]);
  });

  it("reports params the learner does not know or whose values it refuses, by name", () => {
    expect(refusal(grid({ depth: [3] }))).toMatchObject({ param: 'depth', message: expect.stringContaining('gbdt: unknown param "depth"; known params are trees') });
    expect(refusal(grid({ leaves: [31, true] }))).toMatchObject({ param: 'leaves', message: 'gbdt: param "leaves" must be an integer from 2 to 131072 (got true).' });
    expect(refusal(grid({ leaves: [1] })).message).toContain('must be an integer from 2 to 131072 (got 1)');
    expect(refusal({ ...grid({ units: [0] }), learner: 'mlp' })).toMatchObject({ param: 'units' });
  });

  it('refuses a sweep too big to expand before building it', () => {
    const values = Array.from({ length: 1001 }, (_, i) => i + 2);
    const spec = grid({ leaves: values, trees: values });
    expect(countRuns(spec)).toBeGreaterThan(MAX_SWEEP_RUNS);
    expect(refusal(spec).message).toContain('1,002,001 runs');
  });
});

describe('expandSweep: random', () => {
  const space = { learningRate: { min: 0.01, max: 0.3, log: true }, leaves: { min: 4, max: 255, log: true, integer: true }, subsample: [0.8, 1] };

  it('draws the same runs from the same randomSeed, and others from another', () => {
    const a = expandSweep(random(space, 20, 7), 'binary');
    expect(expandSweep(random(space, 20, 7), 'binary')).toEqual(a);
    expect(expandSweep(random(space, 20, 8), 'binary')).not.toEqual(a);
  });

  it('draws distinct combinations inside the ranges, integers where asked', () => {
    const runs = expandSweep(random(space, 200, 1, [1, 2]), 'binary');
    expect(runs).toHaveLength(400);
    const keys = new Set(runs.map((r) => JSON.stringify(r)));
    expect(keys.size).toBe(400);
    for (const { params } of runs) {
      expect(params.learningRate).toBeGreaterThanOrEqual(0.01);
      expect(params.learningRate).toBeLessThanOrEqual(0.3);
      expect(Number.isInteger(params.leaves)).toBe(true);
      expect(params.leaves).toBeGreaterThanOrEqual(4);
      expect(params.leaves).toBeLessThanOrEqual(255);
      expect([0.8, 1]).toContain(params.subsample);
    }
    // Log-uniform: about half the draws below the geometric middle (√(0.01·0.3) ≈ 0.055).
    const low = runs.filter((r) => Number(r.params.learningRate) < Math.sqrt(0.01 * 0.3)).length / runs.length;
    expect(low).toBeGreaterThan(0.35);
    expect(low).toBeLessThan(0.65);
  });

  it('takes a small space whole, in grid order, when samples cover it', () => {
    const runs = expandSweep(random({ leaves: { min: 2, max: 4, integer: true }, subsample: [0.8, 1] }, 50), 'binary');
    expect(runs.map((r) => r.params)).toEqual([
      { leaves: 2, subsample: 0.8 },
      { leaves: 2, subsample: 1 },
      { leaves: 3, subsample: 0.8 },
      { leaves: 3, subsample: 1 },
      { leaves: 4, subsample: 0.8 },
      { leaves: 4, subsample: 1 },
    ]);
  });

  it('says how to fix a range that draws non-integers for an integer param', () => {
    expect(refusal(random({ leaves: { min: 4, max: 64 } }, 5))).toMatchObject({
      param: 'leaves',
      message: expect.stringContaining('Add "integer": true to the range of "leaves".'),
    });
  });

  it('checks a range against the learner at its ends', () => {
    expect(refusal(random({ subsample: { min: 0, max: 1 } }, 5))).toMatchObject({ param: 'subsample', message: expect.stringContaining('above 0 and at most 1 (got 0)') });
  });
});
