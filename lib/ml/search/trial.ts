/**
 * One trial: a learner and its params fitted on each validation fold and scored on the rows it
 * did not see. The validation predictions are kept, in one fixed row order, for the ensemble.
 */
import type { Table } from '../../data/types';
import { learnerOf } from '../learners';
import { METRICS, toLoss, type MetricName } from '../metrics';
import { transform, type PreprocessPlan } from '../preprocess';
import { deriveSeed } from '../rng';
import type { Split } from '../split';
import type { FeatureEncoding, FitContext, Matrix, Predictions, Task, TrainData } from '../types';
import type { HistogramDevice } from '../gbdt/gpu/histogram-device';
import { keyOf, type Candidate } from './local-search';

/** The validation scheme of a search: one holdout, or k folds whose test parts cover the training rows. */
export interface Folds {
  readonly kind: 'holdout' | 'kfold';
  readonly splits: readonly Split[];
  /** The validation rows of all folds, in the order of a trial's `validation` predictions. */
  readonly validRows: Int32Array;
  readonly yValid: Float64Array;
}

export interface TrialData {
  readonly table: Table;
  readonly plan: PreprocessPlan;
  readonly y: Float64Array;
  readonly task: Task;
  readonly classCount: number;
  readonly folds: Folds;
  /** Handed to every fit (FitContext.histograms). */
  readonly histograms?: HistogramDevice;
}

export interface TrialOutcome {
  readonly fitted: unknown[];
  readonly validation: Predictions;
  readonly score: number;
  readonly loss: number;
}

/** Encoded fold data, built once per encoding and fold and shared by every trial. */
export class FoldCache {
  private readonly cache = new Map<string, { train: TrainData; valid: TrainData }>();

  constructor(private readonly data: TrialData) {}

  get(encoding: FeatureEncoding, fold: number): { train: TrainData; valid: TrainData } {
    const key = `${encoding}:${fold}`;
    let entry = this.cache.get(key);
    if (!entry) {
      const split = this.data.folds.splits[fold]!;
      entry = { train: this.trainData(encoding, split.train), valid: this.trainData(encoding, split.test) };
      this.cache.set(key, entry);
    }
    return entry;
  }

  trainData(encoding: FeatureEncoding, rows: Int32Array): TrainData {
    const { plan, table, y, task, classCount } = this.data;
    const x: Matrix = transform(plan, table, encoding, rows);
    return { x, y: Float64Array.from(rows, (r) => y[r]!), task, classCount };
  }
}

export async function runTrial(
  candidate: Candidate,
  data: TrialData,
  cache: FoldCache,
  metric: MetricName,
  ctx: { seed: number; deadline?: number; trialMs?: number; isCanceled?: () => boolean },
): Promise<TrialOutcome> {
  const learner = learnerOf(candidate.learner);
  const params = learner.parseParams(candidate.params, data.task);
  const width = data.task === 'regression' ? 1 : data.classCount;
  const values = new Float64Array(data.folds.validRows.length * width);
  const fitted: unknown[] = [];
  // Seeded by the configuration, not by its place in the search: the same trial fits the same model.
  const seed = deriveSeed(ctx.seed, keyOf(candidate));
  let at = 0;
  const started = performance.now();
  try {
    for (let f = 0; f < data.folds.splits.length; f++) {
      const { train, valid } = cache.get(learner.encoding, f);
      // Each fold gets its share of the trial's time: one slow configuration cannot eat the budget.
      const foldEnd = ctx.trialMs === undefined ? Infinity : started + (ctx.trialMs * (f + 1)) / data.folds.splits.length;
      const deadline = Math.min(ctx.deadline ?? Infinity, foldEnd);
      const fitCtx: FitContext = { seed: deriveSeed(seed, `fold${f}`), valid, deadline: Number.isFinite(deadline) ? deadline : undefined, isCanceled: ctx.isCanceled, histograms: data.histograms };
      const model = await learner.fit(train, params, fitCtx);
      fitted.push(model);
      const p = await learner.predict(model, valid.x);
      values.set(p.values, at);
      at += p.values.length;
    }
  } catch (error) {
    for (const m of fitted) learner.dispose?.(m);
    throw error;
  }
  const validation = { rows: data.folds.validRows.length, width, values };
  const score = METRICS[metric].score(data.folds.yValid, validation);
  return { fitted, validation, score, loss: toLoss(metric, score) };
}
