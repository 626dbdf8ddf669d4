/**
 * Random forest on the same binned tree grower as gbdt: each tree sees a bootstrap sample (rows
 * weighted by how often they were drawn) and a fresh random subset of features at every split,
 * and grows until its leaves are pure, small or the size limits stop it.
 *
 * The grower's score Σ G² / H is Gini when the channels are class weights (G_c = weight of class
 * c, H = weight) and variance reduction when G = weighted target; a leaf stores its class
 * distribution (or mean), and the forest averages them, so probabilities sum to 1.
 */
import { createRng, deriveSeed } from '../rng';
import type { FitContext, Matrix, Predictions, Task, TrainData } from '../types';
import { applyBins, fitBins } from './bins';
import { EnsembleBuilder, type TreeEnsemble } from './ensemble';
import { accumulateEnsemble } from './walk';
import { checkTrainData, FitClock } from './fit-steps';
import { MAX_BINS, RF_MIN_SPLIT_GAIN_SHARE } from './flags';
import type { RfParams } from './params';
import { TreeGrower, type GrowParams, type GrownTree } from './tree';

export interface RfModel {
  readonly learner: 'rf';
  readonly task: Task;
  readonly classCount: number;
  /** Leaves hold class distributions (classification) or means (regression). */
  readonly ensemble: TreeEnsemble;
  /** Total impurity decrease per feature. */
  readonly importance: Float64Array;
}

export async function fitRf(data: TrainData, params: RfParams, ctx: FitContext): Promise<RfModel> {
  checkTrainData('rf', data);
  const clock = new FitClock(ctx);
  clock.checkCanceled();
  const { x, y, task } = data;
  const n = x.rows;
  const classify = task !== 'regression';
  const k = classify ? data.classCount : 1;
  // Binary needs one class-weight channel (Gini ∝ Σ G₁²/H); multiclass one per class.
  const channels = !classify || k === 2 ? 2 : k + 1;
  const mapper = fitBins(x, MAX_BINS, deriveSeed(ctx.seed, 'bins'));
  const grower = new TreeGrower(applyBins(x, mapper), mapper, channels, ctx.histograms);
  const builder = new EnsembleBuilder(mapper, classify ? k : 1);
  const growParams: GrowParams = {
    lambda: 0,
    alpha: 0,
    minChildWeight: params.minChildWeight,
    maxLeaves: params.leaves,
    maxDepth: params.maxDepth,
    featuresPerNode: featuresPerNode(params.colsample, x.cols, classify),
    minGain: 0,
    minGainShare: RF_MIN_SPLIT_GAIN_SHARE,
  };
  const features = Int32Array.from({ length: x.cols }, (_, f) => f);
  const draws = Math.max(1, Math.round(params.subsample * n));
  const counts = new Uint32Array(n);
  const rows = new Uint32Array(n);
  const stats = new Float64Array(n * channels);
  const bootRng = createRng(deriveSeed(ctx.seed, 'bootstrap'));
  const nodeRng = createRng(deriveSeed(ctx.seed, 'nodes'));
  const importance = new Float64Array(x.cols);

  try {
    for (let t = 0; t < params.trees; t++) {
      clock.checkCanceled();
      // The first tree is always grown: a forest of none predicts nothing.
      if (t > 0 && clock.pastDeadline()) break;
      counts.fill(0);
      for (let d = 0; d < draws; d++) {
        const r = bootRng.int(n);
        counts[r] = counts[r]! + 1;
      }
      let count = 0;
      for (let r = 0; r < n; r++) {
        const w = counts[r]!;
        if (w === 0) continue;
        rows[count++] = r;
        const s = r * channels;
        // Two channels: weighted target (regression) or weighted class-1 indicator (binary).
        if (channels === 2) stats[s] = w * y[r]!;
        else for (let c = 0; c < k; c++) stats[s + c] = c === y[r]! ? w : 0;
        stats[s + channels - 1] = w;
      }
      const tree = await grower.grow(rows, count, stats, features, x.cols, growParams, nodeRng);
      builder.add(tree, leafValues(tree, channels, classify ? k : 1), 0);
      tree.feature.forEach((f, i) => (importance[f] = importance[f]! + tree.gain[i]!));
      await clock.step((t + 1) / params.trees);
    }
  } finally {
    grower.dispose();
  }
  return { learner: 'rf', task, classCount: data.classCount, ensemble: builder.finish(), importance };
}

export function predictRf(model: RfModel, x: Matrix): Predictions {
  const e = model.ensemble;
  const width = e.leafWidth;
  const values = new Float64Array(x.rows * width);
  accumulateEnsemble(e, x, values, width);
  const trees = Math.max(1, e.roots.length);
  for (let r = 0; r < x.rows; r++) {
    if (width === 1) {
      values[r] = values[r]! / trees;
      continue;
    }
    // Each leaf's distribution sums to 1; dividing by the row's sum removes rounding drift.
    let sum = 0;
    for (let c = 0; c < width; c++) sum += values[r * width + c]!;
    for (let c = 0; c < width; c++) values[r * width + c] = values[r * width + c]! / sum;
  }
  return { rows: x.rows, width, values };
}

/** Features tried per split: the share asked for, or √p (classification) / p/3 (regression) for 0. */
export function featuresPerNode(colsample: number, cols: number, classify: boolean): number {
  const share = colsample > 0 ? colsample : classify ? 1 / Math.sqrt(cols) : 1 / 3;
  return Math.min(cols, Math.max(1, Math.round(share * cols)));
}

/** A leaf's class distribution (weights of each class over its weight) or its weighted mean. */
function leafValues(tree: GrownTree, channels: number, width: number): Float64Array {
  const values = new Float64Array(tree.leafCount * width);
  for (let l = 0; l < tree.leafCount; l++) {
    const s = l * channels;
    const h = tree.leafStats[s + channels - 1]!;
    if (width === 1) values[l] = tree.leafStats[s]! / h;
    else if (channels === 2) {
      const p = tree.leafStats[s]! / h;
      values[2 * l] = 1 - p;
      values[2 * l + 1] = p;
    } else for (let c = 0; c < width; c++) values[l * width + c] = tree.leafStats[s + c]! / h;
  }
  return values;
}
