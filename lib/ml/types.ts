/**
 * The shapes every part of lib/ml shares: a feature matrix, training data, predictions, and the
 * contract each learner keeps.
 *
 * Plain TypeScript for Node and the browser: no DOM, no IndexedDB. Learners that use TensorFlow.js
 * take and return plain typed arrays here; tensors stay inside the learner.
 */
import type { Task } from '../data/types';
import type { HistogramDevice } from './gbdt/gpu/histogram-device';

export type { Task };

/**
 * Features after preprocessing, row-major: row r, feature f is `values[r * cols + f]`. NaN marks a
 * missing value (only in the `trees` encoding: the `dense` encoding imputes everything).
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly values: Float32Array;
}

/**
 * What a learner is fitted on. `y` holds class indices 0..classCount-1 for classification and the
 * target for regression. `classCount` is 2 for binary, k for multiclass, 1 for regression.
 */
export interface TrainData {
  readonly x: Matrix;
  readonly y: Float64Array;
  readonly task: Task;
  readonly classCount: number;
}

/**
 * A learner's output for `rows` rows, row-major with `width` values per row: class probabilities
 * (width = classCount, each row sums to 1; binary has two) or the predicted value (width 1).
 */
export interface Predictions {
  readonly rows: number;
  readonly width: number;
  readonly values: Float64Array;
}

/** How a learner wants its features encoded (see lib/ml/preprocess). */
export type FeatureEncoding = 'trees' | 'dense';

export interface FitContext {
  /** Seeds every random choice of the fit: the same data, params and seed give the same model. */
  readonly seed: number;
  /** Rows to early-stop on; never the held-out test rows. */
  readonly valid?: TrainData;
  /** `performance.now()` time after which the fit stops as soon as it can and returns what it has. */
  readonly deadline?: number;
  /** Asked between steps (trees, epochs): true stops the fit with a FitCanceledError. */
  readonly isCanceled?: () => boolean;
  /** Called between steps with the fraction done, 0..1. Synchronous and cheap. */
  readonly onProgress?: (fraction: number) => void;
  /** Where gbdt builds the histograms of large nodes (a GPU); absent: every node on the CPU. */
  readonly histograms?: HistogramDevice;
}

export class FitCanceledError extends Error {
  override name = 'FitCanceledError';
  constructor() {
    super('Training was canceled.');
  }
}

/** Loss series of one fit, by round (trees) or epoch (networks). */
export interface LearningCurve {
  readonly xLabel: string;
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
}

/** A fitted model as files (for model.zip's `model/` folder): name → bytes. */
export type ModelFiles = Readonly<Record<string, Uint8Array>>;

/** Learners the search and the CLI know, by the names users type (`--learners gbdt,mlp`). */
export const LEARNER_NAMES = ['gbdt', 'rf', 'linear', 'mlp'] as const;
export type LearnerName = (typeof LEARNER_NAMES)[number];

/** Hyperparameters: flat, JSON-safe values, so they go into configs, run ids and leaderboards. */
export type Params = Readonly<Record<string, number | string | boolean>>;

/**
 * One learner: fit, predict, and the files that carry a fitted model. `P` is its parsed params;
 * `parseParams` validates user input (CLI `--params`, stored configs) and fills defaults.
 */
export interface Learner<P extends Params = Params, M = unknown> {
  readonly name: LearnerName;
  readonly encoding: FeatureEncoding;
  /** Defaults merged with `input`; throws a clear Error naming a bad or unknown param. */
  parseParams(input: Readonly<Record<string, unknown>>, task: Task): P;
  fit(data: TrainData, params: P, ctx: FitContext): Promise<M>;
  predict(model: M, x: Matrix): Promise<Predictions>;
  serialize(model: M): Promise<ModelFiles>;
  deserialize(files: ModelFiles): Promise<M>;
  /**
   * Params to refit on all training rows without validation, from models early-stopped on folds
   * (the rounds or epochs they kept); absent when the params need no change.
   */
  refitParams?(fitted: readonly M[], params: P): P;
  /** Loss by round or epoch as the fit went, for a learning-curve chart; absent when not recorded. */
  learningCurve?(model: M): LearningCurve | undefined;
  /** Frees memory held outside the JS heap (TF.js tensors); absent when there is none. */
  dispose?(model: M): void;
}
