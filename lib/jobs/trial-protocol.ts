/**
 * A trial worker's API: what crosses between the train worker's search and one
 * `workers/trial.worker.ts`. Types only. A search sends its data once (`open`), then one
 * candidate per `run`; fitted models come back as their files, as they would go into model.zip.
 */
import type { Candidate } from '../ml/search/local-search';
import type { TrialSetup } from '../ml/search/executor';
import type { TrialData } from '../ml/search/trial';
import type { ModelFiles, Predictions } from '../ml/types';

export const TRIAL_PROTOCOL_VERSION = 1;

/** The search's data as it travels: no GPU device (trial workers fit on the CPU or WASM). */
export type TrialWireData = Omit<TrialData, 'histograms'>;

export interface TrialWireSetup extends TrialSetup {
  /** The TF.js backend the neural learners use in the worker: the train worker's own. */
  readonly backend: 'wasm' | 'cpu';
}

export interface TrialWireOutcome {
  readonly fitted: readonly ModelFiles[];
  readonly validation: Predictions;
  readonly score: number;
  readonly loss: number;
}

export interface TrialApi {
  /** Keeps a search's data for its trials; returns the backend that started. */
  open(searchId: string, data: TrialWireData, setup: TrialWireSetup): Promise<string>;
  /**
   * Fits one trial. Times are this worker's own: `remainingMs` until the search's deadline (clocks
   * of workers do not share an origin).
   */
  run(searchId: string, candidate: Candidate, limits: { readonly remainingMs: number; readonly trialMs?: number }): Promise<TrialWireOutcome>;
  /** Stops the search's trials in flight; they reject with FitCanceledError. */
  cancel(searchId: string): Promise<void>;
  /** Forgets the search's data. */
  close(searchId: string): Promise<void>;
}

/** The page's message to a new trial worker: `{ type: TRIAL_PORT_MESSAGE, port }`, the port transferred. */
export const TRIAL_PORT_MESSAGE = 'loopbook:trial-port';
