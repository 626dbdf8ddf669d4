/**
 * Datasets and their bytes. A dataset is keyed by the SHA-256 of its canonical bytes, so the same
 * file imported twice, in one project or in several, is stored once; `projectDatasets` records
 * who uses it, and lib/store/projects collects it when nobody does.
 */
import { CellId, ContentHash, type ProjectId } from '@/lib/ids';
import type { SourceFormat } from '@/lib/data/types';
import { db, type StoredDataset, type StoredProjectDataset } from './db';
import { ProjectNotFoundError } from './errors';
import { checkSpace, toStoreError } from './quota';

/** A dataset as the rest of the app sees it. */
export type Dataset = Omit<StoredDataset, 'hash'> & { readonly hash: ContentHash };

/** A dataset together with how a project came to use it. */
export type LinkedDataset = Dataset & { readonly cellId: CellId; readonly addedAt: number };

export interface SaveDatasetInput {
  readonly projectId: ProjectId;
  /** The data cell that imported it. */
  readonly cellId: CellId;
  /** The canonical bytes; `record.hash` is their SHA-256 (lib/data/ingest computes it while parsing). */
  readonly blob: Blob;
  readonly record: Omit<StoredDataset, 'createdAt'>;
}

const MEDIA_TYPES: Record<SourceFormat, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  semicolon: 'text/csv',
  'json-records': 'application/json',
  'json-columns': 'application/json',
};

/** The one mapper from the stored shape. */
function toDataset(stored: StoredDataset): Dataset {
  return { ...stored, hash: ContentHash.parse(stored.hash) };
}

/** The number of distinct datasets a project links to, read inside the caller's transaction. */
export function countProjectDatasets(projectId: string): Promise<number> {
  return db.projectDatasets.where('projectId').equals(projectId).count();
}

/**
 * Stores an imported dataset for a project, in one transaction: the blob (unless these bytes are
 * already stored), the dataset record, the project's link to it and the project's count.
 * Fails with StorageQuotaError when there is no room, leaving everything as it was.
 */
export async function saveDataset(input: SaveDatasetInput): Promise<{ stored: 'new' | 'existing' }> {
  const { projectId, cellId, blob, record } = input;
  const hash = ContentHash.parse(record.hash);
  if (blob.size !== record.bytes) {
    throw new TypeError(`Dataset ${hash.slice(0, 12)}… says ${record.bytes} bytes but its blob has ${blob.size}.`);
  }
  const mediaType = blob.type || MEDIA_TYPES[record.format];
  // Async work that is not Dexie's must happen before the transaction (PrematureCommitError).
  try {
    const alreadyStored = (await db.blobs.where('hash').equals(hash).count()) > 0;
    if (!alreadyStored) await checkSpace(blob.size);

    return await db.transaction('rw', [db.projects, db.blobs, db.datasets, db.projectDatasets], async () => {
      const now = Date.now();
      if (!(await db.projects.get(projectId))) throw new ProjectNotFoundError(projectId);
      // Read again inside: another tab may have stored or collected it since the check above.
      const hasBlob = (await db.blobs.where('hash').equals(hash).count()) > 0;
      const hasDataset = (await db.datasets.get(hash)) !== undefined;
      if (!hasBlob) await db.blobs.put({ hash, size: blob.size, mediaType, data: blob, createdAt: now });
      if (!hasDataset) await db.datasets.put({ ...record, hash, createdAt: now });
      // A second import in the same project keeps the first link (and its cell).
      if (!(await db.projectDatasets.get([projectId, hash]))) {
        await db.projectDatasets.put({ projectId, hash, cellId, addedAt: now });
      }
      await db.projects.update(projectId, { datasetCount: await countProjectDatasets(projectId), updatedAt: now });
      return { stored: hasDataset ? ('existing' as const) : ('new' as const) };
    });
  } catch (e) {
    throw toStoreError(e, blob.size);
  }
}

export async function readDataset(hash: string): Promise<Dataset | undefined> {
  const stored = await db.datasets.get(hash);
  return stored && toDataset(stored);
}

/** The dataset's bytes; takes a plain string so a worker can pass what it was sent. */
export async function readDatasetBlob(hash: string): Promise<Blob | undefined> {
  return (await db.blobs.get(hash))?.data;
}

/** The datasets a project uses, in the order they were first imported. */
export async function listProjectDatasets(projectId: ProjectId): Promise<LinkedDataset[]> {
  const links: StoredProjectDataset[] = await db.projectDatasets.where('projectId').equals(projectId).toArray();
  links.sort((a, b) => a.addedAt - b.addedAt);
  const datasets = await db.datasets.bulkGet(links.map((link) => link.hash));
  const linked: LinkedDataset[] = [];
  links.forEach((link, i) => {
    const stored = datasets[i];
    if (stored) linked.push({ ...toDataset(stored), cellId: CellId.parse(link.cellId), addedAt: link.addedAt });
  });
  return linked;
}
