/**
 * Runs one training job from the page: a `running` record first, then the worker's run, polled
 * every `pollMs` — only what is new is persisted, with a heartbeat — and drained once more when
 * the run settles, before the record ends. Cancel asks the worker; a worker that does not answer
 * within CANCEL_GRACE_MS is terminated. Dependencies are passed in so that tests can drive it.
 */
import type { TrialRecord } from '../ml/search/run';
import type { TrainOutcome, TrainPoll, TrainRequest } from './train-protocol';

/** How often the page asks the worker for progress (DESIGN.md §5): often enough for a live chart. */
export const TRAIN_POLL_MS = 500;

/** A worker busy in a long step gets this long to stop before it is terminated. */
export const CANCEL_GRACE_MS = 1500;

export interface TrainRunnerDeps {
  readonly run: (request: TrainRequest) => Promise<TrainOutcome>;
  readonly poll: (jobId: string, since: number) => Promise<TrainPoll | undefined>;
  readonly cancel: (jobId: string) => Promise<void>;
  /** Kills the worker (a fresh one is created on next use). */
  readonly terminate: () => void;
  readonly recordProgress: (update: { snapshot: unknown; newTrials: readonly TrialRecord[]; newBest: readonly (readonly [number, number])[] }) => Promise<void>;
  readonly finish: (
    end:
      | { status: 'completed'; outcome: TrainOutcome }
      | { status: 'failed' | 'canceled'; error: { name: string; message: string } },
  ) => Promise<void>;
  readonly pollMs?: number;
}

export interface TrainJob {
  readonly done: Promise<void>;
  cancel(): void;
}

export function runTrainJob(request: TrainRequest, deps: TrainRunnerDeps): TrainJob {
  let since = 0;
  let polling: Promise<void> = Promise.resolve();
  let settled = false;
  let canceled = false;
  let forceCancel: (() => void) | undefined;

  const drain = async (): Promise<void> => {
    const poll = await deps.poll(request.jobId, since).catch(() => undefined);
    if (!poll) return;
    since = poll.seq;
    await deps.recordProgress({ snapshot: poll.snapshot, newTrials: poll.newTrials, newBest: poll.newBest });
  };
  // One poll at a time: a slow write never overlaps the next poll.
  const timer = setInterval(() => {
    polling = polling.then(drain).catch(() => undefined);
  }, deps.pollMs ?? TRAIN_POLL_MS);

  const forced = new Promise<'forced'>((resolve) => (forceCancel = () => resolve('forced')));
  const done = (async () => {
    let end: Parameters<TrainRunnerDeps['finish']>[0];
    let terminated = false;
    try {
      const outcome = await Promise.race([deps.run(request), forced]);
      terminated = outcome === 'forced';
      end = outcome === 'forced' ? canceledEnd() : { status: 'completed', outcome };
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      const message = error instanceof Error ? error.message : String(error);
      end = canceled || name === 'FitCanceledError' ? canceledEnd() : { status: 'failed', error: { name, message } };
    }
    settled = true;
    clearInterval(timer);
    // A terminated worker never answers: its last polls are abandoned, not awaited.
    if (!terminated) {
      await polling;
      await drain().catch(() => undefined);
    }
    await deps.finish(end);
  })();

  return {
    done,
    cancel() {
      if (settled || canceled) return;
      canceled = true;
      void deps.cancel(request.jobId).catch(() => undefined);
      setTimeout(() => {
        if (settled) return;
        deps.terminate();
        forceCancel?.();
      }, CANCEL_GRACE_MS);
    },
  };
}

function canceledEnd() {
  return { status: 'canceled' as const, error: { name: 'FitCanceledError', message: 'Training was canceled.' } };
}
