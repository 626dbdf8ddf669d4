/**
 * Gradient boosting on binned features: each round fits one tree per raw score column to the
 * loss's gradients and hessians (Newton steps, XGBoost's regularised leaf weights), with row and
 * column subsampling and early stopping on the validation rows (the best round is kept).
 */
import { createRng, deriveSeed } from '../rng';
import type { FitContext, Matrix, Predictions, Task, TrainData } from '../types';
import { applyBins, fitBins, type BinMapper, type BinnedMatrix } from './bins';
import { EnsembleBuilder, type TreeEnsemble } from './ensemble';
import { accumulateEnsemble } from './walk';
import { binnedLeaf, checkTrainData, FitClock, sampleFeatures } from './fit-steps';
import { GBDT_MIN_SPLIT_GAIN } from './flags';
import { objectiveByName, objectiveFor, type ObjectiveName } from './objectives';
import type { GbdtParams } from './params';
import { thresholdL1 } from './split';
import { TreeGrower, type GrowParams, type GrownTree } from './tree';

export const GBDT_STOP_REASONS = ['trees', 'early-stopping', 'deadline'] as const;
export type GbdtStopReason = (typeof GBDT_STOP_REASONS)[number];

export interface GbdtModel {
  readonly learner: 'gbdt';
  readonly task: Task;
  readonly objective: ObjectiveName;
  readonly classCount: number;
  /** Start score per raw score column (the logit of the label mean, log class priors, the mean). */
  readonly baseScore: Float64Array;
  /** Rounds × width trees, round-major: tree t adds to raw score column t mod width. */
  readonly ensemble: TreeEnsemble;
  readonly rounds: number;
  readonly roundsTrained: number;
  readonly stoppedBy: GbdtStopReason;
  /** Validation loss after each trained round; empty without validation rows. */
  readonly validLoss: readonly number[];
  /** Total split gain per feature in the kept trees. */
  readonly importance: Float64Array;
}

export async function fitGbdt(data: TrainData, params: GbdtParams, ctx: FitContext): Promise<GbdtModel> {
  checkTrainData('gbdt', data);
  if (ctx.valid) checkTrainData('gbdt (validation rows)', ctx.valid);
  const clock = new FitClock(ctx);
  clock.checkCanceled();
  const mapper = fitBins(data.x, params.bins, deriveSeed(ctx.seed, 'bins'));
  const binned = applyBins(data.x, mapper);
  const grower = new TreeGrower(binned, mapper, 2, ctx.histograms);
  try {
    return await boost(data, params, ctx, { clock, mapper, binned, grower });
  } finally {
    grower.dispose();
  }
}

/** The boosting rounds of `fitGbdt`, on its binned rows and grower. */
async function boost(
  data: TrainData,
  params: GbdtParams,
  ctx: FitContext,
  { clock, mapper, binned, grower }: { clock: FitClock; mapper: BinMapper; binned: BinnedMatrix; grower: TreeGrower },
): Promise<GbdtModel> {
  const { x, y } = data;
  const n = x.rows;
  const objective = objectiveFor(data.task, data.classCount);
  const width = objective.width;
  const builder = new EnsembleBuilder(mapper, 1);
  const growParams: GrowParams = {
    lambda: params.lambda,
    alpha: params.alpha,
    minChildWeight: params.minChildWeight,
    maxLeaves: params.leaves,
    maxDepth: params.maxDepth,
    featuresPerNode: 0,
    minGain: GBDT_MIN_SPLIT_GAIN,
    minGainShare: 0,
  };

  const baseScore = objective.initScore(y);
  const scores = repeatRows(baseScore, n);
  const stats = Array.from({ length: width }, () => new Float64Array(2 * n));
  const valid = ctx.valid ? { binned: applyBins(ctx.valid.x, mapper), y: ctx.valid.y, scores: repeatRows(baseScore, ctx.valid.x.rows) } : undefined;

  const rowRng = createRng(deriveSeed(ctx.seed, 'rows'));
  const colRng = createRng(deriveSeed(ctx.seed, 'columns'));
  const nodeRng = createRng(deriveSeed(ctx.seed, 'nodes'));
  const sample = new Uint32Array(n);
  const inSample = new Uint8Array(n);
  const rows = new Uint32Array(n);
  const features = new Int32Array(x.cols);
  const featuresPerTree = Math.max(1, Math.round(params.colsample * x.cols));
  const gains: { feature: readonly number[]; gain: readonly number[] }[] = [];
  const validLoss: number[] = [];
  let bestLoss = Infinity;
  let bestRounds = 0;
  let round = 0;
  let stoppedBy: GbdtStopReason = 'trees';

  for (; round < params.trees; round++) {
    clock.checkCanceled();
    if (clock.pastDeadline()) {
      stoppedBy = 'deadline';
      break;
    }
    objective.gradients(scores, y, stats);
    const count = sampleRows(n, params.subsample, rowRng, sample, inSample);
    const featureCount = sampleFeatures(x.cols, featuresPerTree, colRng, features);
    for (let k = 0; k < width; k++) {
      if (k > 0) clock.checkCanceled();
      rows.set(sample.subarray(0, count));
      const tree = await grower.grow(rows, count, stats[k]!, features, featureCount, growParams, nodeRng);
      const values = leafValues(tree, params);
      builder.add(tree, values, k);
      gains.push({ feature: tree.feature, gain: tree.gain });
      addToScores(tree, values, rows, scores, width, k);
      if (count < n) addOutOfSample(tree, values, binned, inSample, scores, width, k);
      if (valid) addAll(tree, values, valid.binned, valid.scores, width, k);
    }
    if (valid) {
      const loss = objective.loss(valid.scores, valid.y);
      validLoss.push(loss);
      if (loss < bestLoss) {
        bestLoss = loss;
        bestRounds = round + 1;
      } else if (params.earlyStoppingRounds > 0 && round + 1 - bestRounds >= params.earlyStoppingRounds) {
        round++;
        stoppedBy = 'early-stopping';
        break;
      }
    }
    await clock.step((round + 1) / params.trees);
  }

  const rounds = valid ? bestRounds : round;
  const importance = new Float64Array(x.cols);
  for (const tree of gains.slice(0, rounds * width)) {
    tree.feature.forEach((f, i) => (importance[f] = importance[f]! + tree.gain[i]!));
  }
  return {
    learner: 'gbdt',
    task: data.task,
    objective: objective.name,
    classCount: data.classCount,
    baseScore,
    ensemble: builder.finish(rounds * width),
    rounds,
    roundsTrained: round,
    stoppedBy,
    validLoss,
    importance,
  };
}

