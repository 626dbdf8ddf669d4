/**
 * The page's handle on the predict worker: created on first use, shared by every predict and
 * evaluate cell. `terminatePredictWorker` stops one that does not answer a cancel.
 */
import { releaseProxy, wrap, type Remote } from 'comlink';
import type { PredictApi } from '@/lib/jobs/predict-protocol';

let current: { readonly worker: Worker; readonly remote: Remote<PredictApi> } | undefined;

export function predictWorker(): Remote<PredictApi> {
  if (!current) {
    const worker = new Worker(new URL('./predict.worker.ts', import.meta.url), { type: 'module', name: 'predict' });
    current = { worker, remote: wrap<PredictApi>(worker) };
  }
  return current.remote;
}

export function terminatePredictWorker(): void {
  if (!current) return;
  current.remote[releaseProxy]();
  current.worker.terminate();
  current = undefined;
}
