import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrialRecord } from '@/lib/ml/search/run';
import { db } from './db';
import { deleteExperiment, derivedArtifactCount, finishExperiment, listArtifacts, HEARTBEAT_STALE_MS, listExperiments, markInterruptedIfStale, readExperiment, readTrials, recordProgress, startExperiment } from './experiments';
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

  it('lists the newest experiments first when asked for a first screen, in number order', async () => {
    const project = await createProject('Many');
    const other = await createProject('Other');
    const start = (id: string, projectId: string) => startExperiment({ id, projectId, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } });
    for (const id of ['a', 'b', 'c', 'd']) await start(id, project.id);
    await start('z', other.id);
    expect((await listExperiments(project.id, { newest: 2 })).map((e) => e.name)).toEqual(['exp-003', 'exp-004']);
    expect((await listExperiments(project.id, { newest: 10 })).map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
    expect((await listExperiments(other.id, { newest: 2 })).map((e) => e.id)).toEqual(['z']);
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
    expect(await db.experimentResults.get('ea')).toBeUndefined();
    expect(await readTrials('ea')).toEqual([]);
    expect(await db.blobs.get(modelA)).toBeUndefined();
    expect((await readExperiment('eb'))?.status).toBe('completed');
    expect(await readTrials('eb')).toHaveLength(1);
  });

  it('lists experiments without their results, with the held-out summary a list shows', async () => {
    const project = await createProject('P');
    await startExperiment({ id: 'e', projectId: project.id, cellId: 'c', datasetHash: 'h', datasetName: 'penguins.csv', startedBy: 'Ada', config: { ...config, learners: ['gbdt'] } });
    await recordProgress('e', { snapshot, newTrials: [trial(1), { ...trial(2), learner: 'rf' }], newBest: [] });
    const evaluation = { task: 'multiclass', metric: 'log_loss', rows: 3, metrics: { log_loss: 0.25 }, importance: [] } as const;
    const result = { chosen: [2, 1], validScore: 0.2, evaluation, validation: { kind: 'kfold', trainRows: 10, testRows: 3 }, notices: [], backend: 'wasm', trialWorkers: 1, elapsedMs: 9 } as const;
    await finishExperiment('e', { status: 'completed', result, modelZip: new Uint8Array([1]) });
    const [listed] = await listExperiments(project.id);
    expect(listed).toMatchObject({ name: 'exp-001', startedBy: 'Ada', datasetName: 'penguins.csv', heldOut: { metric: 'log_loss', score: 0.25, learners: 'rf+gbdt' } });
    expect(listed!.result).toBeUndefined();
    expect((await readExperiment('e'))?.result?.evaluation.metrics).toEqual({ log_loss: 0.25 });
  });
});

describe('deleting an experiment', () => {
  it('removes its records and model bytes, refuses a running one, and never gives its number again', async () => {
    const project = await createProject('P');
    const evaluation = { task: 'multiclass', metric: 'log_loss', rows: 3, metrics: {}, importance: [] } as const;
    const result = { chosen: [1], validScore: 0.2, evaluation, validation: { kind: 'kfold', trainRows: 10, testRows: 3 }, notices: [], backend: 'wasm', trialWorkers: 1, elapsedMs: 9 } as const;
    const start = (id: string) => startExperiment({ id, projectId: project.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } });
    await start('one');
    await start('two');
    await recordProgress('two', { snapshot, newTrials: [trial(1)], newBest: [] });
    await finishExperiment('two', { status: 'completed', result, modelZip: new Uint8Array([9, 9]) });
    const model = (await readExperiment('two'))!.modelHash!;
    await expect(deleteExperiment('one')).rejects.toThrow(/exp-001 is still running: cancel it first/);
    await deleteExperiment('two');
    expect(await readExperiment('two')).toBeUndefined();
    expect(await readTrials('two')).toEqual([]);
    expect(await db.experimentResults.get('two')).toBeUndefined();
    expect(await db.blobs.get(model)).toBeUndefined();
    expect((await db.projects.get(project.id))?.experimentCount).toBe(1);
    expect(await start('three')).toBe(3);
  });
});