export function predictGbdt(model: GbdtModel, x: Matrix): Predictions {
  const objective = objectiveByName(model.objective, model.classCount);
  const scores = repeatRows(model.baseScore, x.rows);
  accumulateEnsemble(model.ensemble, x, scores, objective.width);
  return objective.transform(scores, x.rows);
}

function repeatRows(row: Float64Array, rows: number): Float64Array {
  const out = new Float64Array(rows * row.length);
  for (let r = 0; r < rows; r++) out.set(row, r * row.length);
  return out;
}

/** Bernoulli row sampling (as XGBoost's `subsample`), in row order. */
function sampleRows(n: number, share: number, rng: ReturnType<typeof createRng>, sample: Uint32Array, inSample: Uint8Array): number {
  // Every row, every round: filled once (draws no random numbers, as the loop below would not).
  if (share >= 1) {
    if (inSample[n - 1] !== 1) {
      for (let r = 0; r < n; r++) sample[r] = r;
      inSample.fill(1);
    }
    return n;
  }
  let count = 0;
  for (let r = 0; r < n; r++) {
    const keep = rng.next() < share;
    inSample[r] = keep ? 1 : 0;
    if (keep) sample[count++] = r;
  }
  return count;
}

/** Newton step per leaf, shrunk by the learning rate: −T(G) / (H + λ) × η. */
function leafValues(tree: GrownTree, params: GbdtParams): Float64Array {
  const values = new Float64Array(tree.leafCount);
  for (let l = 0; l < tree.leafCount; l++) {
    const g = tree.leafStats[2 * l]!;
    const h = tree.leafStats[2 * l + 1]!;
    values[l] = (-thresholdL1(g, params.alpha) / (h + params.lambda)) * params.learningRate;
  }
  return values;
}

/** The tree's rows are already grouped by leaf: add each leaf's value to its segment. */
function addToScores(tree: GrownTree, values: Float64Array, rows: Uint32Array, scores: Float64Array, width: number, k: number): void {
  const { leafStart, leafEnd } = tree;
  for (let l = 0; l < tree.leafCount; l++) addToSegment(rows, leafStart[l]!, leafEnd[l]!, values[l]!, scores, width, k);
}

/** One leaf's rows: a loop of its own with its bounds in locals, not reloaded from the tree every row. */
function addToSegment(rows: Uint32Array, start: number, end: number, v: number, scores: Float64Array, width: number, k: number): void {
  if (width === 1) {
    for (let i = start; i < end; i++) {
      const j = rows[i]!;
      scores[j] = scores[j]! + v;
    }
    return;
  }
  for (let i = start; i < end; i++) {
    const j = rows[i]! * width + k;
    scores[j] = scores[j]! + v;
  }
}

function addOutOfSample(tree: GrownTree, values: Float64Array, binned: BinnedMatrix, inSample: Uint8Array, scores: Float64Array, width: number, k: number): void {
  for (let r = 0; r < binned.rows; r++) {
    if (inSample[r]) continue;
    const j = r * width + k;
    scores[j] = scores[j]! + values[binnedLeaf(tree, binned, r)]!;
  }
}

function addAll(tree: GrownTree, values: Float64Array, binned: BinnedMatrix, scores: Float64Array, width: number, k: number): void {
  for (let r = 0; r < binned.rows; r++) {
    const j = r * width + k;
    scores[j] = scores[j]! + values[binnedLeaf(tree, binned, r)]!;
  }
}
