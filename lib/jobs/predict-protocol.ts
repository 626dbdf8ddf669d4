/**
 * The predict worker's API (`workers/predict.worker.ts`): predictions and evaluations of a stored
 * model.zip on new rows. Types only; the page imports this module as a type.
 *
 * A model is named by its blob hash (the model.zip bytes in lib/store's blobs), the rows by a stored
 * dataset (a data cell's), a file the user picked, or one row typed into a form. The worker keeps
 * the last models it loaded, so a second prediction with the same model starts at once.
 */
import type { ParseOptions } from '../data/types';
import type { Evaluation, Histogram } from '../ml/evaluate';
import type { ModelManifest } from '../bundle/model-manifest';

export const PREDICT_PROTOCOL_VERSION = 1;

/** Rows of the output shown on the page; the rest are in the CSV. */
export const PREVIEW_ROWS = 50;

export type PredictInput =
  | { readonly kind: 'dataset'; readonly datasetHash: string; readonly parseOptions?: ParseOptions }
  | { readonly kind: 'file'; readonly file: Blob }
  /** One row from the form: feature name → the value as typed ('' is missing). */
  | { readonly kind: 'row'; readonly values: Readonly<Record<string, string>> };

export interface PredictRequest {
  readonly jobId: string;
  /** The model.zip blob's hash. */
  readonly modelHash: string;
  readonly input: PredictInput;
}

export interface EvaluateRequest extends PredictRequest {
  /** Seeds the permutation importance. */
  readonly seed: number;
}

/** What the page draws of a prediction: the class counts, or the predicted values' histogram. */
export type PredictionSummary =
  | { readonly task: 'binary' | 'multiclass'; readonly classes: readonly { readonly name: string; readonly count: number }[] }
  | { readonly task: 'regression'; readonly histogram: Histogram; readonly mean: number | null };

/** A table of predictions as the page shows it. */
export interface PredictionView {
  readonly rows: number;
  /** Input columns, then `prediction` and `prob_<class>`. */
  readonly columns: readonly string[];
  /** The first PREVIEW_ROWS rows, as the CSV writes them. */
  readonly preview: readonly (readonly string[])[];
  readonly summary: PredictionSummary;
}

export interface PredictionTable extends PredictionView {
  /** The whole output as CSV (UTF-8), to store as the predictions artifact and to download. */
  readonly csv: Uint8Array;
}

export interface PredictOutcome extends PredictionTable {
  /** Unseen categories, ignored columns: the model still answered. */
  readonly notices: readonly string[];
  readonly elapsedMs: number;
}

export interface EvaluateOutcome {
  readonly evaluation: Evaluation;
  readonly notices: readonly string[];
  /** Rows left out for having no label. */
  readonly unlabelled: number;
  /** Every row's predictions (the evaluation's parent artifact). */
  readonly predictions: PredictionTable;
  readonly elapsedMs: number;
}

export interface PredictProgress {
  readonly phase: 'loading-model' | 'loading-data' | 'predicting' | 'evaluating' | 'writing';
  /** 0..1 within the phase, when known. */
  readonly fraction?: number;
}

/** What a form for one row needs: the model's features (names, kinds, known levels) and label. */
export interface ModelSummary {
  readonly manifest: ModelManifest;
}

export interface PredictApi {
  readonly version: number;
  /** Reads a stored model.zip's manifest (validated): the row form and the model's description. */
  describe(modelHash: string): Promise<ModelSummary>;
  /** Rejects with the error to show (InputMismatchError names the columns). */
  predict(request: PredictRequest): Promise<PredictOutcome>;
  evaluate(request: EvaluateRequest): Promise<EvaluateOutcome>;
  /** The phase of a running job; undefined once it has ended or for an unknown id. */
  progress(jobId: string): PredictProgress | undefined;
  /** Stops a job between steps. */
  cancel(jobId: string): void;
  /**
   * A stored predictions CSV (an artifact's blob) read back into a table view, for a cell that
   * shows predictions made earlier (after a reload).
   */
  readPredictions(csvHash: string): Promise<PredictionView | undefined>;
}
