import { expect, it } from 'vitest';
import { selectEnsemble } from './ensemble';

it('mixes trials whose errors cancel, and keeps one that cannot be helped', () => {
  // Two models each right on half the rows: their average is right everywhere.
  const y = Float64Array.from([0, 1, 0, 1]);
  const a = { rows: 4, width: 2, values: Float64Array.from([0.9, 0.1, 0.1, 0.9, 0.4, 0.6, 0.6, 0.4]) };
  const b = { rows: 4, width: 2, values: Float64Array.from([0.4, 0.6, 0.6, 0.4, 0.9, 0.1, 0.1, 0.9]) };
  const mixed = selectEnsemble([a, b], y, 'accuracy');
  expect(mixed.weights.size).toBe(2);
  expect(mixed.loss).toBe(-1);
  const perfect = { rows: 4, width: 2, values: Float64Array.from([1, 0, 0, 1, 1, 0, 0, 1]) };
  const alone = selectEnsemble([perfect, a], y, 'log_loss');
  expect([...alone.weights.keys()]).toEqual([0]);
});
