/**
 * The page's handle on the train worker: created on first use, shared by every train cell.
 * `terminateTrainWorker` is the fallback when a cancel is not answered; the next use starts a
 * fresh worker.
 */
import { releaseProxy, wrap, type Remote } from 'comlink';
import type { TrainApi } from '@/lib/jobs/train-protocol';

let current: { readonly worker: Worker; readonly remote: Remote<TrainApi> } | undefined;

export function trainWorker(): Remote<TrainApi> {
  if (!current) {
    const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'train' });
    current = { worker, remote: wrap<TrainApi>(worker) };
  }
  return current.remote;
}

/**
 * Kills the worker and whatever it was running: pending calls never settle, so callers should
 * stop waiting on them (race them against their own timeout) before calling this.
 */
export function terminateTrainWorker(): void {
  if (!current) return;
  const { worker, remote } = current;
  current = undefined;
  remote[releaseProxy]();
  worker.terminate();
}
