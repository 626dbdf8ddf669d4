/**
 * A code cell's run as artifacts (lib/experiments/lineage): its code and config as the root
 * config artifact (naming the dataset it trained on), the model `train` returned under it, and
 * the predictions under the model. One transaction: all of them land, or none.
 *
 * Like predictions, they carry no `experimentId`: a code cell's run is not an AutoML experiment.
 */
import { ulid } from 'ulid';
import type { CodeLanguage } from '@/lib/code/languages';
import { sha256Hex } from '@/lib/sha256';
import { db, type StoredArtifact } from './db';
import { checkSpace, toStoreError } from './quota';

export interface SaveCodeRunInput {
  readonly projectId: string;
  /** "Cell 4 (code)", the start of every artifact's name. */
  readonly name: string;
  readonly language: CodeLanguage;
  readonly source: string;
  /** The config the functions received. */
  readonly config: unknown;
  /** The dataset `train` read. */
  readonly datasetHash: string;
  /** `train`'s model as JSON text. */
  readonly modelJson: string;
  /** The predictions CSV and the dataset they were made on, when the cell had rows to predict. */
  readonly predictions?: { readonly csv: Uint8Array; readonly datasetHash: string; readonly on: string };
}

export interface CodeRunArtifacts {
  readonly config: StoredArtifact;
  readonly model: StoredArtifact;
  readonly predictions?: StoredArtifact;
}

export async function saveCodeRun(input: SaveCodeRunInput): Promise<CodeRunArtifacts> {
  const encoder = new TextEncoder();
  const configBytes = encoder.encode(JSON.stringify({ format: 'loopbook-code-cell', language: input.language, source: input.source, config: input.config }, null, 2));
  const modelBytes = encoder.encode(input.modelJson);
  const blobs = [
    { bytes: configBytes, mediaType: 'application/json' },
    { bytes: modelBytes, mediaType: 'application/json' },
    ...(input.predictions ? [{ bytes: input.predictions.csv, mediaType: 'text/csv' }] : []),
  ];
  const hashes = await Promise.all(blobs.map((b) => sha256Hex(b.bytes)));
  const total = blobs.reduce((n, b) => n + b.bytes.length, 0);
  await checkSpace(total);
  const createdAt = Date.now();
  const config: StoredArtifact = { id: ulid(), projectId: input.projectId, kind: 'config', parentId: null, datasetHash: input.datasetHash, blobHash: hashes[0]!, name: `${input.name} code and config`, createdAt };
  const model: StoredArtifact = { id: ulid(), projectId: input.projectId, kind: 'model', parentId: config.id, blobHash: hashes[1]!, name: `${input.name} model`, createdAt };
  const predictions: StoredArtifact | undefined = input.predictions
    ? { id: ulid(), projectId: input.projectId, kind: 'predictions', parentId: model.id, blobHash: hashes[2]!, datasetHash: input.predictions.datasetHash, name: `${input.name} predictions on ${input.predictions.on}`, createdAt }
    : undefined;
  try {
    await db.transaction('rw', db.artifacts, db.blobs, async () => {
      for (const [i, blob] of blobs.entries()) {
        const hash = hashes[i]!;
        if (!(await db.blobs.get(hash))) await db.blobs.add({ hash, size: blob.bytes.length, mediaType: blob.mediaType, data: new Blob([new Uint8Array(blob.bytes)]), createdAt });
      }
      await db.artifacts.bulkAdd([config, model, ...(predictions ? [predictions] : [])]);
    });
  } catch (error) {
    throw toStoreError(error, total);
  }
  return { config, model, ...(predictions ? { predictions } : {}) };
}
