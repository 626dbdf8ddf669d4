import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db, modelArtifactId } from './db';
import { deleteExperiment, derivedArtifactCount, finishExperiment, startExperiment } from './experiments';
import { readArtifactBlob, saveEvaluation, savePredictions } from './predictions';
import { createProject } from './projects';
import { resetStore } from './test/fixtures';

const config = { label: 'y', task: 'binary', metric: 'roc_auc', timeBudgetS: 10, seed: 1, learners: ['gbdt'], ensemble: true, backend: 'auto' } as const;
const evaluation = { task: 'binary', metric: 'roc_auc', rows: 3, metrics: {}, importance: [] } as const;
const result = { chosen: [], validScore: 0.2, evaluation, validation: { kind: 'holdout', trainRows: 10, testRows: 3 }, notices: [], backend: 'wasm', trialWorkers: 1, elapsedMs: 9 } as const;
const bytes = (text: string) => new TextEncoder().encode(text);

beforeEach(resetStore);

async function trainedModel(): Promise<string> {
  const project = await createProject('P');
  await startExperiment({ id: 'e', projectId: project.id, cellId: 'c', datasetHash: 'h', config: { ...config, learners: ['gbdt'] } });
  await finishExperiment('e', { status: 'completed', result, modelZip: new Uint8Array([1, 2, 3]) });
  return project.id;
}

describe('predictions and evaluations as artifacts', () => {
  it('hangs predictions under the model and an evaluation under them, blobs stored once', async () => {
    const projectId = await trainedModel();
    const p = await savePredictions({ projectId, parentId: modelArtifactId('e'), name: 'exp-001 on new.csv', bytes: bytes('x,prediction\n1,a\n'), mediaType: 'text/csv' });
    const again = await savePredictions({ projectId, parentId: modelArtifactId('e'), name: 'exp-001 on new.csv', bytes: bytes('x,prediction\n1,a\n'), mediaType: 'text/csv' });
    const ev = await saveEvaluation({ projectId, parentId: p.id, name: 'evaluation', bytes: bytes('{}'), mediaType: 'application/json' });
    expect(ev.parentId).toBe(p.id);
    expect(again.blobHash).toBe(p.blobHash);
    expect(await (await readArtifactBlob(p.id))?.text()).toBe('x,prediction\n1,a\n');
    expect(await derivedArtifactCount('e')).toBe(3);
    // Deleting the experiment takes its derived artifacts and their blobs along.
    await deleteExperiment('e');
    expect(await db.artifacts.count()).toBe(0);
    expect(await db.blobs.get(p.blobHash!)).toBeUndefined();
  });

  it('refuses a parent of the wrong kind or one that is gone, and writes nothing', async () => {
    const projectId = await trainedModel();
    await expect(saveEvaluation({ projectId, parentId: modelArtifactId('e'), name: 'x', bytes: bytes('{}'), mediaType: 'application/json' })).rejects.toThrow(/belongs under a predictions/);
    await expect(savePredictions({ projectId, parentId: 'gone', name: 'x', bytes: bytes('a'), mediaType: 'text/csv' })).rejects.toThrow(/is gone/);
    expect(await db.artifacts.count()).toBe(2);
    expect(await db.blobs.count()).toBe(1);
  });
});
