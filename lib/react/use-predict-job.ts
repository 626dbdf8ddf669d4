'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ulid } from 'ulid';
import type { Remote } from 'comlink';
import type { PredictApi, PredictProgress } from '../jobs/predict-protocol';
import { toShownError, type ShownError } from './error-text';
import { useWorkers } from './workers-context';

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
      current.current = { jobId, settle: () => abandon() };
      setState({ running: true, progress: undefined, error: null });
      const timer = setInterval(() => {
        void api.progress(jobId).then((progress) => !settled && mounted.current && progress && setState((s) => ({ ...s, progress })));
      }, PROGRESS_POLL_MS);
      try {
        const outcome = await Promise.race([work(api, jobId), abandoned]);
        return outcome === 'abandoned' ? undefined : outcome;
      } catch (error) {
        const shown = toShownError(error);
        if (mounted.current) setState((s) => ({ ...s, error: shown.name === 'FitCanceledError' ? null : shown }));
        return undefined;
      } finally {
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
    }, CANCEL_GRACE_MS);
  }, [workers]);

  const clearError = useCallback(() => setState((s) => ({ ...s, error: null })), []);
  return { ...state, run, cancel, clearError, setError: (error: unknown) => setState((s) => ({ ...s, error: toShownError(error) })) };
}
