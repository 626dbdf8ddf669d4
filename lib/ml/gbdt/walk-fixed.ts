/**
 * The fixed-depth walk for shallow trees (see walk.ts): leaves become nodes that point at
 * themselves, so eight rows take exactly `depth[t]` steps down tree t with no test for "reached
 * a leaf"; rows that reach a leaf early mark time on it.
 */
import type { Matrix } from '../types';
import type { TreeEnsemble } from './ensemble';

interface FixedWalk {
  /** child[2n], child[2n + 1]: node n's children; nodes first, then one self-pointing node per leaf. */
  readonly child: Int32Array;
  /** feature × 2 + 1 where a missing value goes right; 0 for a leaf. */
  readonly featureMissing: Int32Array;
  /** Thresholds; +Infinity for a leaf (nothing is greater, so it keeps to its left: itself). */
  readonly cut: Float64Array;
  readonly roots: Int32Array;
  /** Steps from each tree's root to its deepest leaf. */
  readonly depth: Int32Array;
  /** Node n ≥ leafBase is leaf n − leafBase. */
  readonly leafBase: number;
}

const layouts = new WeakMap<TreeEnsemble, FixedWalk>();

function layoutOf(e: TreeEnsemble): FixedWalk {
  const cached = layouts.get(e);
  if (cached) return cached;
  const nodes = e.feature.length;
  const total = nodes + e.leafValues.length / e.leafWidth;
  const child = new Int32Array(2 * total);
  const featureMissing = new Int32Array(total);
  const cut = new Float64Array(total).fill(Infinity);
  const ref = (c: number): number => (c >= 0 ? c : nodes + ~c);
  for (let n = 0; n < nodes; n++) {
    child[2 * n] = ref(e.left[n]!);
    child[2 * n + 1] = ref(e.right[n]!);
    featureMissing[n] = e.feature[n]! * 2 + (e.defaultLeft[n] ? 0 : 1);
    cut[n] = e.threshold[n]!;
  }
  for (let n = nodes; n < total; n++) {
    child[2 * n] = n;
    child[2 * n + 1] = n;
  }
  const height = new Int32Array(total);
  for (let n = nodes - 1; n >= 0; n--) height[n] = 1 + Math.max(height[child[2 * n]!]!, height[child[2 * n + 1]!]!);
  const roots = Int32Array.from(e.roots, ref);
  const layout = { child, featureMissing, cut, roots, depth: Int32Array.from(roots, (root) => height[root]!), leafBase: nodes };
  layouts.set(e, layout);
  return layout;
}

function step(n: number, o: number, values: Float32Array, child: Int32Array, featureMissing: Int32Array, cut: Float64Array): number {
  const q = featureMissing[n]!;
  const v = values[o + (q >> 1)]!;
  return child[2 * n + (Number(v > cut[n]!) | (Number(v !== v) & q))]!;
}

/** Same contract as accumulateEnsemble. */
export function accumulateFixedDepth(ensemble: TreeEnsemble, x: Matrix, out: Float64Array, outWidth: number, from: number, to: number): void {
  const layout = layoutOf(ensemble);
  const { child, featureMissing, cut, roots, depth, leafBase } = layout;
  const { leafValues, leafWidth, outputs } = ensemble;
  const values = x.values;
  const cols = x.cols;
  const leaves = new Int32Array(8);
  const full = x.rows & ~7;
  if (leafWidth === 1 && outWidth === 1) walkScalar(layout, leafValues, values, cols, full, out, from, to);
  else {
    for (let r = 0; r < full; r += 8) {
      for (let t = from; t < to; t++) {
        walkEight(layout, values, cols, r, t, leaves);
        for (let k = 0; k < 8; k++) addLeaf(leafValues, leafWidth, leaves[k]! - leafBase, out, (r + k) * outWidth, outputs[t]!);
      }
    }
  }
  for (let r = full; r < x.rows; r++) {
    for (let t = from; t < to; t++) {
      let n = roots[t]!;
      for (let d = depth[t]!; d > 0; d--) n = step(n, r * cols, values, child, featureMissing, cut);
      addLeaf(leafValues, leafWidth, n - leafBase, out, r * outWidth, outputs[t]!);
    }
  }
}

