import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CellId, ProjectId } from '@/lib/ids';
import { openProjectDoc, projectDocDatabaseName } from '@/lib/sync/local-persistence';
import { addCell, cellText, readCells, readProjectMeta, writeProjectMeta } from '@/lib/sync/project-doc';
import { listProjectDatasets, readDatasetBlob, saveDataset } from './datasets';
import { db } from './db';
import { ProjectNameError, ProjectNotFoundError } from './errors';
import { mirrorProjectName } from './project-name';
import {
  createProject,
  deleteProject,
  duplicateProject,
  listProjects,
  readProject,
  renameProject,
  touchProject,
} from './projects';
import { csvDataset, resetStore } from './test/fixtures';

const PENGUINS = 'bill,flipper\n39.1,181\n39.5,186\n';

/** Reads a project's notebook the way a reload would. */
async function notebookOf(id: ProjectId): Promise<{ name?: string; sources: string[] }> {
  const { doc, dispose } = await openProjectDoc(id);
  try {
    return { name: readProjectMeta(doc).name, sources: readCells(doc).map((c) => c.source) };
  } finally {
    await dispose();
  }
}

async function databaseExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((info) => info.name === name);
}

let clock = 1_700_000_000_000;
beforeEach(async () => {
  await resetStore();
  // Every change gets its own millisecond, so "newest first" is decided.
  vi.spyOn(Date, 'now').mockImplementation(() => (clock += 1000));
});
afterEach(() => vi.restoreAllMocks());

describe('the home list', () => {
  it('shows new projects, newest change first', async () => {
    const older = await createProject('Churn');
    const newer = await createProject('  Prices  ', { sample: 'seattle-weather' });
    expect((await listProjects()).map((p) => p.name)).toEqual(['Prices', 'Churn']);
    expect(await readProject(newer.id)).toMatchObject({ datasetCount: 0, experimentCount: 0, sample: 'seattle-weather' });

    await touchProject(older.id);
    expect((await listProjects()).map((p) => p.name)).toEqual(['Churn', 'Prices']);
  });

  it('gives every new project a notebook that knows its name', async () => {
    const project = await createProject('Churn');
    expect(await notebookOf(project.id)).toEqual({ name: 'Churn', sources: [] });
  });

  it('refuses an empty or overlong name with a message that says why', async () => {
    await expect(createProject('   ')).rejects.toThrow('A project needs a name.');
    await expect(createProject('x'.repeat(121))).rejects.toThrow(/at most 120 characters; this one has 121/);
    expect(await listProjects()).toEqual([]);
  });
});

describe('renameProject', () => {
  it('renames in the list and in the notebook', async () => {
    const project = await createProject('Untitled project');
    await renameProject(project.id, '  Penguin species  ');
    expect((await readProject(project.id))?.name).toBe('Penguin species');
    expect((await notebookOf(project.id)).name).toBe('Penguin species');
  });

  it('is seen at once by a notebook that is open', async () => {
    const project = await createProject('Old');
    const open = await openProjectDoc(project.id);
    await renameProject(project.id, 'New');
    expect(readProjectMeta(open.doc).name).toBe('New');
    await open.dispose();
  });

  it('keeps the old name when the new one is bad', async () => {
    const project = await createProject('Churn');
    const error = await renameProject(project.id, ' ').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectNameError);
    await expect(renameProject(project.id, 'y'.repeat(200))).rejects.toBeInstanceOf(ProjectNameError);
    expect((await readProject(project.id))?.name).toBe('Churn');
    expect((await notebookOf(project.id)).name).toBe('Churn');
  });

  it('says so when the project is gone', async () => {
    const id = ProjectId.create();
    await expect(renameProject(id, 'Ghost')).rejects.toBeInstanceOf(ProjectNotFoundError);
    expect(await databaseExists(projectDocDatabaseName(id))).toBe(false);
  });
});

