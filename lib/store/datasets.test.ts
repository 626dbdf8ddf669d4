import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CellId, ProjectId } from '@/lib/ids';
import { listProjectDatasets, readDataset, readDatasetBlob, saveDataset } from './datasets';
import { db } from './db';
import { ProjectNotFoundError } from './errors';
import { createProject, readProject } from './projects';
import { StorageQuotaError } from './quota';
import { csvDataset, resetStore } from './test/fixtures';

const PENGUINS = 'bill,flipper\n39.1,181\n39.5,186\n';
const WEATHER = 'temp,wind\n12.8,4.7\n10.6,4.5\n11.7,2.3\n';

beforeEach(resetStore);
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('saveDataset', () => {
  it('stores a file once however often it is imported', async () => {
    const a = await createProject('A');
    const b = await createProject('B');
    const file = await csvDataset(PENGUINS, 'penguins.csv');

    expect(await saveDataset({ projectId: a.id, cellId: CellId.create(), ...file })).toEqual({ stored: 'new' });
    expect(await saveDataset({ projectId: a.id, cellId: CellId.create(), ...file })).toEqual({ stored: 'existing' });
    expect(await saveDataset({ projectId: b.id, cellId: CellId.create(), ...file })).toEqual({ stored: 'existing' });

    expect(await db.blobs.count()).toBe(1);
    expect(await db.datasets.count()).toBe(1);
    expect((await readProject(a.id))?.datasetCount).toBe(1);
    expect((await readProject(b.id))?.datasetCount).toBe(1);
  });

  it('gives back the same bytes and what was learned about them', async () => {
    const project = await createProject('Penguins');
    const file = await csvDataset(PENGUINS, 'penguins.csv');
    await saveDataset({ projectId: project.id, cellId: CellId.create(), ...file });

    expect(await (await readDatasetBlob(file.record.hash))?.text()).toBe(PENGUINS);
    expect(await readDataset(file.record.hash)).toMatchObject({ name: 'penguins.csv', rowCount: 2, columnCount: 2 });
    expect(await readDataset('f'.repeat(64))).toBeUndefined();
    expect(await readDatasetBlob('f'.repeat(64))).toBeUndefined();
  });

  it('lists a project’s datasets in import order, with the cell that imported each', async () => {
    const project = await createProject('Two tables');
    const first = CellId.create();
    const second = CellId.create();
    const weather = await csvDataset(WEATHER, 'weather.csv');
    const penguins = await csvDataset(PENGUINS, 'penguins.csv');
    await saveDataset({ projectId: project.id, cellId: first, ...weather });
    await saveDataset({ projectId: project.id, cellId: second, ...penguins });

    const listed = await listProjectDatasets(project.id);
    expect(listed.map((d) => [d.name, d.cellId])).toEqual([
      ['weather.csv', first],
      ['penguins.csv', second],
    ]);
    expect((await readProject(project.id))?.datasetCount).toBe(2);
  });

  it('refuses a project that does not exist, storing nothing', async () => {
    const file = await csvDataset(PENGUINS);
    const saving = saveDataset({ projectId: ProjectId.create(), cellId: CellId.create(), ...file });
    await expect(saving).rejects.toBeInstanceOf(ProjectNotFoundError);
    expect(await db.blobs.count()).toBe(0);
    expect(await db.datasets.count()).toBe(0);
  });

  it('refuses bytes that do not match the record', async () => {
    const project = await createProject('A');
    const file = await csvDataset(PENGUINS);
    const saving = saveDataset({ projectId: project.id, cellId: CellId.create(), ...file, blob: new Blob(['x']) });
    await expect(saving).rejects.toThrow(/bytes/);
  });
});

describe('saveDataset without room', () => {
  it('refuses before writing when the browser says it will not fit', async () => {
    const project = await createProject('Big');
    const file = await csvDataset(PENGUINS);
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 990, quota: 1000 }) } });

    const error = await saveDataset({ projectId: project.id, cellId: CellId.create(), ...file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageQuotaError);
    expect(error).toMatchObject({ neededBytes: file.blob.size, availableBytes: 10 });
    expect(await db.blobs.count()).toBe(0);
  });

  it('still links bytes already stored when the disk is full', async () => {
    const a = await createProject('A');
    const b = await createProject('B');
    const file = await csvDataset(PENGUINS);
    await saveDataset({ projectId: a.id, cellId: CellId.create(), ...file });
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 1000, quota: 1000 }) } });
    expect(await saveDataset({ projectId: b.id, cellId: CellId.create(), ...file })).toEqual({ stored: 'existing' });
  });

  it('leaves everything as it was when the disk fills up halfway through', async () => {
    const project = await createProject('Penguins');
    const penguins = await csvDataset(PENGUINS, 'penguins.csv');
    await saveDataset({ projectId: project.id, cellId: CellId.create(), ...penguins });
    const before = await readProject(project.id);

    // The blob is written first, then the dataset record fails as IndexedDB does when full.
    const put = vi.spyOn(db.datasets, 'put').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    const weather = await csvDataset(WEATHER, 'weather.csv');
    const error = await saveDataset({ projectId: project.id, cellId: CellId.create(), ...weather }).catch((e: unknown) => e);
    expect(put).toHaveBeenCalled();

    expect(error).toBeInstanceOf(StorageQuotaError);
    expect(error).toMatchObject({ neededBytes: weather.blob.size });
    expect(String((error as Error).message)).toMatch(/deleting projects/);
    // The new file left no trace; the earlier one is whole.
    expect(await readDatasetBlob(weather.record.hash)).toBeUndefined();
    expect(await readDataset(weather.record.hash)).toBeUndefined();
    expect(await (await readDatasetBlob(penguins.record.hash))?.text()).toBe(PENGUINS);
    expect((await listProjectDatasets(project.id)).map((d) => d.name)).toEqual(['penguins.csv']);
    expect(await readProject(project.id)).toEqual(before);
  });
});
