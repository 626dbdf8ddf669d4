/**
 * The page's handle on the train worker: created on first use, shared by every train cell.
 * `terminateTrainWorker` is the fallback when a cancel is not answered; the next use starts a
 * fresh worker. Trial workers, which a search may spread its trials over, are started here too
 * (a worker cannot count on starting workers of its own in every bundle) and belong to the train
 * worker: they are terminated with it.
 */
import { releaseProxy, transfer, wrap, type Remote } from 'comlink';
import type { TrainApi } from '@/lib/jobs/train-protocol';
import { TRIAL_PORT_MESSAGE } from '@/lib/jobs/trial-protocol';

interface TrainWorkers {
  readonly worker: Worker;
  readonly remote: Remote<TrainApi>;
  readonly trials: Worker[];
  /** More train workers for a sweep's runs at once (the first sweep worker is the train worker). */
  readonly sweepers: { readonly worker: Worker; readonly remote: Remote<TrainApi> }[];
}

let current: TrainWorkers | undefined;

export function trainWorker(): Remote<TrainApi> {
  if (!current) {
    const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'train' });
    current = { worker, remote: wrap<TrainApi>(worker), trials: [], sweepers: [] };
  }
  return current.remote;
}

/**
 * Kills the worker and whatever it was running: pending calls never settle, so callers should
 * stop waiting on them (race them against their own timeout) before calling this.
 */
export function terminateTrainWorker(): void {
  if (!current) return;
  const { worker, remote, trials, sweepers } = current;
  current = undefined;
  remote[releaseProxy]();
  worker.terminate();
  for (const t of trials) t.terminate();
  for (const s of sweepers) {
    s.remote[releaseProxy]();
    s.worker.terminate();
  }
}

/**
 * `count` train workers for a sweep's runs at once: the train worker, then more of the same kind,
 * started on first need and kept (terminated with the train worker).
 */
export function sweepWorkers(count: number): Remote<TrainApi>[] {
  const main = trainWorker();
  const sweepers = current!.sweepers;
  while (sweepers.length < count - 1) {
    const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: `sweep-${sweepers.length + 2}` });
    sweepers.push({ worker, remote: wrap<TrainApi>(worker) });
  }
  return [main, ...sweepers.slice(0, Math.max(0, count - 1)).map((s) => s.remote)];
}

/**
 * Makes sure the train worker has at least `count` trial workers (1 or less: none are needed, the
 * train worker fits its trials itself). Each gets one end of a channel, the train worker the other.
 */
export async function ensureTrialWorkers(count: number): Promise<void> {
  const remote = trainWorker();
  const trials = current!.trials;
  const ports: MessagePort[] = [];
  while (count > 1 && trials.length < count) {
    const trial = new Worker(new URL('./trial.worker.ts', import.meta.url), { type: 'module', name: `trial-${trials.length + 1}` });
    const channel = new MessageChannel();
    trial.postMessage({ type: TRIAL_PORT_MESSAGE, port: channel.port1 }, [channel.port1]);
    trials.push(trial);
    ports.push(channel.port2);
  }
  if (ports.length > 0) await remote.addTrialWorkers(transfer(ports, ports));
}
