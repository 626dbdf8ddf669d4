import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CellId } from '@/lib/ids';
import { saveDataset } from './datasets';
import { db } from './db';
import { finishExperiment, startExperiment } from './experiments';
import { createProject } from './projects';
import { collectUnreferencedBlobs, storageReport } from './storage-report';
import { csvDataset, resetStore } from './test/fixtures';

const config = { label: 'y', task: 'regression', metric: 'r2', timeBudgetS: 10, seed: 1, learners: ['gbdt'], ensemble: true, backend: 'auto' } as const;
const evaluation = { task: 'regression', metric: 'r2', rows: 3, metrics: { r2: 0.9 }, importance: [] } as const;
const result = { chosen: [], validScore: 0.2, evaluation, validation: { kind: 'kfold', trainRows: 10, testRows: 3 }, notices: [], backend: 'wasm', trialWorkers: 1, elapsedMs: 9 } as const;

beforeEach(resetStore);
afterEach(() => vi.unstubAllGlobals());

describe('storage report', () => {
  it('counts each project’s datasets and models, what deleting it would free, and unreferenced blobs', async () => {
    const a = await createProject('A');
    const b = await createProject('B');
    const shared = await csvDataset('x,y\n1,2\n3,4\n');
    const onlyA = await csvDataset('x,y\n1,2\n3,4\n5,6\n7,8\n');
    await saveDataset({ projectId: a.id, cellId: CellId.create(), ...shared });
    await saveDataset({ projectId: b.id, cellId: CellId.create(), ...shared });
    await saveDataset({ projectId: a.id, cellId: CellId.create(), ...onlyA });
    await startExperiment({ id: 'e1', projectId: a.id, cellId: 'c', datasetHash: onlyA.record.hash, config: { ...config, learners: ['gbdt'] } });
    const model = new Uint8Array(1000);
    await finishExperiment('e1', { status: 'completed', result, modelZip: model });
    await db.blobs.add({ hash: 'f'.repeat(64), size: 123, mediaType: 'application/octet-stream', data: new Blob([new Uint8Array(123)]), createdAt: 1 });

    const report = await storageReport();
    const [first, second] = report.projects;
    expect(first).toMatchObject({ name: 'A', datasets: shared.blob.size + onlyA.blob.size, models: 1000, files: 0, freeable: onlyA.blob.size + 1000 });
    expect(second).toMatchObject({ name: 'B', datasets: shared.blob.size, models: 0, freeable: 0 });
    expect(report.unreferenced).toEqual({ count: 1, bytes: 123 });

    expect(await collectUnreferencedBlobs()).toBe(123);
    expect((await storageReport()).unreferenced).toEqual({ count: 0, bytes: 0 });
    expect(await db.blobs.count()).toBe(3);
  });

  it('reports the browser’s usage and quota, and the app’s offline copy where the browser breaks usage down', async () => {
    const estimate = vi.fn(async () => ({ usage: 9_000_000, quota: 100_000_000, usageDetails: { caches: 6_200_000, indexedDB: 2_800_000 } }));
    vi.stubGlobal('navigator', { storage: { estimate, persisted: async () => true } });
    expect(await storageReport()).toMatchObject({ usage: 9_000_000, quota: 100_000_000, appCache: 6_200_000, persisted: true });
    // A browser without the breakdown, or without an estimate at all: the rest of the report stands.
    estimate.mockResolvedValueOnce({ usage: 10, quota: 20 } as never);
    expect((await storageReport()).appCache).toBeUndefined();
    estimate.mockRejectedValueOnce(new Error('no estimate'));
    const report = await storageReport();
    expect(report.usage).toBeUndefined();
    expect(report.projects).toEqual([]);
  });
});
