/**
 * The train worker's logic, kept out of the worker file so that tests can call it directly.
 *
 * One `run` is one training job: load the stored dataset, parse it, apply the data cell's
 * overrides, search and evaluate (lib/ml), write model.zip (lib/bundle). The trainer reports only
 * into the job's ProgressBridge; the page pulls it with `poll` (DESIGN.md §5).
 *
 * Runs in a Web Worker and in Node (Vitest): no DOM-only API is touched at module level, and
 * `navigator.gpu` is read only when a job or the WebGPU check starts. When the backend in use is
 * webgpu, the tree learners build large nodes' histograms on the GPU too (webgpu.ts). With trial
 * workers handed over by the page, a search may fit several trials at once on them (trial-pool.ts).
 */
import { wrap } from 'comlink';
import { expandSweep } from '../experiments/sweep';
import { parseSweepSpec, SweepSpecError } from '../experiments/sweep-spec';
import { writeModelZip } from '../bundle/model-zip';
import { analyzeTable } from '../data/analyze';
import type { Table } from '../data/types';
import { mlBackendFallbackReason, setMlBackend, type MlBackendPreference } from '../ml/backend';
import { readGpuAdapter } from '../ml/gbdt/gpu/adapter';
import { chooseAutoBackend, deviceCalibration, memoryCalibrations, type AutoChoice, type CalibrationStore, type GpuAdapterInfo } from './backend-choice';
import { calibrate } from './calibrate';
import { CALIBRATION_VERSION, deviceKey, isCurrent, type Calibration } from './calibration';
import { runDeviceBench } from './device-bench';
import { Slots } from './slots';
import { learnerOf } from '../ml/learners';
import type { TrainedModel } from '../ml/model';
import { trainAutoML, type TrainHooks } from '../ml/train';
import { openTrialPool, type TrialWorker } from './trial-pool';
import type { TrialApi } from './trial-protocol';
import { FitCanceledError } from '../ml/types';
import { loadTable } from './load-table';
import { ProgressBridge, initialSnapshot } from './progress-bridge';
import { TRAIN_PROTOCOL_VERSION, type TrainApi, type TrainBackendPreference, type TrainOutcome, type TrainRequest, type WebGpuCheck } from './train-protocol';
import { checkWebGpu, openTreeHistograms, treeHistogramsNotice, type TreeHistograms } from './webgpu';

/** Finished jobs whose progress is kept for the page's last poll; older ones are forgotten. */
export const KEPT_JOBS = 8;

import type { LoadTrainBlob } from './load-table';
export type { LoadTrainBlob };

export interface TrainServiceOptions {
  /** Where the browser finds tfjs-backend-wasm's .wasm files (the app serves them at /tfjs/). */
  readonly wasmPaths?: string;
  /** Trainings run at once (default DEFAULT_CONCURRENCY); the page may change it (a setting). */
  readonly concurrency?: number;
  /** Where this device's backend calibration is kept (lib/store in the worker); absent: for this worker's life. */
  readonly calibrations?: CalibrationStore;
  /** Trial workers available from the start (tests); the page hands its own over with `addTrialWorkers`. */
  readonly trialWorkers?: readonly TrialWorker[];
}

