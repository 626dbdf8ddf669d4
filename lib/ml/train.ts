/**
 * Train a model on a table, end to end: encode the label, hold out test rows, fit the
 * preprocessing on the training rows, search (or fit one fixed configuration) within the time
 * budget, and evaluate the result on rows it never saw.
 *
 * @example
 * const result = await trainAutoML({ table, schema, config: { ...DEFAULT_CONFIG, label: 'species', task: 'multiclass' } });
 * console.log(result.trials, result.evaluation.metrics);
 */
import type { ColumnSchema, Table } from '../data/types';
import { TrainingInputError } from './errors';
import { IMPORTANCE_MAX_ROWS, IMPORTANCE_REPEATS, evaluateModel, type Evaluation } from './evaluate';
import { combinedFeatures } from './features';
import { KFOLD_BELOW_ROWS, KFOLD_FOLDS, MIN_TRAIN_ROWS, TEST_FRACTION, VALID_FRACTION } from './flags';
import { learnerOf } from './learners';
import { metricAppliesTo, type MetricName } from './metrics';
import { predictMembers, type ModelMember, type TrainedModel } from './model';
import { checkInput, checkLearnable, encodeLabel, fitLabel, fitPreprocessing, transform, type EncodedLabel } from './preprocess';
import { columnNotices, labelCopies, unlabelledNotices } from './train-notices';
import { deriveSeed } from './rng';
import { runSearch, type ChosenTrial, type SearchProgress, type TrialRecord } from './search/run';
import type { TrialExecutor, TrialSetup } from './search/executor';
import type { Folds, TrialData } from './search/trial';
import { holdoutSplit, kFolds } from './split';
import { FitCanceledError, type LearnerName, type LearningCurve, type Task } from './types';
import type { HistogramDevice } from './gbdt/gpu/histogram-device';

export interface AutoMLConfig {
  readonly label: string;
  readonly task: Task;
  readonly metric: MetricName;
  /** The whole run, search and evaluation, ends within about this (10%). */
  readonly timeBudgetS: number;
  readonly seed: number;
  readonly learners: readonly LearnerName[];
  readonly ensemble: boolean;
  /** Stop after this many trials even with time left (reproducible runs, tests). */
  readonly maxTrials?: number;
  /** Fit exactly this configuration, no search and no early stopping (benchmarks, reproducibility). */
  readonly fixed?: { readonly learner: LearnerName; readonly params: Readonly<Record<string, unknown>> };
}

export interface TrainHooks {
  readonly isCanceled?: () => boolean;
  readonly onTrial?: (trial: TrialRecord) => void;
  readonly onProgress?: (progress: SearchProgress & { readonly phase: 'search' | 'evaluate'; readonly budgetMs: number }) => void;
  /** Where gbdt builds large nodes' histograms (a GPU), in every fit of the run. */
  readonly histograms?: HistogramDevice;
  /**
   * Opens somewhere for the search's trials to run several at once (workers), given what they
   * share; undefined keeps them here. Closed when the search ends.
   */
  readonly openTrials?: (data: TrialData, setup: TrialSetup) => Promise<OpenTrials | undefined>;
}

/** An executor the search may use until it ends, and how to let it go. */
export type OpenTrials = TrialExecutor & { close(): void };

export interface AutoMLResult {
  readonly config: AutoMLConfig;
  readonly model: TrainedModel;
  readonly trials: readonly TrialRecord[];
  /** Validation score of the chosen model on the search's metric (null for a fixed fit). */
  readonly validScore: number | null;
  readonly ensemble?: Readonly<Record<number, number>>;
  /** How the best trial's first fit learned (validation loss by round or epoch), when its learner records it. */
  readonly learningCurve?: LearningCurve & { readonly trial: number };
  /** Indices of the trials the model is made of, best first. */
  readonly chosen: readonly number[];
  /** True when the chosen configurations were fitted again on all training rows (else: the fold models, bagged). */
  readonly refit: boolean;
  readonly validation: { readonly kind: 'holdout' | 'kfold' | 'none'; readonly trainRows: number; readonly testRows: number };
  /** Table rows trained on, and rows held out for the evaluation (of `test` when one was given). */
  readonly split: { readonly train: Int32Array; readonly test: Int32Array };
  /** Held-out metrics, curves and importance. */
  readonly evaluation: Evaluation;
  readonly notices: readonly string[];
  readonly elapsedMs: number;
}

/** Share of the budget kept for the final evaluation (importance needs a few dozen predictions). */
const EVALUATION_SHARE = 0.1;

/** Share kept for refitting the chosen configurations on all training rows. */
const REFIT_SHARE = 0.1;

