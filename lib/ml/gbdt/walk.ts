/**
 * Scoring raw rows with a TreeEnsemble: the prediction hot loop. Ensembles with one value per
 * leaf run in WebAssembly (walk-wasm.ts), which gives the same bits as the walks here, several
 * times faster; these walks take forests' vector leaves, rows holding ±∞, and runtimes without it.
 *
 * A walk down one tree is a chain of dependent loads (node → feature value → comparison → child),
 * so rows walk in small groups whose chains the CPU overlaps, and a step is arithmetic, not a
 * branch (its direction is data and would be mispredicted half the time). Two walks, chosen per
 * ensemble, because each wins where the other loses (measured on 200 trees, 200k rows):
 * - shallow trees (depth ≤ FIXED_WALK_MAX_DEPTH, e.g. maxDepth 6): leaves point at themselves
 *   and eight rows take exactly `depth[t]` steps, with no "reached a leaf?" test at all;
 * - deep leaf-wise trees: four rows step until each reaches a leaf (fixed depth would waste half
 *   its steps marking time on early leaves).
 */
import type { Matrix } from '../types';
import type { TreeEnsemble } from './ensemble';
import { FIXED_WALK_MAX_DEPTH } from './flags';
import { accumulateFixedDepth } from './walk-fixed';
import { accumulateWasm } from './walk-wasm';

/** Child pairs and the missing-value side as ints: child[2n] is node n's left reference, child[2n + 1] its right (≥ 0 a node, < 0 leaf ~c). */
interface Walkable {
  readonly child: Int32Array;
  /** 1 where a missing value goes right. */
  readonly missingRight: Int32Array;
  /** The deepest root-to-leaf path over all trees. */
  readonly maxDepth: number;
}

const walkables = new WeakMap<TreeEnsemble, Walkable>();

function walkableOf(e: TreeEnsemble): Walkable {
  const cached = walkables.get(e);
  if (cached) return cached;
  const nodes = e.feature.length;
  const child = new Int32Array(2 * nodes);
  const missingRight = new Int32Array(nodes);
  for (let n = 0; n < nodes; n++) {
    child[2 * n] = e.left[n]!;
    child[2 * n + 1] = e.right[n]!;
    missingRight[n] = e.defaultLeft[n] ? 0 : 1;
  }
  // Children come after their parents, so one backward pass gives every node's height.
  const height = new Int32Array(nodes);
  const h = (c: number): number => (c < 0 ? 0 : height[c]!);
  for (let n = nodes - 1; n >= 0; n--) height[n] = 1 + Math.max(h(child[2 * n]!), h(child[2 * n + 1]!));
  let maxDepth = 0;
  for (const root of e.roots) maxDepth = Math.max(maxDepth, h(root));
  const walkable = { child, missingRight, maxDepth };
  walkables.set(e, walkable);
  return walkable;
}

/** One step down from node n for the row at `o`: right when v > cut, or when v is missing and the node sends missing right. */
function step(n: number, o: number, values: Float32Array, child: Int32Array, feature: Int32Array, cut: Float64Array, missingRight: Int32Array): number {
  const v = values[o + feature[n]!]!;
  return child[2 * n + (Number(v > cut[n]!) | (Number(v !== v) & missingRight[n]!))]!;
}

/**
 * Adds trees [from, to) of `ensemble` into `out` (rows × outWidth): tree t adds its leaf's values
 * at column `outputs[t]` (leafWidth 1) or across the row (leafWidth = outWidth).
 */
export function accumulateEnsemble(ensemble: TreeEnsemble, x: Matrix, out: Float64Array, outWidth: number, from = 0, to = ensemble.roots.length): void {
  if (x.cols !== ensemble.cols) throw new Error(`Expected ${ensemble.cols} feature columns, got ${x.cols}.`);
  // The rows the walks below sum in registers (whole groups of 8 or 4), for the same rounding.
  const group = walkableOf(ensemble).maxDepth <= FIXED_WALK_MAX_DEPTH ? 8 : 4;
  const summed = ensemble.leafWidth === 1 && outWidth === 1 ? x.rows - (x.rows % group) : 0;
  const inJs = (part: Matrix, partOut: Float64Array) => accumulateEnsembleJs(ensemble, part, partOut, outWidth, from, to);
  if (!accumulateWasm(ensemble, x, out, outWidth, from, to, summed, inJs)) inJs(x, out);
}

