/**
 * Predictions and evaluations as artifacts (lib/experiments/lineage): a predictions CSV hangs under
 * the model that made it, an evaluation under the predictions it scored. Each write is one
 * transaction: the blob and its record land together or not at all.
 *
 * These records carry no `experimentId`: they are not the experiment's own outputs but derived from
 * them, so deleting the experiment asks first (derivedArtifactCount) and then takes them along.
 */
import { ulid } from 'ulid';
import { checkParent, type ArtifactKind } from '@/lib/experiments/lineage';
import { sha256Hex } from '@/lib/sha256';
import { db, type StoredArtifact } from './db';
import { checkSpace, toStoreError } from './quota';

export interface SaveArtifactInput {
  readonly projectId: string;
  /** The artifact it derives from: a model for predictions, predictions for an evaluation. */
  readonly parentId: string;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly mediaType: string;
  /** The stored dataset the rows came from (absent for a file or a typed row): staleness reads it. */
  readonly datasetHash?: string;
}

/** Stores predictions (CSV) under a model artifact. */
export function savePredictions(input: SaveArtifactInput): Promise<StoredArtifact> {
  return saveDerived('predictions', input);
}

/** Stores an evaluation (JSON) under a predictions artifact. */
export function saveEvaluation(input: SaveArtifactInput): Promise<StoredArtifact> {
  return saveDerived('evaluation', input);
}

async function saveDerived(kind: ArtifactKind, input: SaveArtifactInput): Promise<StoredArtifact> {
  const hash = await sha256Hex(input.bytes);
  await checkSpace(input.bytes.length);
  const record: StoredArtifact = { id: ulid(), projectId: input.projectId, kind, parentId: input.parentId, blobHash: hash, name: input.name, createdAt: Date.now(), ...(input.datasetHash ? { datasetHash: input.datasetHash } : {}) };
  try {
    await db.transaction('rw', db.artifacts, db.blobs, async () => {
      const parent = await db.artifacts.get(input.parentId);
      if (!parent) throw new Error(`The ${kind === 'predictions' ? 'model' : 'predictions'} this ${kind} belongs to is gone (deleted meanwhile?). Run the cell again.`);
      const fits = checkParent(kind, parent.kind);
      if (fits !== true) throw fits;
      if (!(await db.blobs.get(hash))) {
        await db.blobs.add({ hash, size: input.bytes.length, mediaType: input.mediaType, data: new Blob([new Uint8Array(input.bytes)]), createdAt: record.createdAt });
      }
      await db.artifacts.add(record);
    });
  } catch (error) {
    throw toStoreError(error, input.bytes.length);
  }
  return record;
}

export async function readArtifact(id: string): Promise<StoredArtifact | undefined> {
  return db.artifacts.get(id);
}

/** An artifact's bytes, or undefined when the record or its blob is not in this browser. */
export async function readArtifactBlob(id: string): Promise<Blob | undefined> {
  const artifact = await db.artifacts.get(id);
  return artifact?.blobHash ? (await db.blobs.get(artifact.blobHash))?.data : undefined;
}

/**
 * What a predictions or evaluation artifact was made from: the experiment whose model made it
 * (up the lineage to the model) and the dataset it read, where recorded.
 */
export async function readResultInputs(artifactId: string): Promise<{ modelId?: string; datasetHash?: string }> {
  let artifact = await db.artifacts.get(artifactId);
  const datasetHash = artifact?.datasetHash;
  // An evaluation hangs under its predictions, predictions under the model.
  while (artifact && artifact.kind !== 'model' && artifact.parentId) artifact = await db.artifacts.get(artifact.parentId);
  return { ...(artifact?.kind === 'model' && artifact.experimentId ? { modelId: artifact.experimentId } : {}), ...(datasetHash ? { datasetHash } : {}) };
}