export async function trainAutoML(input: {
  readonly table: Table;
  readonly schema: readonly ColumnSchema[];
  readonly config: AutoMLConfig;
  /** Labelled rows to evaluate on instead of a held-out split. */
  readonly test?: Table;
  readonly hooks?: TrainHooks;
}): Promise<AutoMLResult> {
  const { table, schema, config, test, hooks = {} } = input;
  const started = performance.now();
  const budgetMs = config.timeBudgetS * 1000;
  if (!metricAppliesTo(config.metric, config.task)) {
    throw new TrainingInputError(`The metric ${config.metric} does not apply to a ${config.task} task.`);
  }
  const label = fitLabel(table, config.label, config.task);
  checkLearnable(label);
  const notices: string[] = [];
  notices.push(...unlabelledNotices(table, label));
  const { trainRows, testRows, testLabel } = splitForTest(label, config, test);
  if (trainRows.length < MIN_TRAIN_ROWS) {
    throw new TrainingInputError(
      `Too few rows to train and test: ${label.rows.length} labelled row${label.rows.length === 1 ? '' : 's'}, and at least ${Math.ceil(MIN_TRAIN_ROWS / (1 - TEST_FRACTION))} are needed. Add rows, or choose a label with fewer missing values.`,
    );
  }
  const copies = labelCopies(table, schema, config.label);
  const { plan, skipped } = fitPreprocessing(table, copies.length > 0 ? schema.map((c) => (copies.includes(c.name) ? { ...c, included: false } : c)) : schema, label, trainRows);
  notices.push(...columnNotices(table, schema, config.label, copies, skipped, plan));
  const classCount = label.encoding.task === 'regression' ? 1 : label.encoding.classes.length;
  const data: TrialData = { table, plan, y: label.y, task: config.task, classCount, folds: foldsFor(trainRows, label.y, config), histograms: hooks.histograms };

  let learningCurve: AutoMLResult['learningCurve'];
  let search: { members: TrainedModel['members']; trials: readonly TrialRecord[]; validScore: number | null; ensemble?: Readonly<Record<number, number>>; refit: boolean; chosen: readonly number[] };
  if (config.fixed) search = await fitFixed(data, trainRows, config, hooks);
  else {
    const setup = { metric: config.metric, seed: config.seed };
    // A run bounded by trials keeps them in one order here, so no workers are opened for it.
    const executor = config.maxTrials === undefined ? await hooks.openTrials?.(data, setup) : undefined;
    const result = await runSearch(data, {
      metric: config.metric,
      learners: config.learners,
      seed: config.seed,
      deadline: started + budgetMs * (1 - EVALUATION_SHARE - REFIT_SHARE),
      maxTrials: config.maxTrials,
      ensemble: config.ensemble,
      isCanceled: hooks.isCanceled,
      onTrial: hooks.onTrial,
      onProgress: (p) => hooks.onProgress?.({ ...p, phase: 'search', budgetMs }),
      ...(executor ? { executor } : {}),
    }).finally(() => executor?.close());
    const best = result.chosen[0];
    const curve = best && learnerOf(best.record.learner).learningCurve?.(best.fitted[0]);
    if (curve && best) learningCurve = { ...curve, trial: best.record.index };
    const refit = await refitChosen(data, trainRows, result.chosen, config, started + budgetMs * (1 - EVALUATION_SHARE), hooks);
    search = { ...result, members: refit ?? result.members, refit: refit !== undefined, chosen: result.chosen.map((c) => c.record.index) };
    if (refit) for (const c of result.chosen) for (const f of c.fitted) learnerOf(c.record.learner).dispose?.(f);
  }
  const model: TrainedModel = { plan, members: search.members };
  if (!config.fixed && !search.trials.some((t) => t.status === 'completed')) {
    notices.push('The time budget ended before any trial could finish: this model is barely trained. Give the search more time.');
  }

  const last = search.trials.at(-1);
  hooks.onProgress?.({ phase: 'evaluate', budgetMs, elapsedMs: performance.now() - started, trials: search.trials.length, bestScore: search.validScore, bestLearner: last?.learner ?? null, fitting: null, running: 0 });
  const testTable = test ?? table;
  if (test) notices.push(...checkInput(plan, test));
  const features = combinedFeatures(plan, [...new Set(model.members.map((m) => learnerOf(m.learner).encoding))]);
  const x = features.build(testTable, testRows);
  const predict = (m: typeof x) => predictMembers(model.members, (e) => features.part(m, e));
  const predictStart = performance.now();
  const predictions = await predict(x);
  const importance = importanceEffort(performance.now() - predictStart, features.groups.length, x.rows, 0.8 * (started + budgetMs - performance.now()));
  const evaluation = await evaluateModel({
    task: config.task,
    x,
    y: Float64Array.from(testRows, (r) => testLabel.y[r]!),
    predict,
    predictions,
    featureGroups: features.groups,
    seed: deriveSeed(config.seed, 'evaluate'),
    metric: config.metric,
    classes: label.encoding.task === 'regression' ? undefined : label.encoding.classes,
    ...importance,
  });
  return {
    config,
    model,
    trials: search.trials,
    validScore: search.validScore,
    ...(search.ensemble ? { ensemble: search.ensemble } : {}),
    refit: search.refit,
    ...(learningCurve ? { learningCurve } : {}),
    chosen: search.chosen,
    validation: { kind: config.fixed ? 'none' : data.folds.kind, trainRows: trainRows.length, testRows: testRows.length },
    split: { train: trainRows, test: testRows },
    evaluation,
    notices,
    elapsedMs: performance.now() - started,
  };
}