describe('lineage', () => {
  it('gives an experiment its config and model artifacts; deleting it removes the subtree and collects blobs nothing else names', async () => {
    const project = await createProject('P');
    const other = await createProject('Q');
    const evaluation = { task: 'multiclass', metric: 'log_loss', rows: 3, metrics: {}, importance: [] } as const;
    const result = { chosen: [1], validScore: 0.2, evaluation, validation: { kind: 'kfold', trainRows: 10, testRows: 3 }, notices: [], backend: 'wasm', trialWorkers: 1, elapsedMs: 9 } as const;
    await startExperiment({ id: 'x', projectId: project.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } });
    expect((await listArtifacts(project.id)).map((a) => a.kind)).toEqual(['config']);
    await finishExperiment('x', { status: 'completed', result, modelZip: new Uint8Array([7]) });
    const model = (await readExperiment('x'))!.modelHash!;
    const artifacts = await listArtifacts(project.id);
    expect(artifacts.map((a) => [a.kind, a.parentId])).toEqual([
      ['config', null],
      ['model', 'x.config'],
    ]);
    expect(artifacts[1]!.blobHash).toBe(model);
    // Derived artifacts (as predict and evaluate cells will add them), one sharing its blob with another project.
    const now = Date.now();
    await db.blobs.bulkPut(['p1', 'e1', 'shared'].map((hash) => ({ hash, size: 1, mediaType: 'text/csv', data: new Blob(['x']), createdAt: now })));
    await db.artifacts.bulkPut([
      { id: 'pred', projectId: project.id, kind: 'predictions', parentId: 'x.model', blobHash: 'p1', name: 'predictions', createdAt: now },
      { id: 'eval', projectId: project.id, kind: 'evaluation', parentId: 'pred', blobHash: 'e1', name: 'evaluation', createdAt: now },
      { id: 'pred2', projectId: project.id, kind: 'predictions', parentId: 'x.model', blobHash: 'shared', name: 'predictions 2', createdAt: now },
      { id: 'elsewhere', projectId: other.id, kind: 'predictions', parentId: 'm', blobHash: 'shared', name: 'theirs', createdAt: now },
    ]);
    expect(await derivedArtifactCount('x')).toBe(3);
    await deleteExperiment('x');
    expect(await listArtifacts(project.id)).toEqual([]);
    for (const hash of [model, 'p1', 'e1']) expect(await db.blobs.get(hash)).toBeUndefined();
    expect(await db.blobs.get('shared')).toBeDefined();
    expect((await listArtifacts(other.id)).map((a) => a.id)).toEqual(['elsewhere']);
  });
});

describe('database upgrade to v4', () => {
  it('moves stored results out of the experiment records and keeps their held-out summary', async () => {
    const { Dexie } = await import('dexie');
    const { LoopbookDb } = await import('./db');
    const name = `upgrade-${Date.now()}`;
    // The schema as v3 left it: results inside the experiment records.
    const old = new Dexie(name);
    old.version(3).stores({
      projects: 'id, updatedAt',
      blobs: 'hash',
      datasets: 'hash',
      projectDatasets: '[projectId+hash], projectId, hash',
      experiments: 'id, [projectId+number], projectId, cellId, status',
      trials: '[experimentId+index], experimentId',
      calibrations: 'device',
    });
    const result = { chosen: [1], evaluation: { metrics: { accuracy: 0.97 } } };
    await old.table('experiments').bulkPut([
      { id: 'done', projectId: 'p', number: 1, cellId: 'c', datasetHash: 'h', status: 'completed', config: { metric: 'accuracy' }, startedAt: 1, heartbeatAt: 2, bestOverTime: [], result, modelHash: 'm' },
      { id: 'failed', projectId: 'p', number: 2, cellId: 'c', datasetHash: 'h', status: 'failed', config: { metric: 'accuracy' }, startedAt: 1, heartbeatAt: 2, bestOverTime: [] },
    ]);
    await old.table('trials').put({ experimentId: 'done', index: 1, record: { learner: 'mlp' } });
    old.close();
    const upgraded = new LoopbookDb(name);
    const done = await upgraded.experiments.get('done');
    expect(done).not.toHaveProperty('result');
    expect(done?.heldOut).toEqual({ metric: 'accuracy', score: 0.97, learners: 'mlp' });
    expect((await upgraded.experimentResults.get('done'))?.result).toEqual(result);
    expect(await upgraded.experimentResults.get('failed')).toBeUndefined();
    expect((await upgraded.experiments.get('failed'))?.status).toBe('failed');
    // v6: each experiment got its lineage: a config, and a model where it has one.
    expect((await upgraded.artifacts.toArray()).map((a) => a.id).sort()).toEqual(['done.config', 'done.model', 'failed.config']);
    upgraded.close();
  });
});
