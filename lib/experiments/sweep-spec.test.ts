import { describe, expect, it } from 'vitest';
import { CONFIRM_RUNS_ABOVE, SweepSpecError, countRuns, paramsVarying, parseSweepSpec, type SweepSpec } from './sweep-spec';

const grid = (params: SweepSpec['params'], seeds: number[] = [1]): SweepSpec => ({ learner: 'gbdt', mode: 'grid', params, seeds });

/** The SweepSpecError a spec is refused with. */
function refusal(input: unknown): SweepSpecError {
  try {
    parseSweepSpec(input);
  } catch (error) {
    if (error instanceof SweepSpecError) return error;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(input)}`);
}

describe('parseSweepSpec', () => {
  it('accepts a grid and a random spec as they are', () => {
    const g = { learner: 'gbdt', mode: 'grid', params: { leaves: [15, 31], learningRate: [0.05, 0.1] }, seeds: [1, 2] };
    expect(parseSweepSpec(g)).toEqual(g);
    const r = { learner: 'mlp', mode: 'random', params: { units: { min: 16, max: 256, log: true, integer: true }, layers: [1, 2] }, seeds: [7], samples: 20, randomSeed: 3 };
    expect(parseSweepSpec(r)).toEqual(r);
  });

  it('names the param and says what is expected', () => {
    expect(refusal({ ...grid({}), params: { leaves: [] } })).toMatchObject({ param: 'leaves', message: 'Sweep param "leaves" has an empty list: give at least one value.' });
    expect(refusal({ ...grid({}), params: { leaves: [15, {}] } }).message).toBe('Sweep param "leaves" (value 2) must be a finite number, text or true/false.');
    expect(refusal({ ...grid({}), params: { leaves: [NaN] } }).message).toContain('must be a finite number');
    expect(refusal({ ...grid({}), params: { leaves: 'many' } }).message).toContain('Sweep param "leaves" must be a list of values, or a range');
  });

  it('refuses a range in a grid, min above max, a log range from 0, an integer range with no integer, a typo', () => {
    const random = (leaves: unknown) => ({ learner: 'gbdt', mode: 'random', params: { leaves }, seeds: [1], samples: 5 });
    expect(refusal({ ...grid({}), params: { leaves: { min: 2, max: 9 } } }).message).toBe('Sweep param "leaves": a grid takes a list of values; ranges {min, max} are for random mode.');
    expect(refusal(random({ min: 9, max: 2 }))).toMatchObject({ param: 'leaves', message: 'Sweep param "leaves": min (9) is above max (2).' });
    expect(refusal(random({ min: 0, max: 2, log: true })).message).toContain('a log range needs min above 0');
    expect(refusal(random({ min: 2.1, max: 2.9, integer: true })).message).toContain('no whole number lies between 2.1 and 2.9');
    expect(refusal(random({ min: 2, max: 9, interger: true })).message).toBe('Sweep param "leaves" has unknown keys "interger".');
    expect(refusal(random({ min: 2 })).message).toContain('needs "max"');
  });

  it('refuses missing or bad seeds, samples, learner and mode', () => {
    expect(refusal({ ...grid({}), seeds: [] }).message).toBe('Sweep "seeds" needs at least one seed.');
    expect(refusal({ ...grid({}), seeds: [1, 2.5] }).message).toBe('Sweep "seeds" (item 2) must be a whole number.');
    expect(refusal({ learner: 'gbdt', mode: 'grid', params: {} }).message).toBe('Sweep "seeds" must be a list of whole numbers.');
    expect(refusal({ ...grid({}), mode: 'random' }).message).toContain('Sweep "samples": random mode needs');
    expect(refusal({ ...grid({}), mode: 'random', samples: 0 }).message).toBe('Sweep "samples" must be a whole number above 0.');
    expect(refusal({ ...grid({}), learner: 'xgboost' }).message).toBe('Sweep "learner" must be one of gbdt, rf, linear, mlp.');
    expect(refusal({ ...grid({}), mode: 'bayes' }).message).toBe('Sweep "mode" must be "grid" or "random".');
    expect(refusal(null).message).toContain('Sweep spec must be an object');
  });
});

describe('countRuns', () => {
  it('multiplies list lengths by seeds without expanding', () => {
    expect(countRuns(grid({ leaves: [15, 31, 63], learningRate: [0.05, 0.1] }, [1, 2]))).toBe(12);
    expect(countRuns(grid({}, [1, 2, 3]))).toBe(3);
  });

  it('counts distinct values and seeds: 1 and 1.0 are one value', () => {
    expect(countRuns(grid({ leaves: [15, 15.0, 31] }, [1, 1]))).toBe(2);
  });

  it('lets the UI ask before a big sweep', () => {
    const values = Array.from({ length: 101 }, (_, i) => i + 2);
    expect(countRuns(grid({ leaves: values, trees: values }))).toBeGreaterThan(CONFIRM_RUNS_ABOVE);
    expect(countRuns(grid({ leaves: values.slice(0, 100), trees: values.slice(0, 100) }))).toBe(CONFIRM_RUNS_ABOVE);
  });

  it('random mode: samples × seeds, capped by the size of a finite space', () => {
    const random = (params: SweepSpec['params'], samples: number): SweepSpec => ({ learner: 'gbdt', mode: 'random', params, seeds: [1, 2], samples });
    expect(countRuns(random({ learningRate: { min: 0.01, max: 0.3 } }, 10))).toBe(20);
    expect(countRuns(random({ leaves: { min: 2, max: 4, integer: true }, subsample: [0.8, 1] }, 10))).toBe(12);
  });
});

describe('paramsVarying', () => {
  it('lists params with more than one value, sorted', () => {
    expect(paramsVarying(grid({ trees: [100], leaves: [15, 31], learningRate: [0.1, 0.1] }))).toEqual(['leaves']);
    const random: SweepSpec = { learner: 'gbdt', mode: 'random', params: { lambda: { min: 1, max: 1 }, subsample: { min: 0.5, max: 1 } }, seeds: [1], samples: 3 };
    expect(paramsVarying(random)).toEqual(['subsample']);
  });
});
