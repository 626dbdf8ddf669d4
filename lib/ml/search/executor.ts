/**
 * Where the search's trials run. The search asks an executor for trials and keeps up to `slots`
 * of them in flight; the executor decides where they fit: here, one at a time (`localExecutor`),
 * or on other workers (lib/jobs/trial-pool.ts), each fitting on its own copy of the data.
 */
import type { MetricName } from '../metrics';
import type { Candidate } from './local-search';
import { runTrial, type FoldCache, type TrialData, type TrialOutcome } from './trial';

/** The time a trial may use: the search's deadline, and its own share (absent: none). */
export interface TrialLimits {
  /** `performance.now()` time of this thread by which the trial's fits stop. */
  readonly deadline: number;
  readonly trialMs?: number;
}

export interface TrialExecutor {
  /** Trials that may run at once. */
  readonly slots: number;
  /** Fits and scores one trial; rejects with the trial's error (FitCanceledError once canceled). */
  run(candidate: Candidate, limits: TrialLimits): Promise<TrialOutcome>;
  /** Asks every trial in flight to stop (a canceled search). */
  cancel?(): void;
}

/** What every trial of one search shares, wherever it runs. */
export interface TrialSetup {
  readonly metric: MetricName;
  readonly seed: number;
}

/** Trials on this thread, one at a time, on encoded folds shared by all of them. */
export function localExecutor(data: TrialData, cache: FoldCache, setup: TrialSetup, isCanceled?: () => boolean): TrialExecutor {
  return {
    slots: 1,
    run: (candidate, limits) => runTrial(candidate, data, cache, setup.metric, { seed: setup.seed, deadline: limits.deadline, trialMs: limits.trialMs, isCanceled }),
  };
}