describe('mirrorProjectName', () => {
  it('follows a name that arrives from a peer and ignores an unusable one', async () => {
    const project = await createProject('Mine');
    const open = await openProjectDoc(project.id);
    const stop = mirrorProjectName(project.id, open.doc);

    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(open.doc));
    writeProjectMeta(peer, { name: 'Theirs' });
    Y.applyUpdate(open.doc, Y.encodeStateAsUpdate(peer));
    await vi.waitFor(async () => expect((await readProject(project.id))?.name).toBe('Theirs'));

    open.doc.getMap<unknown>('meta').set('name', '   ');
    await db.projects.get(project.id); // let a (wrong) mirror write land before checking
    expect((await readProject(project.id))?.name).toBe('Theirs');

    stop();
    writeProjectMeta(open.doc, { name: 'After stop' });
    await open.dispose();
    expect((await readProject(project.id))?.name).toBe('Theirs');
  });
});

describe('duplicateProject', () => {
  it('copies the notebook and the datasets under "<name> (copy)"', async () => {
    const project = await createProject('Penguins');
    const { doc, dispose } = await openProjectDoc(project.id);
    const cell = addCell(doc, 'data');
    cellText(doc, cell)?.insert(0, 'Which species?');
    await dispose();
    const file = await csvDataset(PENGUINS, 'penguins.csv');
    await saveDataset({ projectId: project.id, cellId: cell, ...file });

    const copy = await duplicateProject(project.id);
    expect(copy).toMatchObject({ name: 'Penguins (copy)', datasetCount: 1 });
    expect(copy.id).not.toBe(project.id);
    expect((await listProjects()).map((p) => p.name)).toEqual(['Penguins (copy)', 'Penguins']);
    expect(await notebookOf(copy.id)).toEqual({ name: 'Penguins (copy)', sources: ['Which species?'] });
    expect((await listProjectDatasets(copy.id)).map((d) => [d.name, d.cellId])).toEqual([['penguins.csv', cell]]);
    expect(await db.blobs.count()).toBe(1); // shared, not copied

    // The original is untouched by edits to the copy.
    const copyDoc = await openProjectDoc(copy.id);
    addCell(copyDoc.doc, 'markdown');
    await copyDoc.dispose();
    expect((await notebookOf(project.id)).sources).toEqual(['Which species?']);
  });

  it('keeps a copy of a long name within the limit', async () => {
    const project = await createProject('n'.repeat(120));
    const copy = await duplicateProject(project.id);
    expect(copy.name).toHaveLength(120);
    expect(copy.name.endsWith(' (copy)')).toBe(true);
  });
});

describe('deleteProject', () => {
  it('removes a shared file only when the last project using it is deleted', async () => {
    const a = await createProject('A');
    const b = await createProject('B');
    const file = await csvDataset(PENGUINS, 'penguins.csv');
    await saveDataset({ projectId: a.id, cellId: CellId.create(), ...file });
    await saveDataset({ projectId: b.id, cellId: CellId.create(), ...file });

    await deleteProject(a.id);
    expect((await listProjects()).map((p) => p.name)).toEqual(['B']);
    expect(await databaseExists(projectDocDatabaseName(a.id))).toBe(false);
    expect(await (await readDatasetBlob(file.record.hash))?.text()).toBe(PENGUINS);
    expect((await listProjectDatasets(b.id)).map((d) => d.name)).toEqual(['penguins.csv']);

    await deleteProject(b.id);
    expect(await listProjects()).toEqual([]);
    expect(await readDatasetBlob(file.record.hash)).toBeUndefined();
    expect(await db.datasets.count()).toBe(0);
    expect(await db.projectDatasets.count()).toBe(0);
  });

  it('closes a notebook that is still open and does nothing the second time', async () => {
    const project = await createProject('Open');
    const open = await openProjectDoc(project.id);
    await deleteProject(project.id);
    await open.dispose();
    await deleteProject(project.id);
    expect(await databaseExists(projectDocDatabaseName(project.id))).toBe(false);
    expect(await readProject(project.id)).toBeUndefined();
  });
});
