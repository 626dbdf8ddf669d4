import { describe, expect, it } from 'vitest';
import type { Predictions } from '../types';
import { confusionMatrix } from './confusion';

describe('confusionMatrix', () => {
  it('counts rows by true class (row) and argmax class (column)', () => {
    // Rows: true 0 → p [.7 .2 .1] (0); true 1 → [.3 .4 .3] (1); true 2 → [.2 .3 .5] (2);
    // true 2 → [.1 .6 .3] (1); true 1 → [.5 .3 .2] (0); true 0 → [.4 .4 .2] (tie → 0).
    const predictions: Predictions = {
      rows: 6,
      width: 3,
      values: Float64Array.from([0.7, 0.2, 0.1, 0.3, 0.4, 0.3, 0.2, 0.3, 0.5, 0.1, 0.6, 0.3, 0.5, 0.3, 0.2, 0.4, 0.4, 0.2]),
    };
    expect(confusionMatrix(Float64Array.from([0, 1, 2, 2, 1, 0]), predictions)).toEqual([
      [2, 0, 0],
      [1, 1, 0],
      [0, 1, 1],
    ]);
  });

  it('keeps a row and a column for a class that never occurs', () => {
    const predictions: Predictions = { rows: 2, width: 3, values: Float64Array.from([0.9, 0.1, 0, 0.2, 0.8, 0]) };
    expect(confusionMatrix(Float64Array.from([0, 0]), predictions)).toEqual([
      [1, 1, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });
});
