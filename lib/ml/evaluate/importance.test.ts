import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import type { Matrix, Predictions } from '../types';
import { permutationImportance, subsampleRows } from './importance';

/**
 * 4 columns: 0 = signal, 1 = noise, 2–3 = a one-hot "color" that the model also reads. The label is
 * the sign of the signal, so shuffling column 0 costs ROC AUC about 0.5 and the rest cost nothing.
 */
function synthetic(rows: number, seed: number): { x: Matrix; y: Float64Array } {
  const rng = createRng(seed);
  const values = new Float32Array(rows * 4);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const signal = rng.normal();
    const red = rng.next() < 0.5 ? 1 : 0;
    values.set([signal, rng.normal(), red, 1 - red], i * 4);
    y[i] = signal > 0 ? 1 : 0;
  }
  return { x: { rows, cols: 4, values }, y };
}

const GROUPS = [
  { name: 'noise', columns: [1] },
  { name: 'signal', columns: [0] },
  { name: 'color', columns: [2, 3] },
];

/** Looks only at the signal, and fails loudly if a shuffle ever breaks a one-hot row. */
async function predict(x: Matrix): Promise<Predictions> {
  const values = new Float64Array(x.rows * 2);
  for (let i = 0; i < x.rows; i++) {
    if (x.values[i * 4 + 2]! + x.values[i * 4 + 3]! !== 1) throw new Error(`Row ${i} is no longer one-hot.`);
    const p = 1 / (1 + Math.exp(-3 * x.values[i * 4]!));
    values[i * 2] = 1 - p;
    values[i * 2 + 1] = p;
  }
  return { rows: x.rows, width: 2, values };
}

describe('permutationImportance', () => {
  const { x, y } = synthetic(600, 11);

  it('finds the one informative feature and gives ~0 to the others', async () => {
    const ranked = await permutationImportance({ predict, x, y, task: 'binary', metric: 'roc_auc', featureGroups: GROUPS, seed: 5 });
    expect(ranked.map((r) => r.name)).toEqual(['signal', 'noise', 'color']);
    // AUC falls from 1 to about 0.5 when the signal is shuffled: a loss increase near 0.5.
    expect(ranked[0]!.mean).toBeGreaterThan(0.4);
    expect(ranked[0]!.mean).toBeLessThan(0.6);
    expect(ranked[0]!.std).toBeLessThan(0.1);
    // The model never reads noise or color: shuffling them changes nothing at all.
    for (const r of ranked.slice(1)) expect(r).toMatchObject({ mean: 0, std: 0 });
  });

  it('signs drops as loss increases for lower-is-better metrics too', async () => {
    const ranked = await permutationImportance({ predict, x, y, task: 'binary', metric: 'log_loss', featureGroups: GROUPS, seed: 5 });
    expect(ranked[0]!.name).toBe('signal');
    expect(ranked[0]!.mean).toBeGreaterThan(0.3);
  });

  it('is deterministic under the seed and independent of group order', async () => {
    const options = { predict, x, y, task: 'binary', metric: 'roc_auc', seed: 9 } as const;
    const a = await permutationImportance({ ...options, featureGroups: GROUPS });
    const b = await permutationImportance({ ...options, featureGroups: [...GROUPS].reverse() });
    const c = await permutationImportance({ ...options, featureGroups: GROUPS, seed: 10 });
    const byName = (list: typeof a) => Object.fromEntries(list.map((r) => [r.name, r]));
    expect(byName(b)).toEqual(byName(a));
    // Ties keep the caller's order: noise and color both score 0.
    expect(b.map((r) => r.name)).toEqual(['signal', 'color', 'noise']);
    expect(c[0]!.mean).not.toBe(a[0]!.mean);
  });

  it('scores at most maxRows rows, the same rows for the same seed', async () => {
    const seen: number[] = [];
    const counting = async (m: Matrix): Promise<Predictions> => {
      seen.push(m.rows);
      return predict(m);
    };
    await permutationImportance({ predict: counting, x, y, task: 'binary', metric: 'accuracy', featureGroups: GROUPS, repeats: 2, maxRows: 100, seed: 1 });
    // One baseline plus 3 groups × 2 repeats, each on 100 rows.
    expect(seen).toEqual(Array<number>(7).fill(100));
    expect(subsampleRows(x, y, 100, 4)).toEqual(subsampleRows(x, y, 100, 4));
    expect(subsampleRows(x, y, 1000, 4).x).toBe(x);
  });

  it('rejects columns outside the matrix and metrics of another task', async () => {
    await expect(permutationImportance({ predict, x, y, task: 'binary', metric: 'roc_auc', featureGroups: [{ name: 'bad', columns: [4] }], seed: 1 })).rejects.toThrow(/column 4/);
    await expect(permutationImportance({ predict, x, y, task: 'binary', metric: 'r2', featureGroups: GROUPS, seed: 1 })).rejects.toThrow(/does not apply/);
  });
});
