/**
 * Keeps each project's Yjs document in this browser's IndexedDB (y-indexeddb), one database per
 * project, so the notebook survives a reload and works offline.
 *
 * Within one JavaScript realm (a tab, a worker) a project's document is opened once and shared:
 * every `openProjectDoc` of the same project returns the same `Y.Doc`, reference-counted, so an
 * edit made through one handle (a rename from the home list) is seen live by the others (the open
 * notebook). The last `dispose()` flushes pending writes and closes the database.
 *
 * This module must not import lib/store: lib/store depends on lib/sync, not the reverse.
 */
import { clearDocument, fetchUpdates, IndexeddbPersistence, storeState } from 'y-indexeddb';
import * as Y from 'yjs';
import type { ProjectId } from '@/lib/ids';
import { writeProjectMeta } from './project-doc';

/** IndexedDB database of one project's document. Do not rename without a migration. */
export function projectDocDatabaseName(projectId: ProjectId): string {
  return `loopbook-doc-${projectId}`;
}

/** y-indexeddb's own object store of updates. */
const UPDATES_STORE = 'updates';

export interface ProjectDocHandle {
  readonly doc: Y.Doc;
  /** Releases this handle; resolves once the document's writes are on disk (for the last one). */
  dispose(): Promise<void>;
}

interface OpenDoc {
  readonly doc: Y.Doc;
  readonly persistence: IndexeddbPersistence;
  readonly ready: Promise<unknown>;
  refs: number;
  closed: boolean;
}

/**
 * Stored updates past which an open merges them into one. y-indexeddb adds an entry on every open
 * and on every edit, and merges only after 500 edits in one session: a project opened often (or
 * edited a little each time) would grow without bound.
 */
export const COMPACT_ABOVE_UPDATES = 50;

const openDocs = new Map<ProjectId, OpenDoc>();
/** Closes in progress, so a reopen waits for the previous close to reach the disk. */
const closing = new Map<ProjectId, Promise<void>>();

/**
 * y-indexeddb writes each update in its own IndexedDB transaction and does not wait for it.
 * Transactions over the same store complete in the order they were created, so an empty
 * read-write transaction created now completes after every write issued before it.
 */
function flush(persistence: IndexeddbPersistence): Promise<void> {
  const db = persistence.db;
  if (!db) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const tx = db.transaction([UPDATES_STORE], 'readwrite');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('Could not save the notebook to this browser.'));
    tx.onabort = () => reject(tx.error ?? new Error('Saving the notebook to this browser was aborted.'));
  });
}

async function closeDoc(projectId: ProjectId, entry: OpenDoc): Promise<void> {
  entry.closed = true;
  if (openDocs.get(projectId) === entry) openDocs.delete(projectId);
  const done = (async () => {
    try {
      await entry.ready.catch(() => undefined);
      await flush(entry.persistence);
    } finally {
      await entry.persistence.destroy();
      entry.doc.destroy();
    }
  })();
  closing.set(projectId, done);
  try {
    await done;
  } finally {
    if (closing.get(projectId) === done) closing.delete(projectId);
  }
}

/**
 * Opens a project's document, resolved once everything stored locally has been loaded into it.
 *
 * @example
 * const { doc, dispose } = await openProjectDoc(projectId);
 * try { addCell(doc, 'markdown'); } finally { await dispose(); }
 */
export async function openProjectDoc(projectId: ProjectId): Promise<ProjectDocHandle> {
  // A failed close already reported its error to the one who closed; the data is what's on disk.
  await closing.get(projectId)?.catch(() => undefined);
  let entry = openDocs.get(projectId);
  if (!entry) {
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(projectDocDatabaseName(projectId), doc);
    // whenSynced never settles when IndexedDB refuses to open (some private modes): `_db` rejects.
    const ready = Promise.all([persistence.whenSynced, persistence._db]).then(async (result) => {
      // y-indexeddb counts its entries only after 'synced': count again (nothing new is read),
      // then merge. Queued before any later write, so a close's flush waits for it too.
      await fetchUpdates(persistence);
      if (persistence._dbsize > COMPACT_ABOVE_UPDATES) void storeState(persistence, true);
      return result;
    });
    entry = { doc, persistence, ready, refs: 0, closed: false };
    openDocs.set(projectId, entry);
  }
  const opened = entry;
  opened.refs += 1;
  let released = false;
  const dispose = async (): Promise<void> => {
    if (released) return;
    released = true;
    opened.refs -= 1;
    if (opened.refs === 0 && !opened.closed) await closeDoc(projectId, opened);
  };
  try {
    await opened.ready;
  } catch (e) {
    await dispose();
    throw e;
  }
  return { doc: opened.doc, dispose };
}

/**
 * Deletes a project's local document. A handle still open on it is closed first (its later
 * `dispose()` does nothing): the project is going away.
 */
export async function deleteProjectDocData(projectId: ProjectId): Promise<void> {
  const entry = openDocs.get(projectId);
  if (entry) await closeDoc(projectId, entry).catch(() => undefined);
  await closing.get(projectId)?.catch(() => undefined);
  await clearDocument(projectDocDatabaseName(projectId));
}

/**
 * Copies a project's whole document (cells, history and all) into a new project's document and
 * gives the copy its own name and creation time. The tracking records (experiments, runs,
 * artifacts, registry) stay with the original: their results and models are not copied, so a copy
 * that listed them would point at nothing.
 */
/** The document's maps of tracking records (records-doc.ts), left out of a copy. */
const TRACKING_MAPS = ['experiments', 'runs', 'artifacts'] as const;

export async function copyProjectDoc(fromId: ProjectId, toId: ProjectId, newName: string): Promise<void> {
  const source = await openProjectDoc(fromId);
  let update: Uint8Array;
  try {
    update = Y.encodeStateAsUpdate(source.doc);
  } finally {
    await source.dispose();
  }
  const target = await openProjectDoc(toId);
  try {
    Y.applyUpdate(target.doc, update);
    target.doc.transact(() => {
      for (const name of TRACKING_MAPS) target.doc.getMap(name).clear();
      const registry = target.doc.getArray('registry');
      registry.delete(0, registry.length);
    });
    writeProjectMeta(target.doc, { name: newName, createdAt: Date.now() });
  } finally {
    await target.dispose();
  }
}
