import { describe, expect, it } from 'vitest';
import { LocalSearch, keyOf } from './local-search';
import { SEARCH_SPACES } from './spaces';

describe('local search', () => {
  it('proposes neighbours of the incumbent inside the ranges, never twice', () => {
    const search = new LocalSearch(3);
    const start = { learner: 'gbdt' as const, params: { learningRate: 0.1, leaves: 31 } };
    search.report(start, 0.5);
    const seen = new Set([keyOf(start)]);
    for (let i = 0; i < 30; i++) {
      const c = search.next();
      if (!c) break;
      expect(seen.has(keyOf(c))).toBe(false);
      seen.add(keyOf(c));
      for (const r of SEARCH_SPACES.gbdt.ranges) {
        const v = c.params[r.name];
        expect(typeof v).toBe('number');
        expect(v as number).toBeGreaterThanOrEqual(r.low);
        expect(v as number).toBeLessThanOrEqual(r.high);
        if (r.integer) expect(Number.isInteger(v)).toBe(true);
      }
      search.report(c, 0.6); // never better: the step shrinks
    }
    expect(seen.size).toBeGreaterThan(5);
  });

  it('gives the same proposals for the same seed and scores', () => {
    const run = (seed: number) => {
      const s = new LocalSearch(seed);
      s.report({ learner: 'mlp', params: { units: 64, layers: 2 } }, 1);
      return [s.next(), s.next(), s.next()].map((c) => c && keyOf(c));
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('runs dry once the step has shrunk below its floor', () => {
    const s = new LocalSearch(1);
    s.report({ learner: 'linear', params: { l2: 0.01 } }, 1);
    let n = 0;
    for (let c = s.next(); c && n < 1000; c = s.next(), n++) s.report(c, 2);
    expect(n).toBeLessThan(1000);
  });
});
