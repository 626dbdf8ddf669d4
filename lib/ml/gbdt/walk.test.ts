import { describe, expect, it } from 'vitest';
import type { Matrix } from '../types';
import type { TreeEnsemble } from './ensemble';
import { FIXED_WALK_MAX_DEPTH } from './flags';
import { gbdtLearner, rfLearner } from './index';
import { makeTable, threeClasses } from './test/tables';
import { accumulateEnsemble } from './walk';
import { accumulateFixedDepth } from './walk-fixed';

/** Scoring by the definition: one row, one node at a time. */
function naive(e: TreeEnsemble, x: Matrix, outWidth: number): Float64Array {
  const out = new Float64Array(x.rows * outWidth);
  for (let r = 0; r < x.rows; r++) {
    for (let t = 0; t < e.roots.length; t++) {
      let n = e.roots[t]!;
      while (n >= 0) {
        const v = x.values[r * x.cols + e.feature[n]!]!;
        const left = Number.isNaN(v) ? e.defaultLeft[n] === 1 : v <= e.threshold[n]!;
        n = left ? e.left[n]! : e.right[n]!;
      }
      for (let k = 0; k < e.leafWidth; k++) {
        const i = r * outWidth + (e.leafWidth === 1 ? e.outputs[t]! : k);
        out[i] = out[i]! + e.leafValues[~n * e.leafWidth + k]!;
      }
    }
  }
  return out;
}

function depthOf(e: TreeEnsemble, c: number): number {
  return c < 0 ? 0 : 1 + Math.max(depthOf(e, e.left[c]!), depthOf(e, e.right[c]!));
}

const withGaps = makeTable(1003, 6, 'binary', 2, 1, (next, x) => {
  for (let f = 0; f < 6; f++) x[f] = next() < 0.15 ? NaN : next();
  // Label noise makes leaf-wise trees chase single rows: deep, lopsided trees.
  return (x[0]! > 0.5 !== x[1]! > 0.3) !== next() < 0.3 ? 1 : 0;
});

describe('tree walks', () => {
  it('score deep and shallow trees as the definition does, missing values and a ragged last group included', async () => {
    for (const [params, deep] of [[{ leaves: 63, trees: 15, minChildWeight: 0 }, true], [{ maxDepth: 3, trees: 15 }, false]] as const) {
      const model = await gbdtLearner.fit(withGaps, gbdtLearner.parseParams(params, 'binary'), { seed: 1 });
      // Each case must reach the walk it is meant to test.
      expect(Math.max(...Array.from(model.ensemble.roots, (root) => depthOf(model.ensemble, root))) > FIXED_WALK_MAX_DEPTH).toBe(deep);
      const expected = naive(model.ensemble, withGaps.x, 1);
      const viaChoice = new Float64Array(withGaps.x.rows);
      accumulateEnsemble(model.ensemble, withGaps.x, viaChoice, 1);
      const viaFixed = new Float64Array(withGaps.x.rows);
      accumulateFixedDepth(model.ensemble, withGaps.x, viaFixed, 1, 0, model.ensemble.roots.length);
      expect(viaChoice).toEqual(expected);
      expect(viaFixed).toEqual(expected);
    }
  });

  it('add per class (multiclass gbdt) and across the row (forest leaves)', async () => {
    const data = threeClasses(501, 2);
    data.x.values[3] = NaN;
    const boosted = await gbdtLearner.fit(data, gbdtLearner.parseParams({ trees: 5, leaves: 40, minChildWeight: 0 }, 'multiclass'), { seed: 1 });
    const forest = await rfLearner.fit(data, rfLearner.parseParams({ trees: 5 }, 'multiclass'), { seed: 1 });
    for (const e of [boosted.ensemble, forest.ensemble]) {
      const expected = naive(e, data.x, 3);
      const out = new Float64Array(data.x.rows * 3);
      accumulateEnsemble(e, data.x, out, 3);
      const fixed = new Float64Array(data.x.rows * 3);
      accumulateFixedDepth(e, data.x, fixed, 3, 0, e.roots.length);
      expect(out).toEqual(expected);
      expect(fixed).toEqual(expected);
    }
  });
});
