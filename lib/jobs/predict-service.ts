/**
 * The predict worker's logic (protocol in predict-protocol.ts), kept out of the worker file so
 * that tests call it directly: a stored model.zip predicts a stored dataset, a picked file or one
 * typed row; or scores labelled rows (the evaluate cell). Output columns are those of
 * `loopbook predict` (lib/ml/prediction-columns), written by the same CSV writer, so the browser's
 * file and the CLI's agree value for value.
 */
import { readModelZip, type ModelBundle } from '../bundle/model-zip';
import { parseText } from '../data/parse';
import type { Table } from '../data/types';
import { csvField, fieldText, writeCsvBytes, type CsvColumn } from '../data/write-csv';
import { setMlBackend } from '../ml/backend';
import { histogramOf, RESIDUAL_HISTOGRAM_BINS } from '../ml/evaluate';
import { evaluateTable } from '../ml/evaluate-table';
import { disposeModel, predictTable } from '../ml/model';
import { predictedClasses, predictionColumns } from '../ml/prediction-columns';
import type { Predictions } from '../ml/types';
import { FitCanceledError } from '../ml/types';
import { loadTable, parseBlob, type LoadTrainBlob } from './load-table';
import {
  PREDICT_PROTOCOL_VERSION,
  PREVIEW_ROWS,
  type PredictApi,
  type PredictInput,
  type PredictionSummary,
  type PredictionTable,
  type PredictionView,
  type PredictProgress,
} from './predict-protocol';

/** Models kept loaded: the one a cell predicts with, and one more for a second cell. */
export const KEPT_MODELS = 2;

export class ModelMissingError extends Error {
  override name = 'ModelMissingError';
  constructor(hash: string) {
    super(`The model ${hash.slice(0, 12)}… is not stored in this browser. Train it again, or import its model.zip.`);
  }
}

interface Job {
  progress: PredictProgress;
  canceled: boolean;
}

export function createPredictService(loadBlob: LoadTrainBlob, options: { readonly wasmPaths?: string } = {}): PredictApi {
  const models = new Map<string, Promise<ModelBundle>>();
  const jobs = new Map<string, Job>();
  let backend: Promise<string> | undefined;

  function loadModel(hash: string): Promise<ModelBundle> {
    const kept = models.get(hash);
    if (kept) {
      // Most recently used last.
      models.delete(hash);
      models.set(hash, kept);
      return kept;
    }
    const loading = (async () => {
      const blob = await loadBlob(hash);
      if (!blob) throw new ModelMissingError(hash);
      backend ??= setMlBackend('wasm', options.wasmPaths ? { wasmPaths: options.wasmPaths } : {});
      await backend;
      return readModelZip(new Uint8Array(await blob.arrayBuffer()));
    })();
    models.set(hash, loading);
    // A failed load is not kept: the next call tries again (the blob may have arrived since).
    loading.catch(() => models.get(hash) === loading && models.delete(hash));
    while (models.size > KEPT_MODELS) {
      const [oldest, evicted] = models.entries().next().value!;
      models.delete(oldest);
      // Safe while a job may still use it: today's fitted models are plain arrays, so dispose is
      // a no-op (lib/ml/tf/dense-net.ts). A learner that holds tensors would need a use count here.
      void evicted.then((b) => disposeModel(b.model), () => undefined);
    }
    return loading;
  }

  async function tableOf(input: PredictInput, job: Job, bundle: ModelBundle): Promise<Table> {
    const canceled = () => job.canceled;
    switch (input.kind) {
      case 'dataset':
        return loadTable(loadBlob, input.datasetHash, input.parseOptions, canceled);
      case 'file':
        return parseBlob(input.file, undefined, canceled);
      case 'row':
        return rowTable(bundle, input.values);
    }
  }

  /** Runs `work` as job `jobId`: progress readable meanwhile, forgotten at the end. */
  async function asJob<T>(jobId: string, work: (job: Job) => Promise<T>): Promise<T> {
    const job: Job = { progress: { phase: 'loading-model' }, canceled: false };
    jobs.set(jobId, job);
    try {
      return await work(job);
    } finally {
      jobs.delete(jobId);
    }
  }

  function step(job: Job, progress: PredictProgress): void {
    if (job.canceled) throw new FitCanceledError();
    job.progress = progress;
  }

  return {
    version: PREDICT_PROTOCOL_VERSION,
    async describe(modelHash) {
      return { manifest: (await loadModel(modelHash)).manifest };
    },
    predict(request) {
      return asJob(request.jobId, async (job) => {
        const started = performance.now();
        const bundle = await loadModel(request.modelHash);
        step(job, { phase: 'loading-data' });
        const table = await tableOf(request.input, job, bundle);
        step(job, { phase: 'predicting' });
        const { predictions, notices } = await predictTable(bundle.model, table);
        step(job, { phase: 'writing' });
        return { ...predictionTable(bundle, table, predictions), notices, elapsedMs: performance.now() - started };
      });
    },
    evaluate(request) {
      return asJob(request.jobId, async (job) => {
        const started = performance.now();
        const bundle = await loadModel(request.modelHash);
        step(job, { phase: 'loading-data' });
        const table = await tableOf(request.input, job, bundle);
        step(job, { phase: 'evaluating', fraction: 0 });
        const scored = await evaluateTable(bundle.model, table, {
          metric: bundle.manifest.metric,
          seed: request.seed,
          onProgress: (fraction) => step(job, { phase: 'evaluating', fraction }),
        });
        step(job, { phase: 'predicting' });
        const { predictions } = await predictTable(bundle.model, table);
        step(job, { phase: 'writing' });
        return {
          evaluation: scored.evaluation,
          notices: scored.notices,
          unlabelled: scored.unlabelled,
          predictions: predictionTable(bundle, table, predictions),
          elapsedMs: performance.now() - started,
        };
      });
    },
    progress: (jobId) => jobs.get(jobId)?.progress,
    cancel(jobId) {
      const job = jobs.get(jobId);
      if (job) job.canceled = true;
    },
    async readPredictions(csvHash) {
      const blob = await loadBlob(csvHash);
      if (!blob) return undefined;
      const table = await parseBlob(blob, { delimiter: ',' });
      return viewOfStored(table);
    },
  };
}

