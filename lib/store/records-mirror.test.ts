import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readRecords } from '@/lib/sync/records-doc';
import { db } from './db';
import { deleteExperiment, finishExperiment, listArtifacts, listExperiments, markInterruptedIfStale, readExperiment, startExperiment } from './experiments';
import { createProject } from './projects';
import { mirrorRecords, publishExperiment, publishRun } from './records-mirror';
import { finishRun, startRun } from './runs';
import { resetStore } from './test/fixtures';

const config = { label: 'Species', task: 'multiclass', metric: 'accuracy', timeBudgetS: 10, seed: 1, learners: ['gbdt'], ensemble: true, backend: 'auto' } as const;
const evaluation = { task: 'multiclass', metric: 'accuracy', rows: 3, metrics: { accuracy: 0.9 }, importance: [] } as const;
const result = { chosen: [], validScore: 0.2, evaluation, validation: { kind: 'kfold', trainRows: 10, testRows: 3 }, notices: [], backend: 'wasm', trialWorkers: 1, elapsedMs: 9 } as const;
const settle = () => new Promise((r) => setTimeout(r, 50));

beforeEach(resetStore);

describe('tracking records in the project document', () => {
  it('publishes an experiment, its artifacts and runs as summaries; a deletion is published too', async () => {
    const project = await createProject('P');
    const doc = new Y.Doc();
    await startExperiment({ id: 'e1', projectId: project.id, cellId: 'c', datasetHash: 'h', startedBy: 'Ada', config: { ...config, learners: ['gbdt'] } });
    await publishExperiment(doc, 'e1');
    expect(readRecords(doc, 'experiments')).toMatchObject([{ id: 'e1', number: 1, status: 'running', startedBy: 'Ada' }]);
    await finishExperiment('e1', { status: 'completed', result, modelZip: new Uint8Array([1]) });
    await publishExperiment(doc, 'e1');
    expect(readRecords(doc, 'experiments')).toMatchObject([{ status: 'completed', heldOut: { metric: 'accuracy', score: 0.9 } }]);
    expect(readRecords(doc, 'artifacts').map((a) => a.kind).sort()).toEqual(['config', 'model']);
    // Bulk stays local: no curves, no result in the document.
    expect(JSON.stringify(doc.getMap('experiments').toJSON())).not.toContain('bestOverTime');
    await startRun({ id: 'r1', projectId: project.id, cellId: 's', learner: 'gbdt', params: { leaves: 3 }, seed: 1 }, 5000);
    publishRun(doc, (await finishRun('r1', { status: 'completed', score: 0.8, metrics: { accuracy: 0.8 } }))!);
    expect(readRecords(doc, 'runs')).toMatchObject([{ id: 'r1', status: 'completed', score: 0.8 }]);
    await deleteExperiment('e1');
    await publishExperiment(doc, 'e1');
    expect(readRecords(doc, 'experiments')).toEqual([]);
    expect(readRecords(doc, 'artifacts')).toEqual([]);
  });

  it('keeps both of two exp-001 made offline: the later one shows as exp-001-b', async () => {
    const project = await createProject('P');
    const mine = new Y.Doc();
    const stop = mirrorRecords(project.id, mine);
    await startExperiment({ id: 'mine', projectId: project.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } });
    const startedAt = (await db.experiments.get('mine'))!.startedAt;
    // A collaborator's exp-001, started offline a moment after ours, arrives on reconnect.
    const theirs = new Y.Doc();
    theirs.getMap('experiments').set('theirs', { id: 'theirs', projectId: project.id, number: 1, cellId: 'c', datasetHash: 'h', status: 'completed', config: { ...config }, startedAt: startedAt + 1, endedAt: startedAt + 2, startedBy: 'Bo' });
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
    await settle();
    const listed = await listExperiments(project.id);
    expect(listed.map((e) => [e.id, e.name])).toEqual([
      ['mine', 'exp-001'],
      ['theirs', 'exp-001-b'],
    ]);
    expect((await readExperiment('theirs'))?.name).toBe('exp-001-b');
    expect(await startExperiment({ id: 'next', projectId: project.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } })).toBe(2);
    stop();
  });

  it("mirrors a collaborator's records into this browser, and their deletion", async () => {
    const project = await createProject('P');
    const mine = new Y.Doc();
    const stop = mirrorRecords(project.id, mine);
    // A collaborator's document, synced into ours.
    const theirs = new Y.Doc();
    theirs.getMap('experiments').set('peer-exp', { id: 'peer-exp', projectId: project.id, number: 4, cellId: 'c', datasetHash: 'h', status: 'completed', config: { ...config }, startedAt: 1, endedAt: 2, startedBy: 'Bo', heldOut: { metric: 'accuracy', score: 0.95, learners: 'rf' }, modelHash: 'm' });
    theirs.getMap('artifacts').set('peer-exp.config', { id: 'peer-exp.config', projectId: project.id, kind: 'config', parentId: null, experimentId: 'peer-exp', datasetHash: 'h', name: 'exp-004 config', createdAt: 1 });
    theirs.getMap('runs').set('r9', { id: 'r9', projectId: project.id, cellId: 's', learner: 'gbdt', params: { leaves: 3 }, seed: 1, status: 'completed', startedAt: 1, endedAt: 2, score: 0.7 });
    theirs.getMap('experiments').set('junk', { id: 'junk', number: 'seven' });
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
    await settle();
    const listed = await listExperiments(project.id);
    expect(listed).toMatchObject([{ id: 'peer-exp', name: 'exp-004', startedBy: 'Bo', status: 'completed', heldOut: { score: 0.95 } }]);
    expect((await readExperiment('peer-exp'))?.result).toBeUndefined();
    expect((await listArtifacts(project.id)).map((a) => a.id)).toEqual(['peer-exp.config']);
    expect((await db.runs.get('r9'))?.status).toBe('completed');
    // Our next experiment is numbered after theirs.
    expect(await startExperiment({ id: 'mine', projectId: project.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } })).toBe(5);
    // A collaborator's running experiment: its heartbeat is theirs, so here it is not interrupted.
    theirs.getMap('experiments').set('peer-run', { id: 'peer-run', projectId: project.id, number: 6, cellId: 'c', datasetHash: 'h', status: 'running', config: { ...config }, startedAt: 1 });
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
    await settle();
    expect((await readExperiment('peer-run'))?.status).toBe('running');
    expect(await markInterruptedIfStale('peer-run')).toBe(false);
    // A local completed record is not overwritten by a stale copy.
    theirs.getMap('runs').set('r9', { id: 'r9', projectId: project.id, cellId: 's', learner: 'gbdt', params: { leaves: 3 }, seed: 1, status: 'running', startedAt: 1, score: null });
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
    await settle();
    expect((await db.runs.get('r9'))?.status).toBe('completed');
    // They delete their experiment: it goes here too.
    theirs.getMap('experiments').delete('peer-exp');
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
    await settle();
    expect((await listExperiments(project.id)).map((e) => e.id)).toEqual(['mine', 'peer-run']);
    stop();
  });
});
