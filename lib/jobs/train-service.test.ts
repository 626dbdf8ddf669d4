import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readModelZip } from '../bundle/model-zip';
import type { TrialRecord } from '../ml/search/run';
import type { AutoMLConfig } from '../ml/train';
import type { TrainPoll, TrainRequest } from './train-protocol';
import { memoryCalibrations } from './backend-choice';
import { channelWorkers } from './test/channel-workers';
import { KEPT_JOBS, createTrainService } from './train-service';

const PENGUINS = new Blob([readFileSync(new URL('../../public/samples/penguins.csv', import.meta.url))]);
const loadBlob = async (hash: string) => (hash === 'penguins' ? PENGUINS : undefined);

const CONFIG: AutoMLConfig = {
  label: 'Species',
  task: 'multiclass',
  metric: 'log_loss',
  timeBudgetS: 10,
  seed: 1,
  learners: ['gbdt', 'linear'],
  ensemble: true,
  maxTrials: 3,
};

const request = (jobId: string, config: Partial<AutoMLConfig> = {}, datasetHash = 'penguins'): TrainRequest => ({
  jobId,
  datasetHash,
  columnOverrides: {},
  config: { ...CONFIG, ...config },
  backend: 'auto',
});

/** Polls like the page does (here every 10 ms) until `done` settles, then drains once more. */
async function pollUntil(service: ReturnType<typeof createTrainService>, jobId: string, done: Promise<unknown>) {
  const polls: TrainPoll[] = [];
  let since = 0;
  let settled = false;
  void done.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    const poll = service.poll(jobId, since);
    if (poll) {
      polls.push(poll);
      since = poll.seq;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const last = service.poll(jobId, since);
  if (last) polls.push(last);
  return polls;
}

describe('train service (the worker API, without a worker)', () => {
  it('trains penguins, reports every trial once while it runs, and returns a loadable model.zip', async () => {
    const service = createTrainService(loadBlob);
    const running = service.run(request('job-1'));
    const polls = await pollUntil(service, 'job-1', running);
    const outcome = await running;

    expect(outcome.trials).toHaveLength(3);
    expect(outcome.evaluation.metrics.accuracy).toBeGreaterThan(0.9);
    expect(['wasm', 'cpu']).toContain(outcome.backend);
    expect(outcome.adapter).toBeUndefined();
    const bundle = await readModelZip(outcome.modelZip!);
    expect(bundle.manifest.label).toBe('Species');
    expect(bundle.config).toMatchObject({ label: 'Species', maxTrials: 3 });

    // The page saw the run progress: more than one poll, seq never going back, every trial exactly once.
    expect(polls.length).toBeGreaterThan(1);
    const seqs = polls.map((p) => p.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs.at(-1)).toBeGreaterThan(seqs[0]!);
    const seen: TrialRecord[] = polls.flatMap((p) => [...p.newTrials]);
    expect(seen).toEqual(outcome.trials);
    const phases = new Set(polls.map((p) => p.snapshot.phase));
    expect(phases.has('search') || phases.has('evaluate')).toBe(true);
    const final = polls.at(-1)!.snapshot;
    expect(final).toMatchObject({ status: 'completed', phase: 'saving', trials: 3, fitting: null, budgetMs: 10_000 });
    expect(final.bestScore).not.toBeNull();
    // Best points: one per change of the best, in time order, the last one the final best.
    const best = polls.flatMap((p) => [...p.newBest]);
    expect(best.length).toBeGreaterThan(0);
    expect(best.map(([t]) => t)).toEqual(best.map(([t]) => t).sort((a, b) => a - b));
    expect(best.at(-1)?.[1]).toBe(final.bestScore);
  }, 60_000);

  it('stops within about a second when canceled, and says canceled', async () => {
    const service = createTrainService(loadBlob);
    // Plenty of budget and no trial cap: only the cancel can end this run early.
    const running = service.run(request('job-cancel', { timeBudgetS: 60, maxTrials: undefined }));
    running.catch(() => {});
    for (let i = 0; i < 500 && (service.poll('job-cancel', 0)?.snapshot.trials ?? 0) < 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const asked = performance.now();
    service.cancel('job-cancel');
    await expect(running).rejects.toMatchObject({ name: 'FitCanceledError' });
    expect(performance.now() - asked).toBeLessThan(1500);
    expect(service.poll('job-cancel', 0)?.snapshot.status).toBe('canceled');
  }, 30_000);

  it('fails with the user-facing message when the label is not a column', async () => {
    const service = createTrainService(loadBlob);
    const error: unknown = await service.run(request('job-label', { label: 'Wingspan' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TrainingInputError' });
    const message = error instanceof Error ? error.message : '';
    expect(message).toMatch(/Wingspan/);
    expect(service.poll('job-label', 0)?.snapshot).toMatchObject({ status: 'failed', error: { name: 'TrainingInputError', message } });
  });

  it('fails clearly when the dataset is not stored', async () => {
    const service = createTrainService(loadBlob);
    await expect(service.run(request('job-gone', {}, 'deadbeef'.repeat(8)))).rejects.toMatchObject({
      name: 'DatasetMissingError',
      message: expect.stringMatching(/not stored/),
    });
    expect(service.poll('job-gone', 0)?.snapshot).toMatchObject({ status: 'failed', error: { name: 'DatasetMissingError' } });
  });

  it('answers undefined for a job it does not know, and forgets old finished jobs', async () => {
    const service = createTrainService(async () => undefined);
    expect(service.poll('nobody', 0)).toBeUndefined();
    for (let i = 0; i < KEPT_JOBS + 2; i++) await service.run(request(`old-${i}`)).catch(() => {});
    expect(service.poll('old-0', 0)).toBeUndefined();
    expect(service.poll(`old-${KEPT_JOBS + 1}`, 0)?.snapshot.status).toBe('failed');
  });
});

describe('trainings at once', () => {
  it('queues a second training, and a cancel takes it out of the line at once', async () => {
    const service = createTrainService(loadBlob, { concurrency: 1 });
    const first = service.run(request('q1', { maxTrials: 2 }));
    const second = service.run(request('q2'));
    const third = service.run(request('q3', { maxTrials: 1 }));
    await new Promise((r) => setTimeout(r, 20));
    expect(service.poll('q2', 0)?.snapshot.phase).toBe('queued');
    const canceledAt = performance.now();
    service.cancel('q2');
    await expect(second).rejects.toMatchObject({ name: 'FitCanceledError' });
    expect(performance.now() - canceledAt).toBeLessThan(500);
    expect(service.poll('q2', 0)?.snapshot.status).toBe('canceled');
    await expect(first).resolves.toMatchObject({ trials: expect.any(Array) });
    await expect(third).resolves.toMatchObject({ trials: [expect.objectContaining({ index: 1 })] });
  }, 60_000);

  it("calibrates the device on the first automatic training only, and keeps it in the store", async () => {
    const calibrations = memoryCalibrations();
    const service = createTrainService(loadBlob, { calibrations });
    const running = service.run(request('cal-1', { maxTrials: 1 }));
    const polls = await pollUntil(service, 'cal-1', running);
    const first = await running;
    expect(polls.map((p) => p.snapshot.phase)).toContain('calibrating');
    const choice = (o: typeof first) => o.notices.find((n) => n.startsWith('Backend chosen automatically'));
    // Node has no WebGPU: WASM, for that reason, after measuring the rest once.
    expect(choice(first)).toMatch(/^Backend chosen automatically: wasm \(no WebGPU adapter on this device\)\. This device was calibrated first \([\d.]+ s, kept/);
    const second = await service.run(request('cal-2', { maxTrials: 1 }));
    expect(choice(second)).toBe('Backend chosen automatically: wasm (no WebGPU adapter on this device).');
    // Another worker (a reload) reads the same store and does not measure again.
    const again = await createTrainService(loadBlob, { calibrations }).run(request('cal-3', { maxTrials: 1 }));
    expect(choice(again)).not.toMatch(/calibrated first/);
  }, 120_000);

  it('spreads a search over the trial workers it is given, and a second training at once runs its trials itself', async () => {
    const { workers, calls } = channelWorkers(2);
    const service = createTrainService(loadBlob, { trialWorkers: workers, calibrations: memoryCalibrations() });
    service.setConcurrency(2);
    const parallel = { maxTrials: undefined, timeBudgetS: 5 };
    const first = service.run({ ...request('w1', parallel), backend: 'wasm', trialWorkers: 2 });
    const polls = await pollUntil(service, 'w1', new Promise((r) => setTimeout(r, 1500)));
    const second = service.run({ ...request('w2', parallel), backend: 'wasm', trialWorkers: 2 });
    const [a, b] = [await first, await second];
    expect(a.trialWorkers).toBe(2);
    expect(a.notices).toContain('Trials ran on 2 workers at once.');
    expect(Math.max(...polls.map((p) => p.snapshot.running ?? 0))).toBe(2);
    expect(b.trialWorkers).toBe(1);
    expect(b.notices).toContain('Trials ran one at a time: the trial workers were busy with another training.');
    expect(calls.length).toBe(a.trials.length);
    // Without workers handed over, a request for several says why it ran one at a time.
    const alone = await createTrainService(loadBlob).run({ ...request('w3', { ...parallel, timeBudgetS: 2 }), backend: 'wasm', trialWorkers: 4 });
    expect(alone.notices).toContain('Trials ran one at a time: no trial workers were started.');
  }, 60_000);

  it('expands a sweep spec into its runs, or says why it cannot run', async () => {
    const service = createTrainService(loadBlob);
    const ok = await service.expandSweep({ learner: 'gbdt', mode: 'grid', params: { leaves: [15, 63], learningRate: [0.05, 0.1] }, seeds: [1, 2, 3] }, 'multiclass');
    expect(ok.type === 'expanded' && ok.runs).toHaveLength(12);
    const bad = await service.expandSweep({ learner: 'gbdt', mode: 'grid', params: { leaves: ['many'] }, seeds: [1] }, 'multiclass');
    expect(bad).toMatchObject({ type: 'invalid', param: 'leaves' });
    const empty = await service.expandSweep({ learner: 'gbdt', mode: 'grid', params: { leaves: [] }, seeds: [1] }, 'multiclass');
    expect(empty).toMatchObject({ type: 'invalid', message: expect.stringMatching(/empty list/) });
  });

  it("a sweep run keeps its metrics only: no model.zip, and the dataset is parsed once for runs in a row", async () => {
    let loads = 0;
    const service = createTrainService(async (hash) => (loads++, loadBlob(hash)));
    const fixed = { fixed: { learner: 'gbdt' as const, params: { trees: 20 } } };
    const a = await service.run({ ...request('s1', fixed), output: 'metrics' });
    const b = await service.run({ ...request('s2', { ...fixed, seed: 2 }), output: 'metrics' });
    expect(a.modelZip).toBeUndefined();
    expect(a.evaluation.metrics.accuracy).toBeGreaterThan(0.8);
    expect(b.evaluation.metrics.accuracy).toBeGreaterThan(0.8);
    expect(loads).toBe(1);
  }, 60_000);
});
