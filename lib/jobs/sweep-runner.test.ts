import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../store/db';
import { advanceRuns, heartbeatRun, readRuns } from '../store/runs';
import { resetStore } from '../store/test/fixtures';
import { runSweep, type SweepDeps, type SweepInput } from './sweep-runner';
import type { TrainRequest } from './train-protocol';
import { createTrainService } from './train-service';

const PENGUINS = new Blob([readFileSync(new URL('../../public/samples/penguins.csv', import.meta.url))]);
const service = createTrainService(async () => PENGUINS);

const input: SweepInput = {
  projectId: 'p',
  cellId: 'sweep-cell',
  spec: { learner: 'gbdt', mode: 'grid', params: { leaves: [3, 7], trees: [10] }, seeds: [1, 2] },
  label: 'Species',
  task: 'multiclass',
  metric: 'accuracy',
  datasetHash: 'penguins',
  parseOptions: {},
  columnOverrides: {},
  codeVersion: 'test',
  retryFailed: false,
  concurrency: 1,
};

function deps(trained: TrainRequest[], train: SweepDeps['train'] = (r) => service.run(r)): SweepDeps {
  return {
    expand: (spec, task) => service.expandSweep(spec, task),
    readRuns,
    advance: async (finished, next) => (await advanceRuns(finished, next, 5000)).started,
    heartbeat: heartbeatRun,
    train: (request) => {
      trained.push(request);
      return train(request);
    },
    cancelTrain: async (jobId) => service.cancel(jobId),
    staleMs: 5000,
  };
}

beforeEach(resetStore);

describe('sweep runner', () => {
  it('runs every combination once, and a second run of the sweep computes nothing again', async () => {
    const first: TrainRequest[] = [];
    const end = await runSweep(input, deps(first)).done;
    expect(end).toMatchObject({ status: 'completed', progress: { total: 4, completed: 4, reused: 0, failed: 0 } });
    expect(first.map((r) => [r.config.fixed?.params, r.config.seed, r.output])).toEqual([
      [{ leaves: 3, trees: 10 }, 1, 'metrics'],
      [{ leaves: 3, trees: 10 }, 2, 'metrics'],
      [{ leaves: 7, trees: 10 }, 1, 'metrics'],
      [{ leaves: 7, trees: 10 }, 2, 'metrics'],
    ]);
    const runs = await readRuns('sweep-cell');
    expect(runs).toHaveLength(4);
    expect(runs.every((r) => r.status === 'completed' && typeof r.score === 'number' && r.score > 0.8)).toBe(true);
    const again: TrainRequest[] = [];
    expect(await runSweep(input, deps(again)).done).toMatchObject({ progress: { total: 4, reused: 4, completed: 0 } });
    expect(again).toHaveLength(0);
  }, 60_000);

  it('after a crash between runs, resumes with only the missing runs: nothing lost, nothing repeated', async () => {
    await runSweep(input, deps([])).done;
    const [a, b, c] = await readRuns('sweep-cell');
    // The crash: one run was in the middle of work (a stale running record), one never started.
    await db.runs.put({ ...a!, status: 'running', heartbeatAt: Date.now() - 60_000, score: null });
    await db.runs.delete(b!.id);
    const resumed: TrainRequest[] = [];
    const end = await runSweep(input, deps(resumed)).done;
    expect(end).toMatchObject({ progress: { total: 4, reused: 2, completed: 2 } });
    expect(resumed.map((r) => r.jobId).sort()).toEqual([`run-${a!.id}`, `run-${b!.id}`].sort());
    expect((await db.runs.get(c!.id))?.startedAt).toBe(c!.startedAt);
    expect((await readRuns('sweep-cell')).filter((r) => r.status === 'completed')).toHaveLength(4);
  }, 60_000);

  it('records a failed run with its error, skips it next time, and retries it when asked', async () => {
    const failing: SweepDeps['train'] = async (r) => {
      if (r.config.fixed?.params.leaves === 7 && r.config.seed === 2) throw Object.assign(new Error('out of memory'), { name: 'TrainingError' });
      return service.run(r);
    };
    expect(await runSweep(input, deps([], failing)).done).toMatchObject({ progress: { completed: 3, failed: 1 } });
    expect((await readRuns('sweep-cell')).find((r) => r.status === 'failed')?.error).toEqual({ name: 'TrainingError', message: 'out of memory' });
    const skipped: TrainRequest[] = [];
    await runSweep(input, deps(skipped)).done;
    expect(skipped).toHaveLength(0);
    const retried: TrainRequest[] = [];
    expect(await runSweep({ ...input, retryFailed: true }, deps(retried)).done).toMatchObject({ progress: { completed: 1, failed: 0 } });
    expect(retried).toHaveLength(1);
  }, 60_000);

  it('says why a spec cannot run, before anything is written', async () => {
    const trained: TrainRequest[] = [];
    const end = await runSweep({ ...input, spec: { learner: 'gbdt', mode: 'grid', params: { leaves: [] }, seeds: [1] } }, deps(trained)).done;
    expect(end).toMatchObject({ status: 'invalid', message: expect.stringMatching(/leaves/) });
    expect(await readRuns('sweep-cell')).toHaveLength(0);
  });

  it('stops when canceled: the run in progress is stored as canceled and runs again on resume', async () => {
    const trained: TrainRequest[] = [];
    // Canceled from inside the first run, so the test does not race the training.
    let job: ReturnType<typeof runSweep> | undefined;
    const cancelingTrain: SweepDeps['train'] = (r) => {
      setTimeout(() => job?.cancel(), 30);
      return service.run(r);
    };
    job = runSweep({ ...input, spec: { ...input.spec, params: { leaves: [3, 7], trees: [20_000] } } }, deps(trained, cancelingTrain));
    expect(await job.done).toMatchObject({ status: 'canceled' });
    expect(trained).toHaveLength(1);
    expect((await readRuns('sweep-cell')).map((r) => r.status)).toEqual(['canceled']);
  }, 60_000);

  it('keeps as many runs in progress as it has workers, and still runs each once', async () => {
    const services = [service, createTrainService(async () => PENGUINS)];
    const free = [...services];
    let now = 0;
    let most = 0;
    const pooled: SweepDeps['train'] = async (r) => {
      const s = free.shift()!;
      most = Math.max(most, ++now);
      try {
        return await s.run(r);
      } finally {
        now--;
        free.push(s);
      }
    };
    const trained: TrainRequest[] = [];
    const end = await runSweep({ ...input, concurrency: 2 }, deps(trained, pooled)).done;
    expect(end).toMatchObject({ status: 'completed', progress: { total: 4, completed: 4, concurrency: 2 } });
    expect(most).toBe(2);
    expect(new Set(trained.map((r) => r.jobId)).size).toBe(4);
    expect((await readRuns('sweep-cell')).filter((r) => r.status === 'completed')).toHaveLength(4);
  }, 60_000);
});