/** Rows r..r+7 down tree t; their leaves' node numbers into `leaves`. */
function walkEight(layout: FixedWalk, values: Float32Array, cols: number, r: number, t: number, leaves: Int32Array): void {
  const { child, featureMissing, cut } = layout;
  const o0 = r * cols;
  const o1 = o0 + cols;
  const o2 = o1 + cols;
  const o3 = o2 + cols;
  const o4 = o3 + cols;
  const o5 = o4 + cols;
  const o6 = o5 + cols;
  const o7 = o6 + cols;
  let n0 = layout.roots[t]!;
  let n1 = n0;
  let n2 = n0;
  let n3 = n0;
  let n4 = n0;
  let n5 = n0;
  let n6 = n0;
  let n7 = n0;
  for (let d = layout.depth[t]!; d > 0; d--) {
    n0 = step(n0, o0, values, child, featureMissing, cut);
    n1 = step(n1, o1, values, child, featureMissing, cut);
    n2 = step(n2, o2, values, child, featureMissing, cut);
    n3 = step(n3, o3, values, child, featureMissing, cut);
    n4 = step(n4, o4, values, child, featureMissing, cut);
    n5 = step(n5, o5, values, child, featureMissing, cut);
    n6 = step(n6, o6, values, child, featureMissing, cut);
    n7 = step(n7, o7, values, child, featureMissing, cut);
  }
  leaves[0] = n0;
  leaves[1] = n1;
  leaves[2] = n2;
  leaves[3] = n3;
  leaves[4] = n4;
  leaves[5] = n5;
  leaves[6] = n6;
  leaves[7] = n7;
}

/** One output per row: rows [0, rows) eight at a time through every tree, sums kept in registers. */
function walkScalar(layout: FixedWalk, leafValues: Float64Array, values: Float32Array, cols: number, rows: number, out: Float64Array, from: number, to: number): void {
  const { child, featureMissing, cut, roots, depth } = layout;
  const base = -layout.leafBase;
  for (let r = 0; r < rows; r += 8) {
    const o0 = r * cols;
    const o1 = o0 + cols;
    const o2 = o1 + cols;
    const o3 = o2 + cols;
    const o4 = o3 + cols;
    const o5 = o4 + cols;
    const o6 = o5 + cols;
    const o7 = o6 + cols;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let t = from; t < to; t++) {
      let n0 = roots[t]!;
      let n1 = n0;
      let n2 = n0;
      let n3 = n0;
      let n4 = n0;
      let n5 = n0;
      let n6 = n0;
      let n7 = n0;
      for (let d = depth[t]!; d > 0; d--) {
        n0 = step(n0, o0, values, child, featureMissing, cut);
        n1 = step(n1, o1, values, child, featureMissing, cut);
        n2 = step(n2, o2, values, child, featureMissing, cut);
        n3 = step(n3, o3, values, child, featureMissing, cut);
        n4 = step(n4, o4, values, child, featureMissing, cut);
        n5 = step(n5, o5, values, child, featureMissing, cut);
        n6 = step(n6, o6, values, child, featureMissing, cut);
        n7 = step(n7, o7, values, child, featureMissing, cut);
      }
      s0 += leafValues[n0 + base]!;
      s1 += leafValues[n1 + base]!;
      s2 += leafValues[n2 + base]!;
      s3 += leafValues[n3 + base]!;
      s4 += leafValues[n4 + base]!;
      s5 += leafValues[n5 + base]!;
      s6 += leafValues[n6 + base]!;
      s7 += leafValues[n7 + base]!;
    }
    out[r] = out[r]! + s0;
    out[r + 1] = out[r + 1]! + s1;
    out[r + 2] = out[r + 2]! + s2;
    out[r + 3] = out[r + 3]! + s3;
    out[r + 4] = out[r + 4]! + s4;
    out[r + 5] = out[r + 5]! + s5;
    out[r + 6] = out[r + 6]! + s6;
    out[r + 7] = out[r + 7]! + s7;
  }
}

function addLeaf(leafValues: Float64Array, width: number, leaf: number, out: Float64Array, rowStart: number, column: number): void {
  if (width === 1) {
    out[rowStart + column] = out[rowStart + column]! + leafValues[leaf]!;
    return;
  }
  for (let k = 0, j = leaf * width; k < width; k++) out[rowStart + k] = out[rowStart + k]! + leafValues[j + k]!;
}
