import { describe, expect, it } from 'vitest';
import { parseNumberParams, type NumberParamSpecs } from './params';

const SPECS: NumberParamSpecs<'units' | 'learningRate'> = {
  units: { default: 64, min: 1, max: 4096, integer: true },
  learningRate: { default: 1e-3, min: 0, minExclusive: true, max: 1 },
};

describe('parseNumberParams', () => {
  it('fills defaults and keeps given values', () => {
    expect(parseNumberParams('mlp', SPECS, {})).toEqual({ units: 64, learningRate: 1e-3 });
    expect(parseNumberParams('mlp', SPECS, { units: 8 })).toEqual({ units: 8, learningRate: 1e-3 });
  });

  it('accepts numbers typed on a command line', () => {
    expect(parseNumberParams('mlp', SPECS, { units: '32', learningRate: '0.01' })).toEqual({ units: 32, learningRate: 0.01 });
  });

  it('rejects unknown params, listing the known ones', () => {
    expect(() => parseNumberParams('mlp', SPECS, { unit: 3 })).toThrow('mlp: unknown param "unit"; known params are units, learningRate.');
  });

  it('rejects bad values, naming the param and its range', () => {
    expect(() => parseNumberParams('mlp', SPECS, { units: 0 })).toThrow('param "units" must be an integer from 1 to 4096 (got 0)');
    expect(() => parseNumberParams('mlp', SPECS, { units: 2.5 })).toThrow('"units" must be an integer');
    expect(() => parseNumberParams('mlp', SPECS, { learningRate: 0 })).toThrow(
      'param "learningRate" must be a number above 0 and at most 1 (got 0)',
    );
    expect(() => parseNumberParams('mlp', SPECS, { learningRate: 'fast' })).toThrow('(got "fast")');
    expect(() => parseNumberParams('mlp', SPECS, { learningRate: NaN })).toThrow('"learningRate"');
    expect(() => parseNumberParams('mlp', SPECS, { units: true })).toThrow('"units"');
  });
});
