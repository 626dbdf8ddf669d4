/**
 * The train worker's logic, kept out of the worker file so that tests can call it directly.
 *
 * One `run` is one training job: load the stored dataset, parse it, apply the data cell's
 * overrides, search and evaluate (lib/ml), write model.zip (lib/bundle). The trainer reports only
 * into the job's ProgressBridge; the page pulls it with `poll` (DESIGN.md §5).
 *
 * Runs in a Web Worker and in Node (Vitest): no DOM-only API is touched at module level, and
 * `navigator.gpu` is read only when WebGPU was asked for.
 */
import { writeModelZip } from '../bundle/model-zip';
import { analyzeTable } from '../data/analyze';
import { createParser } from '../data/parse';
import { SliceReader } from '../data/slice-reader';
import type { Table } from '../data/types';
import { mlBackendFallbackReason, setMlBackend, type MlBackendPreference } from '../ml/backend';
import { chooseAutoBackend, type GpuAdapterInfo } from './backend-choice';
import { Slots } from './slots';
import { learnerOf } from '../ml/learners';
import type { TrainedModel } from '../ml/model';
import { trainAutoML } from '../ml/train';
import { FitCanceledError } from '../ml/types';
import { DatasetMissingError } from './ingest-service';
import { ProgressBridge, initialSnapshot } from './progress-bridge';
import { TRAIN_PROTOCOL_VERSION, type TrainApi, type TrainBackendPreference, type TrainOutcome, type TrainRequest } from './train-protocol';

/** Finished jobs whose progress is kept for the page's last poll; older ones are forgotten. */
export const KEPT_JOBS = 8;

/**
 * Bytes parsed between yields to the event loop while loading: small enough that a poll or a
 * cancel is answered within tens of milliseconds, large enough that yielding costs nothing.
 */
export const LOAD_SLICE_BYTES = 4 * 1024 * 1024;

export type LoadTrainBlob = (hash: string) => Promise<Blob | undefined>;

export interface TrainServiceOptions {
  /** Where the browser finds tfjs-backend-wasm's .wasm files (the app serves them at /tfjs/). */
  readonly wasmPaths?: string;
  /** Trainings run at once (default DEFAULT_CONCURRENCY); the page may change it (a setting). */
  readonly concurrency?: number;
}

/** One at a time by default: a search already keeps a core busy, and two share it no faster. */
export const DEFAULT_CONCURRENCY = 1;

interface Job {
  readonly bridge: ProgressBridge;
  canceled: boolean;
  /** Set while the job waits for a slot: a cancel then ends it at once. */
  onCancel?: () => void;
}

const BACKEND_PREFERENCES: Record<TrainBackendPreference, MlBackendPreference> = {
  // 'auto' is decided by measurement (backend-choice.ts) before this table is consulted.
  auto: 'auto',
  wasm: 'wasm',
  cpu: 'cpu',
  webgpu: 'webgpu',
};

/**
 * @example
 * const service = createTrainService(readDatasetBlob, { wasmPaths: '/tfjs/' });
 * const outcome = service.run({ jobId, datasetHash, columnOverrides: {}, config, backend: 'auto' });
 * const { seq, newTrials } = service.poll(jobId, 0)!;
 */