/** accumulateEnsemble without WebAssembly (exported for the test that compares the two). */
export function accumulateEnsembleJs(ensemble: TreeEnsemble, x: Matrix, out: Float64Array, outWidth: number, from: number, to: number): void {
  const walkable = walkableOf(ensemble);
  if (walkable.maxDepth <= FIXED_WALK_MAX_DEPTH) {
    accumulateFixedDepth(ensemble, x, out, outWidth, from, to);
    return;
  }
  const { child, missingRight } = walkable;
  const { roots, feature, threshold: cut, leafValues, outputs } = ensemble;
  const values = x.values;
  const cols = x.cols;
  const scalar = ensemble.leafWidth === 1 && outWidth === 1;
  const leaves = new Int32Array(4);
  let r = 0;
  if (scalar) {
    walkScalar(values, cols, x.rows & ~3, out, from, to, roots, child, feature, cut, missingRight, leafValues);
    r = x.rows & ~3;
  }
  for (; r + 3 < x.rows; r += 4) {
    for (let t = from; t < to; t++) {
      walkFour(values, cols, r, roots[t]!, child, feature, cut, missingRight, leaves);
      for (let k = 0; k < 4; k++) addLeaf(ensemble, ~leaves[k]!, out, (r + k) * outWidth, outputs[t]!);
    }
  }
  for (; r < x.rows; r++) {
    for (let t = from; t < to; t++) {
      let n = roots[t]!;
      while (n >= 0) n = step(n, r * cols, values, child, feature, cut, missingRight);
      addLeaf(ensemble, ~n, out, r * outWidth, outputs[t]!);
    }
  }
}

/** Rows r..r+3 down the tree at `root`; their leaf references into `leaves`. */
function walkFour(values: Float32Array, cols: number, r: number, root: number, child: Int32Array, feature: Int32Array, cut: Float64Array, missingRight: Int32Array, leaves: Int32Array): void {
  const o0 = r * cols;
  const o1 = o0 + cols;
  const o2 = o1 + cols;
  const o3 = o2 + cols;
  let n0 = root;
  let n1 = root;
  let n2 = root;
  let n3 = root;
  while ((n0 & n1 & n2 & n3) >= 0) {
    if (n0 >= 0) n0 = step(n0, o0, values, child, feature, cut, missingRight);
    if (n1 >= 0) n1 = step(n1, o1, values, child, feature, cut, missingRight);
    if (n2 >= 0) n2 = step(n2, o2, values, child, feature, cut, missingRight);
    if (n3 >= 0) n3 = step(n3, o3, values, child, feature, cut, missingRight);
  }
  while (n0 >= 0) n0 = step(n0, o0, values, child, feature, cut, missingRight);
  while (n1 >= 0) n1 = step(n1, o1, values, child, feature, cut, missingRight);
  while (n2 >= 0) n2 = step(n2, o2, values, child, feature, cut, missingRight);
  while (n3 >= 0) n3 = step(n3, o3, values, child, feature, cut, missingRight);
  leaves[0] = n0;
  leaves[1] = n1;
  leaves[2] = n2;
  leaves[3] = n3;
}

/** One output per row (binary, regression): rows [0, rows) four at a time through every tree, sums kept in registers. */
function walkScalar(
  values: Float32Array,
  cols: number,
  rows: number,
  out: Float64Array,
  from: number,
  to: number,
  roots: Int32Array,
  child: Int32Array,
  feature: Int32Array,
  cut: Float64Array,
  missingRight: Int32Array,
  leafValues: Float64Array,
): void {
  for (let r = 0; r < rows; r += 4) {
  const o0 = r * cols;
  const o1 = o0 + cols;
  const o2 = o1 + cols;
  const o3 = o2 + cols;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let t = from; t < to; t++) {
    let n0 = roots[t]!;
    let n1 = n0;
    let n2 = n0;
    let n3 = n0;
    while ((n0 & n1 & n2 & n3) >= 0) {
      if (n0 >= 0) n0 = step(n0, o0, values, child, feature, cut, missingRight);
      if (n1 >= 0) n1 = step(n1, o1, values, child, feature, cut, missingRight);
      if (n2 >= 0) n2 = step(n2, o2, values, child, feature, cut, missingRight);
      if (n3 >= 0) n3 = step(n3, o3, values, child, feature, cut, missingRight);
    }
    while (n0 >= 0) n0 = step(n0, o0, values, child, feature, cut, missingRight);
    while (n1 >= 0) n1 = step(n1, o1, values, child, feature, cut, missingRight);
    while (n2 >= 0) n2 = step(n2, o2, values, child, feature, cut, missingRight);
    while (n3 >= 0) n3 = step(n3, o3, values, child, feature, cut, missingRight);
    s0 += leafValues[~n0]!;
    s1 += leafValues[~n1]!;
    s2 += leafValues[~n2]!;
    s3 += leafValues[~n3]!;
  }
  out[r] = out[r]! + s0;
  out[r + 1] = out[r + 1]! + s1;
  out[r + 2] = out[r + 2]! + s2;
  out[r + 3] = out[r + 3]! + s3;
  }
}

function addLeaf(e: TreeEnsemble, leaf: number, out: Float64Array, rowStart: number, column: number): void {
  const width = e.leafWidth;
  if (width === 1) {
    out[rowStart + column] = out[rowStart + column]! + e.leafValues[leaf]!;
    return;
  }
  for (let k = 0, j = leaf * width; k < width; k++) out[rowStart + k] = out[rowStart + k]! + e.leafValues[j + k]!;
}
