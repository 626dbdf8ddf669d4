'use client';
import type { Remote } from 'comlink';
import { createContext, useContext } from 'react';
import type { IngestApi } from '../jobs/ingest-protocol';
import type { PredictApi } from '../jobs/predict-protocol';
import type { TrainApi } from '../jobs/train-protocol';

/**
 * The app's workers, handed in from outside lib/ (components create them from workers/*.client),
 * so that lib/ never imports worker code.
 */
export interface Workers {
  readonly ingest: () => Remote<IngestApi>;
  readonly train: () => Remote<TrainApi>;
  /** Kills the train worker (one that does not answer a cancel); the next use starts a fresh one. */
  readonly terminateTrain: () => void;
  /** Starts trial workers for the train worker until it has `count` (none below 2). */
  readonly trialWorkers?: (count: number) => Promise<void>;
  /** The predict worker (predict and evaluate cells); absent where no cell predicts. */
  readonly predict?: () => Remote<PredictApi>;
  /** Kills the predict worker (a cancel not answered); the next use starts a fresh one. */
  readonly terminatePredict?: () => void;
  /** `count` train workers for a sweep's runs at once, the train worker first. */
  readonly sweepWorkers?: (count: number) => Remote<TrainApi>[];
}

export const WorkersContext = createContext<Workers | null>(null);

export function useWorkers(): Workers {
  const workers = useContext(WorkersContext);
  if (!workers) throw new Error('useWorkers() is used outside a WorkersContext provider.');
  return workers;
}
