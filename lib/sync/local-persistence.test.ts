import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ProjectId } from '@/lib/ids';
import type { CellId } from '@/lib/ids';
import { COMPACT_ABOVE_UPDATES, copyProjectDoc, deleteProjectDocData, openProjectDoc, projectDocDatabaseName } from './local-persistence';
import { addCell, cellText, moveCell, readCells, readProjectMeta, setCollapsed, writeCellConfig, writeProjectMeta } from './project-doc';

async function databaseExists(name: string): Promise<boolean> {
  const all = await indexedDB.databases();
  return all.some((db) => db.name === name);
}

describe('a notebook in this browser', () => {
  it('survives a reload: written, disposed, reopened, the same cells', async () => {
    const id = ProjectId.create();
    const first = await openProjectDoc(id);
    writeProjectMeta(first.doc, { name: 'Churn', createdAt: 1000 });
    const md = addCell(first.doc, 'markdown');
    const data = addCell(first.doc, 'data');
    cellText(first.doc, md)?.insert(0, '# Which customers churn?');
    writeCellConfig(first.doc, data, { label: 'churned', task: 'binary' });
    setCollapsed(first.doc, data, true);
    moveCell(first.doc, data, 0);
    const before = readCells(first.doc);
    await first.dispose();

    const again = await openProjectDoc(id);
    expect(again.doc).not.toBe(first.doc);
    expect(readCells(again.doc)).toEqual(before);
    expect(readCells(again.doc).map((c) => c.kind)).toEqual(['data', 'markdown']);
    expect(readProjectMeta(again.doc)).toEqual({ name: 'Churn', createdAt: 1000, formatVersion: 1 });
    await again.dispose();
  });

  it('keeps the last edit made just before dispose', async () => {
    const id = ProjectId.create();
    const handle = await openProjectDoc(id);
    const cell = addCell(handle.doc, 'markdown');
    const text = cellText(handle.doc, cell);
    for (const ch of 'typed fast') text?.insert(text.length, ch);
    await handle.dispose();

    const reopened = await openProjectDoc(id);
    expect(readCells(reopened.doc)[0]?.source).toBe('typed fast');
    await reopened.dispose();
  });

  it('shares one live document between handles of the same project', async () => {
    const id = ProjectId.create();
    const notebook = await openProjectDoc(id);
    const homeList = await openProjectDoc(id);
    expect(homeList.doc).toBe(notebook.doc);
    writeProjectMeta(homeList.doc, { name: 'Renamed' });
    await homeList.dispose();
    // The notebook's handle is still open and sees the rename at once.
    expect(readProjectMeta(notebook.doc).name).toBe('Renamed');
    addCell(notebook.doc, 'markdown');
    await notebook.dispose();
    await notebook.dispose(); // twice is harmless

    const reopened = await openProjectDoc(id);
    expect(readCells(reopened.doc)).toHaveLength(1);
    expect(readProjectMeta(reopened.doc).name).toBe('Renamed');
    await reopened.dispose();
  });

  it('copies a notebook under a new name, leaving the original as it was', async () => {
    const from = ProjectId.create();
    const to = ProjectId.create();
    const source = await openProjectDoc(from);
    writeProjectMeta(source.doc, { name: 'Penguins', createdAt: 1 });
    const cell = addCell(source.doc, 'markdown');
    cellText(source.doc, cell)?.insert(0, 'notes');
    // Tracking records belong to the original: its results and models are not copied.
    source.doc.getMap('experiments').set('e', { id: 'e' });
    source.doc.getArray('registry').push([{ id: 'r' }]);
    await source.dispose();

    await copyProjectDoc(from, to, 'Penguins (copy)');

    const copy = await openProjectDoc(to);
    expect(readCells(copy.doc)).toEqual([expect.objectContaining({ id: cell, source: 'notes' })]);
    expect(copy.doc.getMap('experiments').size).toBe(0);
    expect(copy.doc.getArray('registry').length).toBe(0);
    expect(readProjectMeta(copy.doc).name).toBe('Penguins (copy)');
    // Editing the copy does not touch the original.
    cellText(copy.doc, cell as CellId)?.insert(0, 'more ');
    await copy.dispose();
    const original = await openProjectDoc(from);
    expect(readCells(original.doc)[0]?.source).toBe('notes');
    expect(readProjectMeta(original.doc).name).toBe('Penguins');
    expect(original.doc.getMap('experiments').size).toBe(1);
    await original.dispose();
  });

  it('deletes its local data, even while a handle is still open', async () => {
    const id = ProjectId.create();
    const handle = await openProjectDoc(id);
    addCell(handle.doc, 'markdown');
    expect(await databaseExists(projectDocDatabaseName(id))).toBe(true);

    await deleteProjectDocData(id);
    expect(await databaseExists(projectDocDatabaseName(id))).toBe(false);
    await handle.dispose(); // after the delete: nothing left to do, and no error

    const fresh = await openProjectDoc(id);
    expect(readCells(fresh.doc)).toEqual([]);
    await fresh.dispose();
    await deleteProjectDocData(id);
  });
});

describe('compaction of the stored updates', () => {
  /** How many updates y-indexeddb holds for a project, read straight from IndexedDB. */
  async function storedUpdates(id: ProjectId): Promise<number> {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(projectDocDatabaseName(id));
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = await new Promise<number>((resolve) => {
      const request = db.transaction('updates').objectStore('updates').count();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return count;
  }

  it('keeps the stored updates bounded however often a project is opened and edited, with nothing lost', async () => {
    const id = ProjectId.create();
    const SESSIONS = 80; // two entries each (the open and the edit): 160 without compaction
    for (let session = 0; session < SESSIONS; session++) {
      const handle = await openProjectDoc(id);
      const cell = readCells(handle.doc)[0]?.id ?? addCell(handle.doc, 'markdown');
      cellText(handle.doc, cell)?.insert(0, `${session % 10}`);
      await handle.dispose();
    }
    expect(await storedUpdates(id)).toBeLessThanOrEqual(COMPACT_ABOVE_UPDATES + 3);
    const again = await openProjectDoc(id);
    expect(cellText(again.doc, readCells(again.doc)[0]!.id)!.toString()).toHaveLength(SESSIONS);
    expect(readCells(again.doc)).toHaveLength(1);
    await again.dispose();
  });
});
