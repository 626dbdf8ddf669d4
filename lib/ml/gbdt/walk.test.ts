import { describe, expect, it } from 'vitest';
import type { Matrix } from '../types';
import type { TreeEnsemble } from './ensemble';
import { FIXED_WALK_MAX_DEPTH } from './flags';
import { gbdtLearner, rfLearner } from './index';
import { makeTable, threeClasses } from './test/tables';
import { accumulateEnsemble, accumulateEnsembleJs } from './walk';
import { accumulateFixedDepth } from './walk-fixed';
import { accumulateWasm, floorFloat32, wasmWalkSupport } from './walk-wasm';

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

/**
 * Tree 0: x0 ≤ 0.1 (not a float32) → leaf 0, else x1 ≤ +∞ with missing right → leaves 1, 2.
 * Tree 1: a single leaf. Tree 2: x0 ≤ 0.5 (a float32), missing left → leaves 4, 5.
 */
const WITH_INFINITE_CUT: TreeEnsemble = {
  cols: 2,
  leafWidth: 1,
  roots: Int32Array.of(0, ~3, 2),
  outputs: Int32Array.of(0, 0, 0),
  feature: Int32Array.of(0, 1, 0),
  threshold: Float64Array.of(0.1, Infinity, 0.5),
  defaultLeft: Uint8Array.of(1, 0, 1),
  left: Int32Array.of(~0, ~1, ~4),
  right: Int32Array.of(1, ~2, ~5),
  leafValues: Float64Array.of(1, 10, 100, 1000, 10_000, 100_000),
};

