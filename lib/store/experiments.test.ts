import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrialRecord } from '@/lib/ml/search/run';
import { db } from './db';
import { finishExperiment, HEARTBEAT_STALE_MS, listExperiments, markInterruptedIfStale, readExperiment, readTrials, recordProgress, startExperiment } from './experiments';
import { createProject } from './projects';
import { resetStore } from './test/fixtures';

const config = { label: 'Species', task: 'multiclass', metric: 'log_loss', timeBudgetS: 10, seed: 1, learners: ['gbdt'], ensemble: true, backend: 'auto' } as const;
const trial = (index: number): TrialRecord => ({ index, learner: 'gbdt', params: { leaves: 31 }, score: 0.1 * index, fitMs: 5, status: 'completed' });
const snapshot = { status: 'running', phase: 'search', elapsedMs: 100, budgetMs: 10_000, trials: 1, bestScore: 0.1, bestLearner: 'gbdt', fitting: null };

beforeEach(resetStore);
afterEach(() => vi.useRealTimers());

describe('experiments', () => {
  it('numbers experiments per project, also when two start at once', async () => {
    const project = await createProject('Penguins');
    const start = (id: string) => startExperiment({ id, projectId: project.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: [...config.learners] } });
    const numbers = await Promise.all([start('a'), start('b')]);
    expect(numbers.sort()).toEqual([1, 2]);
    expect((await listExperiments(project.id)).map((e) => e.name)).toEqual(['exp-001', 'exp-002']);
    expect((await db.projects.get(project.id))?.experimentCount).toBe(2);
  });

  it('stores trials once, and the result and model when it completes', async () => {
    const project = await createProject('P');
    await startExperiment({ id: 'e', projectId: project.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } });
    await recordProgress('e', { snapshot, newTrials: [trial(1)], newBest: [[100, 0.1]] });
    await recordProgress('e', { snapshot, newTrials: [trial(2)], newBest: [] });
    expect((await readTrials('e')).map((t) => t.index)).toEqual([1, 2]);
    const evaluation = { task: 'multiclass', metric: 'log_loss', rows: 3, metrics: { accuracy: 1 }, importance: [] } as const;
    await finishExperiment('e', {
      status: 'completed',
      result: { chosen: [2], validScore: 0.2, evaluation: { ...evaluation, importance: [] }, validation: { kind: 'kfold', trainRows: 10, testRows: 3 }, notices: [], backend: 'wasm', trialWorkers: 1, elapsedMs: 900 },
      modelZip: new Uint8Array([80, 75, 5, 6]),
    });
    const done = await readExperiment('e');
    expect(done).toMatchObject({ status: 'completed', bestOverTime: [[100, 0.1]], result: { chosen: [2], backend: 'wasm' } });
    expect(await db.blobs.get(done!.modelHash!)).toBeDefined();
    // Progress after the end changes nothing.
    await recordProgress('e', { snapshot, newTrials: [trial(3)], newBest: [] });
    expect((await readTrials('e')).length).toBe(2);
  });

  it('shows and stores a running experiment whose heartbeat stopped as interrupted', async () => {
    const project = await createProject('P');
    await startExperiment({ id: 'e', projectId: project.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } });
    await markInterruptedIfStale('e');
    expect((await readExperiment('e'))?.status).toBe('running');
    vi.useFakeTimers({ now: Date.now() + HEARTBEAT_STALE_MS + 1000, toFake: ['Date'] });
    expect((await readExperiment('e'))?.status).toBe('interrupted');
    await markInterruptedIfStale('e');
    expect((await db.experiments.get('e'))?.status).toBe('interrupted');
  });
});

describe('deleting a project', () => {
  it('removes its experiments, trials and model bytes, and leaves other projects alone', async () => {
    const { deleteProject } = await import('./projects');
    const a = await createProject('A');
    const b = await createProject('B');
    const evaluation = { task: 'multiclass', metric: 'log_loss', rows: 3, metrics: {}, importance: [] } as const;
    const result = { chosen: [1], validScore: 0.2, evaluation, validation: { kind: 'kfold', trainRows: 10, testRows: 3 }, notices: [], backend: 'wasm', trialWorkers: 1, elapsedMs: 9 } as const;
    for (const [id, project, bytes] of [['ea', a, [1]], ['eb', b, [2]]] as const) {
      await startExperiment({ id, projectId: project.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } });
      await recordProgress(id, { snapshot, newTrials: [trial(1)], newBest: [] });
      await finishExperiment(id, { status: 'completed', result, modelZip: new Uint8Array(bytes) });
    }
    const modelA = (await readExperiment('ea'))!.modelHash!;
    await deleteProject(a.id);
    expect(await readExperiment('ea')).toBeUndefined();
    expect(await readTrials('ea')).toEqual([]);
    expect(await db.blobs.get(modelA)).toBeUndefined();
    expect((await readExperiment('eb'))?.status).toBe('completed');
    expect(await readTrials('eb')).toHaveLength(1);
  });
});
