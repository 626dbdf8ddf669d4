'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ulid } from 'ulid';
import type { Remote } from 'comlink';
import type { PredictApi, PredictProgress } from '../jobs/predict-protocol';
import { toShownError, type ShownError } from './error-text';
import { useWorkers } from './workers-context';

/**
 * Every job waiting on the predict worker, by what ends its wait: stopping the worker (a cancel
 * not answered) ends them all, or the other cells' jobs would wait forever on a dead worker.
 */
const WAITING = new Set<() => void>();

/** How often the page asks the predict worker how far a job is. */
const PROGRESS_POLL_MS = 250;
/** A cancel not answered within this long: the worker is stopped (and restarted on next use). */
const CANCEL_GRACE_MS = 3000;

export interface PredictJobState {
  readonly running: boolean;
  readonly progress: PredictProgress | undefined;
  readonly error: ShownError | null;
}

/**
 * One job at a time in the predict worker for a cell: `run(work)` hands `work` the worker and a
 * fresh job id, polls its progress while it runs, and keeps the error to show. `cancel` asks the
 * worker, then stops it if it does not answer.
 */
export function usePredictJob() {
  const workers = useWorkers();
  const [state, setState] = useState<PredictJobState>({ running: false, progress: undefined, error: null });
  const current = useRef<{ jobId: string; settle: () => void } | null>(null);
  /** The last run's error, for callers that wait on a run rather than render its state. */
  const lastError = useRef<ShownError | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async <T,>(work: (api: Remote<PredictApi>, jobId: string) => Promise<T>): Promise<T | undefined> => {
      if (!workers.predict) throw new Error('No predict worker on this page.');
      const api = workers.predict();
      const jobId = ulid();
      let settled = false;
      // A terminated worker never answers: the cancel settles the wait itself.
      let abandon: () => void = () => {};
      const abandoned = new Promise<'abandoned'>((resolve) => (abandon = () => resolve('abandoned')));
      let canceledHere = false;
      current.current = {
        jobId,
        settle: () => {
          canceledHere = true;
          abandon();
        },
      };
      WAITING.add(abandon);
      lastError.current = null;
      setState({ running: true, progress: undefined, error: null });
      const timer = setInterval(() => {
        void api.progress(jobId).then((progress) => !settled && mounted.current && progress && setState((s) => ({ ...s, progress })));
      }, PROGRESS_POLL_MS);
      try {
        const outcome = await Promise.race([work(api, jobId), abandoned]);
        if (outcome !== 'abandoned') return outcome;
        lastError.current = { name: 'Interrupted', message: canceledHere ? 'Canceled.' : 'The predict worker was restarted (a cancel elsewhere was not answered), so this run stopped. Run it again.' };
        if (!canceledHere && mounted.current) setState((s) => ({ ...s, error: lastError.current }));
        return undefined;
      } catch (error) {
        const shown = toShownError(error);
        lastError.current = shown;
        if (mounted.current) setState((s) => ({ ...s, error: shown.name === 'FitCanceledError' ? null : shown }));
        return undefined;
      } finally {
        WAITING.delete(abandon);
        settled = true;
        clearInterval(timer);
        if (current.current?.jobId === jobId) current.current = null;
        if (mounted.current) setState((s) => ({ ...s, running: false, progress: undefined }));
      }
    },
    [workers],
  );

  const cancel = useCallback(() => {
    const job = current.current;
    if (!job || !workers.predict) return;
    void workers.predict().cancel(job.jobId);
    setTimeout(() => {
      if (current.current?.jobId !== job.jobId) return;
      workers.terminatePredict?.();
      job.settle();
      // The worker is gone: whatever else waited on it ends too (its cell can run again).
      for (const end of [...WAITING]) end();
    }, CANCEL_GRACE_MS);
  }, [workers]);

  const setError = useCallback((error: unknown) => {
    lastError.current = toShownError(error);
    setState((s) => ({ ...s, error: lastError.current }));
  }, []);
  return { ...state, run, cancel, setError, failure: () => lastError.current };
}
