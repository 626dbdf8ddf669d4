'use client';
import { createContext, useContext, useEffect, useRef } from 'react';
import type { ChosenModel, ModelCandidate } from '@/lib/experiments/choose-model';
import type { CellId } from '@/lib/ids';

/**
 * How the notebook runs a cell and waits for it (run all, run with inputs, run downstream): each
 * runnable cell registers a function that starts its job and settles when the job ends, rejecting
 * with a message the user can act on when the cell cannot run or its job fails.
 */
export type CellRunner = () => Promise<void>;

export interface CellRunners {
  register(id: CellId, runner: CellRunner): () => void;
  /** Why the cell's result is out of date (null: it is not), for its frame's badge. */
  reportStale(id: CellId, reason: string | null): void;
  /** A pipeline run is under way: cells do not re-run by themselves meanwhile. */
  readonly pipelineRunning: boolean;
}

export const CellRunnersContext = createContext<CellRunners | null>(null);

/** Registers `runner` for the cell while it is mounted; the latest `runner` is the one called. */
export function useCellRunner(id: CellId, runner: CellRunner): void {
  const registry = useContext(CellRunnersContext);
  const latest = useRef(runner);
  latest.current = runner;
  useEffect(() => registry?.register(id, () => latest.current()), [registry, id]);
}

/** Tells the frame why the cell's result is stale, while it is. */
export function useReportStale(id: CellId, reason: string | null): void {
  const registry = useContext(CellRunnersContext);
  useEffect(() => {
    registry?.reportStale(id, reason);
  }, [registry, id, reason]);
  useEffect(() => () => registry?.reportStale(id, null), [registry, id]);
}

/** Whether the notebook is running cells as a pipeline. */
export function usePipelineRunning(): boolean {
  return useContext(CellRunnersContext)?.pipelineRunning ?? false;
}

/** A run refused before it started: what is missing, in the user's words. */
export class CellNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CellNotReadyError';
  }
}

/** The model a predict or evaluate cell uses right now, or why it has none. */
export async function modelForRun(resolve: () => Promise<ChosenModel>): Promise<ModelCandidate> {
  const chosen = await resolve();
  if (chosen.type === 'none') throw new CellNotReadyError(chosen.message);
  return chosen.experiment;
}

/** Rejects with the job's own error when a predict or evaluate run did not finish. */
export function finished(done: boolean, failure: () => { readonly message: string } | null): void {
  if (!done) throw new Error(failure()?.message ?? 'The run did not finish.');
}