/**
 * Permutation importance costs one prediction per feature and repeat: with a slow model (a big
 * ensemble) and many features, fewer repeats and rows keep the run inside its budget.
 */
function importanceEffort(predictMs: number, groups: number, rows: number, leftMs: number): { repeats: number; maxRows: number } {
  const full = { repeats: IMPORTANCE_REPEATS, maxRows: IMPORTANCE_MAX_ROWS };
  const perRowMs = predictMs / Math.max(1, rows);
  const affordable = Math.max(0, leftMs) / Math.max(1e-6, perRowMs * groups);
  const repeats = Math.max(1, Math.min(IMPORTANCE_REPEATS, Math.floor(affordable / Math.min(rows, IMPORTANCE_MAX_ROWS))));
  const maxRows = Math.max(MIN_IMPORTANCE_ROWS, Math.min(IMPORTANCE_MAX_ROWS, Math.floor(affordable / repeats)));
  return repeats === full.repeats && maxRows >= rows ? full : { repeats, maxRows };
}

/** Fewer rows than this say little about importance; spend them even when the budget is spent. */
const MIN_IMPORTANCE_ROWS = 200;

function splitForTest(label: EncodedLabel, config: AutoMLConfig, test: Table | undefined) {
  if (test) {
    const testLabel = encodeLabel(test, label.encoding);
    if (testLabel.rows.length === 0) throw new TrainingInputError(`The test data has no rows with a value for "${config.label}".`);
    return { trainRows: label.rows, testRows: testLabel.rows, testLabel };
  }
  const split = holdoutSplit(label.rows, label.y, config.task, TEST_FRACTION, deriveSeed(config.seed, 'test'));
  return { trainRows: split.train, testRows: split.test, testLabel: label };
}

function foldsFor(trainRows: Int32Array, y: Float64Array, config: AutoMLConfig): Folds {
  const seed = deriveSeed(config.seed, 'validation');
  const kfold = trainRows.length < KFOLD_BELOW_ROWS;
  const splits = kfold ? kFolds(trainRows, y, config.task, KFOLD_FOLDS, seed) : [holdoutSplit(trainRows, y, config.task, VALID_FRACTION, seed)];
  const validRows = Int32Array.from(splits.flatMap((s) => Array.from(s.test)));
  return { kind: kfold ? 'kfold' : 'holdout', splits, validRows, yValid: Float64Array.from(validRows, (r) => y[r]!) };
}

/**
 * The chosen configurations fitted again on all training rows, with the rounds or epochs early
 * stopping found on the folds: a quarter more data (k-fold: each fold model saw 80%) for one fit
 * each. Skipped, keeping the fold models, when the refits would not end by `deadline`.
 */
async function refitChosen(
  data: TrialData,
  trainRows: Int32Array,
  chosen: readonly ChosenTrial[],
  config: AutoMLConfig,
  deadline: number,
  hooks: TrainHooks,
): Promise<ModelMember[] | undefined> {
  const folds = data.folds.splits.length;
  const trainShare = data.folds.splits[0]!.train.length / trainRows.length;
  const estimateMs = chosen.reduce((sum, c) => sum + c.record.fitMs / folds / trainShare, 0);
  if (chosen.some((c) => c.record.status !== 'completed') || performance.now() + estimateMs > deadline) return undefined;
  const members: ModelMember[] = [];
  for (const c of chosen) {
    const learner = learnerOf(c.record.learner);
    const params = learner.refitParams?.(c.fitted, learner.parseParams(c.record.params, data.task)) ?? learner.parseParams(c.record.params, data.task);
    const x = transform(data.plan, data.table, learner.encoding, trainRows);
    const fitted = await learner.fit({ x, y: Float64Array.from(trainRows, (r) => data.y[r]!), task: data.task, classCount: data.classCount }, params, {
      seed: deriveSeed(config.seed, `refit ${c.record.index}`),
      isCanceled: hooks.isCanceled,
      histograms: hooks.histograms,
    });
    members.push({ learner: c.record.learner, params, weight: c.weight, fitted });
  }
  return members;
}

async function fitFixed(data: TrialData, trainRows: Int32Array, config: AutoMLConfig, hooks: TrainHooks) {
  const fixed = config.fixed!;
  const learner = learnerOf(fixed.learner);
  const params = learner.parseParams(fixed.params, config.task);
  const x = transform(data.plan, data.table, learner.encoding, trainRows);
  const started = performance.now();
  const fitted = await learner.fit({ x, y: Float64Array.from(trainRows, (r) => data.y[r]!), task: data.task, classCount: data.classCount }, params, {
    seed: deriveSeed(config.seed, 'fixed'),
    isCanceled: hooks.isCanceled,
    histograms: hooks.histograms,
  });
  if (hooks.isCanceled?.()) throw new FitCanceledError();
  const trial: TrialRecord = { index: 1, learner: fixed.learner, params, score: null, fitMs: Math.round(performance.now() - started), status: 'completed' };
  hooks.onTrial?.(trial);
  return { members: [{ learner: fixed.learner, params, weight: 1, fitted }], trials: [trial], validScore: null, refit: false, chosen: [1] };
}
