import { describe, expect, it } from 'vitest';
import { holdoutSplit, kFolds } from './split';

const rows = Int32Array.from({ length: 100 }, (_, i) => i);
const y = Float64Array.from(rows, (r) => (r < 90 ? 0 : 1));

describe('splits', () => {
  it('holds out about a fraction, stratified, and is seeded', () => {
    const a = holdoutSplit(rows, y, 'binary', 0.2, 7);
    expect(a.test.length).toBe(20);
    expect(Array.from(a.test).filter((r) => y[r] === 1).length).toBe(2);
    expect(new Set([...a.train, ...a.test]).size).toBe(100);
    expect(holdoutSplit(rows, y, 'binary', 0.2, 7)).toEqual(a);
    expect(holdoutSplit(rows, y, 'binary', 0.2, 8).test).not.toEqual(a.test);
  });

  it('puts every row in exactly one fold', () => {
    const folds = kFolds(rows, y, 'binary', 5, 1);
    const tested = folds.flatMap((f) => Array.from(f.test));
    expect(tested.sort((p, q) => p - q)).toEqual(Array.from(rows));
    for (const f of folds) {
      expect(f.test.length).toBe(20);
      expect(f.train.length).toBe(80);
      expect(Array.from(f.test).filter((r) => y[r] === 1).length).toBe(2);
    }
  });
});