export function createTrainService(loadBlob: LoadTrainBlob, options: TrainServiceOptions = {}): TrainApi {
  const jobs = new Map<string, Job>();
  const slots = new Slots(options.concurrency ?? DEFAULT_CONCURRENCY);

  function register(jobId: string, job: Job): void {
    jobs.delete(jobId);
    jobs.set(jobId, job);
    // Forget the oldest finished jobs; a running job is never forgotten (its page still polls it).
    for (const [id, old] of jobs) {
      if (jobs.size <= KEPT_JOBS) break;
      if (old !== job && old.bridge.status !== 'running') jobs.delete(id);
    }
  }

  async function run(request: TrainRequest): Promise<TrainOutcome> {
    const job: Job = { bridge: new ProgressBridge(initialSnapshot(request.config.timeBudgetS * 1000)), canceled: false };
    register(request.jobId, job);
    const { bridge } = job;
    if (slots.isBusy()) bridge.update({ phase: 'queued' });
    const admitted = slots.acquire(request.jobId);
    const canceled = new Promise<'canceled'>((resolve) => (job.onCancel = () => resolve('canceled')));
    const first = await Promise.race([admitted.then(() => 'admitted' as const), canceled]);
    job.onCancel = undefined;
    if (first === 'canceled') {
      // Out of the line without ever running (or, if admitted meanwhile, the slot handed back).
      if (!slots.leave(request.jobId)) {
        await admitted;
        slots.release();
      }
      bridge.finish('canceled');
      throw new FitCanceledError();
    }
    try {
      return await runAdmitted(request, job);
    } finally {
      slots.release();
    }
  }

  async function runAdmitted(request: TrainRequest, job: Job): Promise<TrainOutcome> {
    const { bridge } = job;
    // The budget starts when the job leaves the queue.
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    bridge.update({ phase: 'loading' });
    const checkCanceled = () => {
      if (job.canceled) throw new FitCanceledError();
    };
    try {
      const wasmOptions = options.wasmPaths ? { wasmPaths: options.wasmPaths } : {};
      const gpu = await readGpuAdapter();
      let backend: string;
      let choiceNotice: string | undefined;
      if (request.backend === 'auto') {
        const choice = await chooseAutoBackend(gpu, wasmOptions);
        backend = choice.active;
        choiceNotice = `Backend chosen automatically: ${backend} (${choice.reason}).`;
      } else backend = await setMlBackend(BACKEND_PREFERENCES[request.backend], wasmOptions);
      const fallback = mlBackendFallbackReason();
      const adapter = backend === 'webgpu' ? gpu?.description : undefined;
      checkCanceled();
      const table = await loadTable(loadBlob, request, () => job.canceled, () => bridge.update({ elapsedMs: elapsed() }));
      checkCanceled();
      const { schema } = analyzeTable(table, request.columnOverrides, request.config.label);
      const result = await trainAutoML({
        table,
        schema,
        config: request.config,
        hooks: {
          isCanceled: () => job.canceled,
          onTrial: (trial) => bridge.addTrial(trial),
          onProgress: (p) =>
            bridge.update({ phase: p.phase, elapsedMs: elapsed(), trials: p.trials, bestScore: p.bestScore, bestLearner: p.bestLearner, fitting: p.fitting }),
        },
      });
      // The evaluation does not look at the flag; a cancel that came during it still wins.
      if (job.canceled) {
        disposeModel(result.model);
        throw new FitCanceledError();
      }
      bridge.update({ phase: 'saving', fitting: null, elapsedMs: elapsed() });
      const modelZip = await writeModelZip({ model: result.model, config: result.config, evaluation: result.evaluation, datasetHash: request.datasetHash });
      // The zip is all the page needs; tensors of neural members would otherwise stay until GC.
      disposeModel(result.model);
      bridge.update({ elapsedMs: elapsed() });
      bridge.finish('completed');
      const notices = [...result.notices, ...(choiceNotice ? [choiceNotice] : []), ...(fallback ? [`Trained on ${backend}: ${fallback}.`] : [])];
      return {
        trials: result.trials,
        chosen: result.chosen,
        validScore: result.validScore,
        evaluation: result.evaluation,
        ...(result.learningCurve ? { learningCurve: result.learningCurve } : {}),
        validation: result.validation,
        notices,
        modelZip,
        backend,
        ...(adapter !== undefined ? { adapter } : {}),
        elapsedMs: elapsed(),
      };
    } catch (e) {
      bridge.update({ elapsedMs: elapsed() });
      if (e instanceof FitCanceledError || (job.canceled && isNamed(e, 'FitCanceledError'))) {
        bridge.finish('canceled');
        throw new FitCanceledError();
      }
      const error = toUserError(e);
      bridge.finish('failed', error);
      throw error;
    }
  }

  return {
    version: TRAIN_PROTOCOL_VERSION,
    run,
    poll: (jobId, since) => jobs.get(jobId)?.bridge.drain(since),
    cancel(jobId) {
      const job = jobs.get(jobId);
      if (!job) return;
      job.canceled = true;
      job.onCancel?.();
    },
    setConcurrency(limit) {
      slots.setLimit(limit);
    },
  };
}

/**
 * Reads and parses the stored dataset slice by slice, yielding between slices so that a poll or a
 * cancel gets through while a large file parses. Rows with the wrong number of fields are left out
 * by the parser, as in the data cell (its notice says so there).
 */
async function loadTable(
  loadBlob: LoadTrainBlob,
  request: TrainRequest,
  isCanceled: () => boolean,
  onSlice: () => void,
): Promise<Table> {
  const blob = await loadBlob(request.datasetHash);
  if (!blob) throw new DatasetMissingError(request.datasetHash);
  const parser = createParser({ ...request.parseOptions, totalBytes: blob.size });
  const reader = new SliceReader(blob, LOAD_SLICE_BYTES, 1);
  for (;;) {
    const chunk = await reader.next();
    if (!chunk) break;
    parser.push(chunk);
    onSlice();
    if (isCanceled()) throw new FitCanceledError();
  }
  return parser.finish().table;
}

function disposeModel(model: TrainedModel): void {
  for (const member of model.members) learnerOf(member.learner).dispose?.(member.fitted);
}

function isNamed(e: unknown, name: string): boolean {
  return e instanceof Error && e.name === name;
}

/**
 * The error `run` rejects with. Comlink carries only name, message and stack, so the error keeps
 * its own name (TrainingInputError, a ParseError's, DatasetMissingError…) and message.
 */
function toUserError(e: unknown): Error {
  if (e instanceof Error) return e;
  const error = new Error(`Training failed: ${String(e)}`);
  error.name = 'TrainingError';
  return error;
}

/**
 * "vendor architecture (description)" of the adapter WebGPU would get, and whether it is a
 * fallback (software) adapter; undefined where there is none. Typed structurally: the WebGPU
 * types are not part of the compiler's libraries here.
 */
async function readGpuAdapter(): Promise<GpuAdapterInfo | undefined> {
  const nav: unknown = (globalThis as { navigator?: unknown }).navigator;
  const gpu = isObject(nav) ? nav.gpu : undefined;
  if (!isObject(gpu) || typeof gpu.requestAdapter !== 'function') return undefined;
  try {
    const adapter: unknown = await (gpu.requestAdapter as () => Promise<unknown>).call(gpu);
    if (!isObject(adapter)) return undefined;
    const info = isObject(adapter.info) ? adapter.info : {};
    const text = (key: string): string => {
      const value = info[key];
      return typeof value === 'string' ? value : '';
    };
    const parts = [text('vendor'), text('architecture'), text('device')].filter((s) => s !== '');
    const description = text('description');
    if (description !== '') parts.push(`(${description})`);
    const fallback = info.isFallbackAdapter === true || adapter.isFallbackAdapter === true;
    if (fallback) parts.push('[fallback adapter]');
    return { description: parts.length > 0 ? parts.join(' ') : 'unnamed adapter', fallback };
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