/** What 'auto' falls back on before a device is calibrated: WASM, and trees on the CPU. */
function uncalibrated(device: string, why: string): Calibration {
  return { version: CALIBRATION_VERSION, device, measuredAt: 0, webgpuSkipped: why, mlp: [], trees: [] };
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
  /**
   * The device check, calibration or benchmark in progress: each switches TF.js's backend and
   * times the device, so none runs beside a training, and a job waits for it before choosing.
   */
  let deviceWork: Promise<unknown> | undefined;
  const wasmOptions = options.wasmPaths ? { wasmPaths: options.wasmPaths } : {};
  const calibrations = options.calibrations ?? memoryCalibrations();
  const cpuThreads = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency || 1;
  const busy = { type: 'busy', reason: 'a training is running in this tab; try again when it has finished' } as const;
  const training = () => [...jobs.values()].some((j) => j.bridge.status === 'running');
  const trialWorkers: TrialWorker[] = [...(options.trialWorkers ?? [])];
  /** Trial workers a running search holds: a second training gets the others, or none. */
  const leased = new Set<TrialWorker>();

  /**
   * Where the job's trials run: up to `wanted` free trial workers, when the neural backend is one
   * every worker can run (WASM or CPU) and no GPU builds tree histograms; else in this worker.
   */
  function trialsFor(wanted: number, backend: string, gpuTrees: boolean, report: (workers: number, why?: string) => void): TrainHooks['openTrials'] {
    if (wanted < 2) return undefined;
    if ((backend !== 'wasm' && backend !== 'cpu') || gpuTrees) {
      report(1, `the ${backend === 'webgpu' ? 'WebGPU backend' : 'GPU'} is not shared between workers`);
      return undefined;
    }
    return async (data, setup) => {
      const lease = trialWorkers.filter((w) => !leased.has(w)).slice(0, wanted);
      if (lease.length < 2) {
        report(1, trialWorkers.length < 2 ? 'no trial workers were started' : 'the trial workers were busy with another training');
        return undefined;
      }
      for (const w of lease) leased.add(w);
      const release = () => {
        for (const w of lease) leased.delete(w);
      };
      try {
        const pool = await openTrialPool(lease, data, { ...setup, backend: backend === 'cpu' ? 'cpu' : 'wasm' });
        report(lease.length);
        return {
          slots: pool.slots,
          run: (candidate, limits) => pool.run(candidate, limits),
          cancel: () => pool.cancel?.(),
          close() {
            pool.close();
            release();
          },
        };
      } catch (e) {
        release();
        report(1, `the trial workers could not start (${e instanceof Error ? e.message : String(e)})`);
        return undefined;
      }
    };
  }

  async function exclusive<T>(task: () => Promise<T>): Promise<T | typeof busy> {
    while (deviceWork) await deviceWork.catch(() => undefined);
    if (training()) return busy;
    const work = task();
    const done = () => {
      if (deviceWork === work) deviceWork = undefined;
    };
    deviceWork = work;
    work.then(done, done);
    return work;
  }

  function deviceContext(gpu: GpuAdapterInfo | undefined) {
    const openHistograms = async () => {
      const trees = gpu && (await openTreeHistograms(gpu.description, 1));
      return trees?.type === 'ready' ? trees.histograms : undefined;
    };
    return {
      ...(gpu ? { adapter: gpu, openHistograms } : {}),
      cpuThreads,
    };
  }

  /**
   * 'auto' for one job: the stored calibration, or one measured now when no other training runs
   * (measuring beside one would time both and switch its backend under it).
   */
  async function autoBackend(gpu: GpuAdapterInfo | undefined, rows: number, job: Job): Promise<AutoChoice & { note?: string }> {
    // Jobs waiting for a slot do not count: they start after this one has measured.
    const others = [...jobs.values()].some((j) => j !== job && j.bridge.status === 'running' && j.bridge.phase !== 'queued');
    const device = deviceKey(gpu?.description, cpuThreads);
    const stored = await calibrations.read(device).catch(() => undefined);
    if (!isCurrent(stored, device, Date.now()) && others) {
      return chooseAutoBackend(uncalibrated(device, 'this device is not calibrated yet: another training was running, so WASM was kept'), rows);
    }
    const measuring = performance.now();
    if (!isCurrent(stored, device, Date.now())) job.bridge.update({ phase: 'calibrating' });
    const { calibration, measured } = await deviceCalibration(calibrations, { ...wasmOptions, ...deviceContext(gpu) });
    const note = measured ? `This device was calibrated first (${((performance.now() - measuring) / 1000).toFixed(1)} s, kept for its next trainings).` : undefined;
    return { ...chooseAutoBackend(calibration, rows), ...(note ? { note } : {}) };
  }

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

  /**
   * The last table parsed, by dataset and parse options: a sweep's runs follow one another on the
   * same data, and parsing it again for each would be most of a small run's cost.
   */
  let lastTable: { key: string; table: Table } | undefined;
  async function tableFor(request: TrainRequest, job: Job, elapsed: () => number): Promise<Table> {
    const key = JSON.stringify([request.datasetHash, request.parseOptions ?? null]);
    if (lastTable?.key === key) return lastTable.table;
    const table = await loadTable(loadBlob, request.datasetHash, request.parseOptions, () => job.canceled, () => job.bridge.update({ elapsedMs: elapsed() }));
    lastTable = { key, table };
    return table;
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
      const table = await tableFor(request, job, elapsed);
      checkCanceled();
      await deviceWork?.catch(() => undefined);
      const adapterReport = await readGpuAdapter();
      const gpu = adapterReport.type === 'adapter' ? adapterReport : undefined;
      let backend: string;
      let choiceNotice: string | undefined;
      let trees: TreeHistograms | undefined;
      if (request.backend === 'auto') {
        const auto = await autoBackend(gpu, table.rowCount, job);
        backend = await setMlBackend(auto.neural.backend, wasmOptions);
        choiceNotice = `Backend chosen automatically: ${backend} (${auto.neural.reason}).${auto.note ? ` ${auto.note}` : ''}`;
        if (gpu && Number.isFinite(auto.treeGpuMinRows)) trees = await openTreeHistograms(gpu.description, auto.treeGpuMinRows);
      } else {
        backend = await setMlBackend(BACKEND_PREFERENCES[request.backend], wasmOptions);
        if (backend === 'webgpu' && gpu) trees = await openTreeHistograms(gpu.description);
      }
      const fallback = mlBackendFallbackReason();
      const adapter = backend === 'webgpu' || trees?.type === 'ready' ? gpu?.description : undefined;
      checkCanceled();
      const { schema } = analyzeTable(table, request.columnOverrides, request.config.label);
      let workersUsed = 1;
      let workersNotice: string | undefined;
      const openTrials = trialsFor(request.trialWorkers ?? 1, backend, trees?.type === 'ready', (n, why) => {
        workersUsed = n;
        workersNotice = why ? `Trials ran one at a time: ${why}.` : `Trials ran on ${n} workers at once.`;
      });
      const result = await trainAutoML({
        table,
        schema,
        config: request.config,
        hooks: {
          isCanceled: () => job.canceled,
          histograms: trees?.type === 'ready' ? trees.histograms : undefined,
          ...(openTrials ? { openTrials } : {}),
          onTrial: (trial) => bridge.addTrial(trial),
          onProgress: (p) =>
            bridge.update({ phase: p.phase, elapsedMs: elapsed(), trials: p.trials, bestScore: p.bestScore, bestLearner: p.bestLearner, fitting: p.fitting, running: p.running }),
        },
      });
      // The evaluation does not look at the flag; a cancel that came during it still wins.
      if (job.canceled) {
        disposeModel(result.model);
        throw new FitCanceledError();
      }
      bridge.update({ phase: 'saving', fitting: null, elapsedMs: elapsed() });
      const modelZip = request.output === 'metrics' ? undefined : await writeModelZip({ model: result.model, config: result.config, evaluation: result.evaluation, datasetHash: request.datasetHash, experimentId: request.jobId });
      // The zip is all the page needs; tensors of neural members would otherwise stay until GC.
      disposeModel(result.model);
      bridge.update({ elapsedMs: elapsed() });
      bridge.finish('completed');
      const treesNotice = trees && treeHistogramsNotice(trees);
      const notices = [...result.notices, ...(choiceNotice ? [choiceNotice] : []), ...(fallback ? [`Trained on ${backend}: ${fallback}.`] : []), ...(treesNotice ? [treesNotice] : []), ...(workersNotice ? [workersNotice] : [])];
      return {
        trials: result.trials,
        chosen: result.chosen,
        validScore: result.validScore,
        evaluation: result.evaluation,
        ...(result.learningCurve ? { learningCurve: result.learningCurve } : {}),
        validation: result.validation,
        notices,
        ...(modelZip ? { modelZip } : {}),
        backend,
        ...(adapter !== undefined ? { adapter } : {}),
        trialWorkers: workersUsed,
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
    addTrialWorkers(ports) {
      for (const port of ports) trialWorkers.push(wrap<TrialApi>(port));
    },
    async checkWebGpu() {
      return exclusive(() => readGpuAdapter().then((adapter) => checkWebGpu(adapter, wasmOptions)));
    },
    async calibrate() {
      return exclusive(async () => {
        const adapter = await readGpuAdapter();
        const gpu = adapter.type === 'adapter' ? adapter : undefined;
        const calibration = await calibrate({ ...wasmOptions, ...deviceContext(gpu), includeSoftware: true });
        await calibrations.save(calibration).catch(() => undefined);
        return { type: 'calibrated', calibration };
      });
    },
    async expandSweep(spec, task) {
      try {
        return { type: 'expanded', runs: expandSweep(parseSweepSpec(spec), task) };
      } catch (e) {
        if (e instanceof SweepSpecError) return { type: 'invalid', message: e.message, ...(e.param ? { param: e.param } : {}) };
        throw e;
      }
    },
    async benchmark(kind) {
      return exclusive(async () => {
        const adapter = await readGpuAdapter();
        const open = async (description: string) => {
          const trees = await openTreeHistograms(description);
          return trees.type === 'ready' ? trees.histograms : undefined;
        };
        return { type: 'measured', result: await runDeviceBench(kind, adapter, wasmOptions, open) };
      });
    },
  };
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
