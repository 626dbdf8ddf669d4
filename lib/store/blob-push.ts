/**
 * Puts a shared project's blobs in its room on the relay, so that collaborators can download
 * what they open: its datasets, its models and the files of its artifacts. Each is announced in
 * the document first (who has it), then uploaded unless the room has it already.
 */
import type * as Y from 'yjs';
import type { ProjectId } from '@/lib/ids';
import { readBlobEntry, writeBlobEntry, type BlobEntry } from '@/lib/sync/blobs-doc';
import { relayHasBlob, uploadBlob, type RoomAccessProof } from '@/lib/sync/blob-transfer';
import { db } from './db';

export interface ProjectBlob {
  readonly hash: string;
  readonly kind: BlobEntry['kind'];
}

/**
 * How many blobs this browser holds: changes when a dataset, model or file is stored or collected,
 * and not on the many other writes (training progress), so it is a cheap trigger for a push.
 */
export function blobCount(): Promise<number> {
  return db.blobs.count();
}

/** The blobs `projectId` uses, each once (datasets first: they are what a collaborator opens first). */
export async function projectBlobs(projectId: ProjectId): Promise<ProjectBlob[]> {
  const [links, experiments, artifacts] = await db.transaction('r', db.projectDatasets, db.experiments, db.artifacts, () =>
    Promise.all([db.projectDatasets.where('projectId').equals(projectId).toArray(), db.experiments.where('projectId').equals(projectId).toArray(), db.artifacts.where('projectId').equals(projectId).toArray()]),
  );
  const seen = new Map<string, ProjectBlob['kind']>();
  for (const l of links) seen.set(l.hash, 'dataset');
  for (const e of experiments) if (e.modelHash && !seen.has(e.modelHash)) seen.set(e.modelHash, 'model');
  for (const a of artifacts) if (a.blobHash && !seen.has(a.blobHash)) seen.set(a.blobHash, 'file');
  return [...seen].map(([hash, kind]) => ({ hash, kind }));
}

/**
 * Announces and uploads every blob of the project the room does not hold yet. One that fails
 * stays announced as not uploaded and is tried again on the next call; the first error is thrown
 * after the others were tried.
 */
export async function pushProjectBlobs(projectId: ProjectId, doc: Y.Doc, room: RoomAccessProof, by: string): Promise<void> {
  let failure: unknown;
  for (const { hash, kind } of await projectBlobs(projectId)) {
    if (readBlobEntry(doc, hash)?.uploaded) continue;
    const stored = await db.blobs.get(hash);
    if (!stored) continue; // not in this browser either: someone else announces it
    const announce = (uploaded: boolean) => writeBlobEntry(doc, hash, { kind, size: stored.size, by, uploaded });
    if (!readBlobEntry(doc, hash)) announce(false);
    try {
      if (!(await relayHasBlob(room, hash))) await uploadBlob(room, hash, stored.data);
      announce(true);
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure) throw failure;
}
