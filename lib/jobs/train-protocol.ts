/**
 * The train worker's API: what crosses between the page and `workers/train.worker.ts`.
 * Types only; the page imports this module as a type (Comlink carries these by structured clone).
 *
 * Progress is pull-based (DESIGN.md §5): the trainer writes to a ProgressBridge inside the worker
 * (synchronous, no I/O); the page polls `poll(jobId, since)` every 500 ms and persists only what is
 * new; after `run` settles it drains once more.
 */
import type { ColumnOverrides } from '../data/analyze';
import type { ParseOptions, Task } from '../data/types';
import type { SweepRun } from '../experiments/types';
import type { Evaluation } from '../ml/evaluate';
import type { TrialRecord } from '../ml/search/run';
import type { AutoMLConfig } from '../ml/train';
import type { LearningCurve } from '../ml/types';
import type { Calibration } from './calibration';
import type { DeviceBenchKind, DeviceBenchResult } from './device-bench';

export const TRAIN_PROTOCOL_VERSION = 4;

export type TrainBackendPreference = 'auto' | 'wasm' | 'cpu' | 'webgpu';

export interface TrainRequest {
  readonly jobId: string;
  /** The stored dataset to train on (lib/store datasets, by content hash). */
  readonly datasetHash: string;
  /** How the data cell parsed it (the stored dataset's delimiter and encoding); sniffed when absent. */
  readonly parseOptions?: ParseOptions;
  /** The data cell's type overrides and exclusions. */
  readonly columnOverrides: ColumnOverrides;
  readonly config: AutoMLConfig;
  readonly backend: TrainBackendPreference;
  /**
   * Workers the search may spread its trials over (a setting; absent or 1: one at a time in the
   * train worker). Taken from those handed over by `addTrialWorkers` that no other training uses.
   */
  readonly trialWorkers?: number;
  /** 'metrics': a sweep run, which keeps its held-out metrics only; no model.zip is written. Default 'model'. */
  readonly output?: 'model' | 'metrics';
}

export type TrainStatus = 'running' | 'completed' | 'failed' | 'canceled';

export interface TrainSnapshot {
  readonly status: TrainStatus;
  /** 'queued': waiting for a free slot (the limit of trainings at once). */
  readonly phase: 'queued' | 'loading' | 'calibrating' | 'search' | 'evaluate' | 'saving';
  readonly elapsedMs: number;
  readonly budgetMs: number;
  readonly trials: number;
  readonly bestScore: number | null;
  readonly bestLearner: string | null;
  /** The learner being fitted now (the latest started, when several are). */
  readonly fitting: string | null;
  /** Trials being fitted at once: more than one when they run on several workers. */
  readonly running?: number;
  /** Set when status is 'failed': the error's name and user-facing message. */
  readonly error?: { readonly name: string; readonly message: string };
}

/** What changed since sequence number `since`: the latest snapshot and the new records only. */
export interface TrainPoll {
  /** Pass back as `since` next time. */
  readonly seq: number;
  readonly snapshot: TrainSnapshot;
  readonly newTrials: readonly TrialRecord[];
  /** New points of the best validation score over time: [elapsed ms, score]. */
  readonly newBest: readonly (readonly [number, number])[];
}

export interface TrainOutcome {
  readonly trials: readonly TrialRecord[];
  /** Trial indices the model is made of, best first. */
  readonly chosen: readonly number[];
  readonly validScore: number | null;
  readonly evaluation: Evaluation;
  /** The best trial's loss by round or epoch, for a learning-curve chart. */
  readonly learningCurve?: LearningCurve & { readonly trial: number };
  readonly validation: { readonly kind: 'holdout' | 'kfold' | 'none'; readonly trainRows: number; readonly testRows: number };
  readonly notices: readonly string[];
  /** The model as model.zip bytes (lib/bundle), ready to store as a blob; absent with output 'metrics'. */
  readonly modelZip?: Uint8Array;
  /** The TF.js backend the neural learners ran on, and the adapter when it was WebGPU. */
  readonly backend: string;
  readonly adapter?: string;
  /** Workers the trials ran on at once (1: in the train worker, one after another). */
  readonly trialWorkers: number;
  readonly elapsedMs: number;
}

/** How far WebGPU's results are from the CPU's, with the tolerances they are held to. */
export type WebGpuCheck =
  | { readonly type: 'unavailable'; readonly reason: string }
  /** The check switches TF.js's backend, so it does not run beside a training. */
  | { readonly type: 'busy'; readonly reason: string }
  | {
      readonly type: 'checked';
      readonly adapter: string;
      /** A software adapter: correct but slow, so never chosen automatically. */
      readonly fallback: boolean;
      /** Tree histograms of all rows and of a subset of a synthetic table, GPU against CPU kernels. */
      readonly histograms: {
        readonly rows: number;
        readonly subsetRows: number;
        readonly features: number;
        /** Max over bins of |GPU − CPU| / Σ|value| of the bin's rows. */
        readonly maxRelativeDifference: number;
        readonly tolerance: number;
      };
      /** One small network with fixed seeded weights: class probabilities on TF.js webgpu against cpu. */
      readonly mlp: { readonly rows: number; readonly maxAbsoluteDifference: number; readonly tolerance: number };
      /** Both differences within their tolerances. */
      readonly pass: boolean;
    };

/** Device work (check, calibration, benchmark) is refused while a training runs in the worker. */
export interface DeviceBusy {
  readonly type: 'busy';
  readonly reason: string;
}

export type CalibrationReport = DeviceBusy | { readonly type: 'calibrated'; readonly calibration: Calibration };

export type DeviceBenchReport = DeviceBusy | { readonly type: 'measured'; readonly result: DeviceBenchResult };

export type SweepExpansion = { readonly type: 'expanded'; readonly runs: readonly SweepRun[] } | { readonly type: 'invalid'; readonly message: string; readonly param?: string };

export interface TrainApi {
  readonly version: number;
  /** Runs a training job to its end; rejects with the job's error (FitCanceledError when canceled). */
  run(request: TrainRequest): Promise<TrainOutcome>;
  /** What is new since `since` (0 at first); undefined for a job this worker does not know. */
  poll(jobId: string, since: number): TrainPoll | undefined;
  /** Ask a job to stop; it stops between steps, within about a second. */
  cancel(jobId: string): void;
  /** How many trainings this worker runs at once; the rest wait their turn. */
  setConcurrency(limit: number): void;
  /** Ports to trial workers (workers/trial.worker.ts) the page started, for searches to spread trials over. */
  addTrialWorkers(ports: readonly MessagePort[]): void;
  /** Runs the same histograms and network on WebGPU and on the CPU and compares (the diagnostics page). */
  checkWebGpu(): Promise<WebGpuCheck>;
  /** Measures this device's backends (a software adapter too) and keeps the result for 'auto'. */
  calibrate(): Promise<CalibrationReport>;
  /**
   * A sweep cell's spec checked and expanded into its runs (here: the learners' param checks need
   * TF.js, which the page does not load), or why it cannot run.
   */
  expandSweep(spec: unknown, task: Task): Promise<SweepExpansion>;
  /** Training speed of one backend on the generated benchmark table (the diagnostics page, the bench). */
  benchmark(kind: DeviceBenchKind): Promise<DeviceBenchReport>;
}
