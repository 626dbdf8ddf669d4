/**
 * A project's name is kept in two places, with one owner:
 *
 * - owner: `meta.name` in the project's Yjs document, the copy collaborators share;
 * - mirror: the `projects` row in Dexie, which the home list reads (and queries, sorted) without
 *   opening every project's document.
 *
 * Everything that changes the name goes through `writeProjectName`, which writes both.
 * `mirrorProjectName` keeps the row following the document while a notebook is open, for names
 * that arrive from a peer.
 */
import type * as Y from 'yjs';
import type { ProjectId } from '@/lib/ids';
import { openProjectDoc } from '@/lib/sync/local-persistence';
import { observeProjectMeta, readProjectMeta, writeProjectMeta } from '@/lib/sync/project-doc';
import { db } from './db';
import { ProjectNameError } from './errors';

/** Long enough for a descriptive title, short enough for one line of the home list. */
export const MAX_PROJECT_NAME_LENGTH = 120;

/** The name as it will be stored (trimmed), or a ProjectNameError saying what is wrong. */
export function parseProjectName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new ProjectNameError('A project needs a name.');
  if (trimmed.length > MAX_PROJECT_NAME_LENGTH) {
    throw new ProjectNameError(
      `A project name can be at most ${MAX_PROJECT_NAME_LENGTH} characters; this one has ${trimmed.length}.`,
    );
  }
  return trimmed;
}

/** Updates the Dexie row when its name differs. Returns whether it changed anything. */
async function mirrorName(projectId: ProjectId, name: string): Promise<boolean> {
  return db.transaction('rw', db.projects, async () => {
    const row = await db.projects.get(projectId);
    if (!row || row.name === name) return false;
    await db.projects.update(projectId, { name, updatedAt: Date.now() });
    return true;
  });
}

/** Writes a (valid) name to the project's document, then to its row. */
export async function writeProjectName(projectId: ProjectId, name: string): Promise<void> {
  const valid = parseProjectName(name);
  const handle = await openProjectDoc(projectId);
  try {
    writeProjectMeta(handle.doc, { name: valid });
  } finally {
    await handle.dispose();
  }
  await mirrorName(projectId, valid);
}

/**
 * While `doc` is open, copies every valid name it gets (from a peer, or from before the row
 * existed) into the project's row. Returns the unsubscribe.
 */
export function mirrorProjectName(
  projectId: ProjectId,
  doc: Y.Doc,
  onError: (error: unknown) => void = () => {},
): () => void {
  const follow = (name: string | undefined): void => {
    if (name === undefined) return;
    let valid: string;
    try {
      valid = parseProjectName(name);
    } catch {
      return; // a peer's unusable name: the row keeps the last good one
    }
    mirrorName(projectId, valid).catch(onError);
  };
  follow(readProjectMeta(doc).name);
  return observeProjectMeta(doc, (meta) => follow(meta.name));
}