describe('the WebAssembly walk', () => {
  /** Scores from a non-zero start (a gbdt's base score), so a sum's rounding shows. */
  const scored = (walk: typeof accumulateEnsembleJs, e: TreeEnsemble, x: Matrix, width: number) => {
    const out = new Float64Array(x.rows * width).map((_, i) => 0.1 * (i % 7) - 0.3);
    walk(e, x, out, width, 0, e.roots.length);
    return out;
  };

  it('gives the bits of the JavaScript walks: deep and shallow trees, per-class trees, ragged row counts', async () => {
    const deep = await gbdtLearner.fit(withGaps, gbdtLearner.parseParams({ leaves: 63, trees: 15, minChildWeight: 0 }, 'binary'), { seed: 1 });
    const shallow = await gbdtLearner.fit(withGaps, gbdtLearner.parseParams({ maxDepth: 3, trees: 15 }, 'binary'), { seed: 1 });
    const classes = threeClasses(1001, 2);
    classes.x.values[5] = NaN;
    const perClass = await gbdtLearner.fit(classes, gbdtLearner.parseParams({ trees: 5, leaves: 40, minChildWeight: 0 }, 'multiclass'), { seed: 1 });
    for (const [e, x, width] of [[deep.ensemble, withGaps.x, 1], [shallow.ensemble, withGaps.x, 1], [perClass.ensemble, classes.x, 3]] as const) {
      expect(accumulateWasm(e, x, new Float64Array(x.rows * width), width, 0, e.roots.length, 0, () => {})).toBe(true);
      for (const rows of [x.rows, 1, 7, 12]) {
        const part = { rows, cols: x.cols, values: x.values.subarray(0, rows * x.cols) };
        expect(scored(accumulateEnsemble, e, part, width)).toEqual(scored(accumulateEnsembleJs, e, part, width));
      }
    }
  });

  it('leaves rows holding ±∞ to the JavaScript walk, chunk by chunk', async () => {
    const data = makeTable(12_000, 6, 'binary', 2, 3, (next, x) => {
      for (let f = 0; f < 6; f++) x[f] = next() < 0.1 ? NaN : next();
      return x[0]! > 0.5 ? 1 : 0;
    });
    const model = await gbdtLearner.fit(data, gbdtLearner.parseParams({ trees: 10 }, 'binary'), { seed: 1 });
    data.x.values[6 * 11_000] = Infinity;
    data.x.values[6 * 11_001 + 1] = -Infinity;
    expect(scored(accumulateEnsemble, model.ensemble, data.x, 1)).toEqual(scored(accumulateEnsembleJs, model.ensemble, data.x, 1));
  });

  it('runs in WebAssembly with the vector copy in Node, and finds ±∞ wherever it sits in a chunk', () => {
    expect(wasmWalkSupport()).toEqual({ walk: true, simdCopy: true });
    // 7 rows of 2: the first 12 floats go through the vector copy, the last 2 through the scalar
    // one. x1 = +∞ goes left at the cut x1 ≤ +∞, which the WebAssembly walk would send right.
    const values = Float32Array.from({ length: 14 }, (_, i) => (i === 4 || i === 9 ? NaN : i % 2 === 0 ? 0.5 : i / 10));
    for (const at of [3, 13]) {
      for (const v of [Infinity, -Infinity]) {
        const x = { rows: 7, cols: 2, values: values.slice() };
        x.values[at] = v;
        expect(scored(accumulateEnsemble, WITH_INFINITE_CUT, x, 1)).toEqual(naive(WITH_INFINITE_CUT, x, 1).map((s, i) => s + (0.1 * (i % 7) - 0.3)));
      }
    }
  });

  it('splits exactly at thresholds float32 cannot hold, at +∞ (missing or not), and on missing values', () => {
    const e = WITH_INFINITE_CUT;
    const cells = [0.1, Math.fround(0.1), 0.5, Math.fround(0.5000001), -0, 3, NaN, 3.4e38];
    const values = Float32Array.from(cells.flatMap((a) => cells.map((b) => [a, b])).flat());
    const x = { rows: values.length / 2, cols: 2, values };
    expect(scored(accumulateEnsemble, e, x, 1)).toEqual(naive(e, x, 1).map((v, i) => v + (0.1 * (i % 7) - 0.3)));
  });

  it('walks any tail of the trees, with single-leaf trees first, between and last', () => {
    // Tree 0 and tree 3: single leaves. Tree 1: x0 ≤ 0.5 → leaves 1, 2. Tree 2: x1 ≤ 0 (missing right) → leaves 3, 4.
    const e: TreeEnsemble = {
      cols: 2,
      leafWidth: 1,
      roots: Int32Array.of(~0, 0, 1, ~5),
      outputs: Int32Array.of(0, 0, 0, 0),
      feature: Int32Array.of(0, 1),
      threshold: Float64Array.of(0.5, 0),
      defaultLeft: Uint8Array.of(1, 0),
      left: Int32Array.of(~1, ~3),
      right: Int32Array.of(~2, ~4),
      leafValues: Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6),
    };
    const x = { rows: 9, cols: 2, values: Float32Array.of(0, 0, 1, 1, NaN, NaN, 0.5, -1, 2, NaN, NaN, 3, -2, -2, 0.7, 0, 0.2, 5) };
    for (let from = 0; from <= 4; from++) {
      for (const to of [4, 2]) {
        if (from > to) continue;
        const wasm = new Float64Array(x.rows).fill(0.25);
        accumulateEnsemble(e, x, wasm, 1, from, to);
        const js = new Float64Array(x.rows).fill(0.25);
        accumulateEnsembleJs(e, x, js, 1, from, to);
        expect(wasm).toEqual(js);
      }
    }
  });

  it('rounds thresholds down to float32 so that v > cut keeps its answer for every float32 v', () => {
    const random = makeTable(2000, 1, 'regression', 1, 5, (next, x) => ((x[0] = (next() - 0.5) * 10 ** Math.floor(next() * 12 - 6)), 0));
    for (const c of [0.1, -0.1, 1e-40, -1e-40, 0, -0, 3.5e38, -3.5e38, Infinity, -Infinity, ...Array.from(random.x.values, (v) => v * (1 + 1e-9))]) {
      const f = floorFloat32(c);
      expect(Math.fround(f)).toBe(f);
      for (const v of [Math.fround(c), Math.fround(f), Math.fround(c * (1 + 1e-7)), Math.fround(c * (1 - 1e-7))]) expect(v > f).toBe(v > c || (c === Infinity && v > 3.4028234663852886e38));
    }
  });
});
