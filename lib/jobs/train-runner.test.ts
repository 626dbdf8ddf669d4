import { describe, expect, it, vi } from 'vitest';
import type { TrialRecord } from '../ml/search/run';
import type { TrainOutcome, TrainPoll, TrainRequest } from './train-protocol';
import { runTrainJob, type TrainRunnerDeps } from './train-runner';

const request = { jobId: 'j1' } as unknown as TrainRequest;
const trial = (index: number): TrialRecord => ({ index, learner: 'gbdt', params: {}, score: 0.5, fitMs: 1, status: 'completed' });
const snapshot = { status: 'running', phase: 'search', elapsedMs: 0, budgetMs: 1000, trials: 0, bestScore: null, bestLearner: null, fitting: null } as const;

/** A fake worker whose trials appear one per poll; run settles when told. */
function fakeWorker() {
  const trials: TrialRecord[] = [];
  let settle: ((o: TrainOutcome) => void) | undefined;
  let fail: ((e: Error) => void) | undefined;
  const deps = {
    run: () => new Promise<TrainOutcome>((resolve, reject) => ((settle = resolve), (fail = reject))),
    poll: async (_: string, since: number): Promise<TrainPoll> => ({ seq: trials.length, snapshot, newTrials: trials.slice(since), newBest: [] }),
    cancel: vi.fn(async () => {}),
    terminate: vi.fn(),
    recordProgress: vi.fn(async (_update: Parameters<TrainRunnerDeps['recordProgress']>[0]) => {}),
    finish: vi.fn(async () => {}),
    pollMs: 10,
  } satisfies TrainRunnerDeps;
  return { deps, trials, settle: (o: TrainOutcome) => settle?.(o), fail: (e: Error) => fail?.(e) };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runTrainJob', () => {
  it('persists each trial once, and drains after the run settles', async () => {
    const w = fakeWorker();
    const job = runTrainJob(request, w.deps);
    w.trials.push(trial(1));
    await wait(40);
    w.trials.push(trial(2), trial(3));
    w.settle({} as TrainOutcome); // the last trials arrive only with the final drain
    await job.done;
    const persisted = w.deps.recordProgress.mock.calls.flatMap((c) => c[0].newTrials.map((t) => t.index));
    expect(persisted).toEqual([1, 2, 3]);
    expect(w.deps.finish).toHaveBeenCalledWith({ status: 'completed', outcome: {} });
  });

  it('records a failure with its name and message', async () => {
    const w = fakeWorker();
    const job = runTrainJob(request, w.deps);
    w.fail(Object.assign(new Error('There is no column "y" to predict.'), { name: 'TrainingInputError' }));
    await job.done;
    expect(w.deps.finish).toHaveBeenCalledWith({ status: 'failed', error: { name: 'TrainingInputError', message: 'There is no column "y" to predict.' } });
  });

  it('cancels, and terminates a worker that does not answer', async () => {
    vi.useFakeTimers();
    try {
      const w = fakeWorker();
      const job = runTrainJob(request, w.deps);
      job.cancel();
      expect(w.deps.cancel).toHaveBeenCalledWith('j1');
      await vi.advanceTimersByTimeAsync(2000);
      await job.done;
      expect(w.deps.terminate).toHaveBeenCalled();
      expect(w.deps.finish).toHaveBeenCalledWith({ status: 'canceled', error: { name: 'FitCanceledError', message: 'Training was canceled.' } });
    } finally {
      vi.useRealTimers();
    }
  });
});