/** One typed row as a table, parsed like a file so that "3.5" is a number and "" is missing. */
function rowTable(bundle: ModelBundle, values: Readonly<Record<string, string>>): Table {
  const names = bundle.manifest.features.map((f) => f.name);
  const row = names.map((n) => csvField((values[n] ?? '').trim()));
  // A single empty field would read as a blank line: quoted, it is one missing value.
  const text = `${names.map(csvField).join(',')}\n${row.length === 1 && row[0] === '' ? '""' : row.join(',')}\n`;
  return parseText(text, { delimiter: ',' }).table;
}

/** The output table: input columns plus the prediction columns, as CSV and as a preview. */
export function predictionTable(bundle: ModelBundle, table: Table, predictions: Predictions): PredictionTable {
  const columns: CsvColumn[] = [...table.columns, ...predictionColumns(bundle.model.plan.label, predictions)];
  return { ...view(columns, table.rowCount, summaryOf(bundle, predictions)), csv: writeCsvBytes(columns, table.rowCount) };
}

function view(columns: readonly CsvColumn[], rows: number, summary: PredictionSummary): PredictionView {
  const preview: string[][] = [];
  for (let r = 0; r < Math.min(rows, PREVIEW_ROWS); r++) preview.push(columns.map((c) => fieldText(c, r)));
  return { rows, columns: columns.map((c) => c.name), preview, summary };
}

function summaryOf(bundle: ModelBundle, p: Predictions): PredictionSummary {
  const label = bundle.model.plan.label;
  if (label.task === 'regression') return regressionSummary(Array.from(p.values));
  const counts = new Map(label.classes.map((c) => [c, 0]));
  for (const c of predictedClasses(label.classes, p)) counts.set(c, counts.get(c)! + 1);
  return { task: label.task, classes: label.classes.map((name) => ({ name, count: counts.get(name)! })) };
}

function regressionSummary(values: readonly number[]): PredictionSummary {
  const finite = values.filter(Number.isFinite);
  const mean = finite.length > 0 ? finite.reduce((a, b) => a + b, 0) / finite.length : null;
  return { task: 'regression', histogram: histogramOf(finite, RESIDUAL_HISTOGRAM_BINS), mean };
}

/** A stored predictions CSV: `prob_<class>` columns make it a classifier's, else a regression's. */
function viewOfStored(table: Table): PredictionView | undefined {
  const prediction = table.columns.find((c) => c.name === 'prediction');
  if (!prediction) return undefined;
  const classes = table.columns.filter((c) => c.name.startsWith('prob_')).map((c) => c.name.slice('prob_'.length));
  let summary: PredictionSummary;
  if (classes.length >= 2) {
    const counts = new Map(classes.map((c) => [c, 0]));
    for (let r = 0; r < table.rowCount; r++) {
      const v = fieldText(prediction, r);
      if (counts.has(v)) counts.set(v, counts.get(v)! + 1);
    }
    summary = { task: classes.length === 2 ? 'binary' : 'multiclass', classes: classes.map((name) => ({ name, count: counts.get(name)! })) };
  } else {
    summary = regressionSummary(prediction.kind === 'number' ? Array.from(prediction.values) : []);
  }
  return view(table.columns, table.rowCount, summary);
}

