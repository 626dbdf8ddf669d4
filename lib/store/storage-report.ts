/**
 * What this browser stores, and for whom: each project's datasets, models and other files
 * (predictions, evaluations) by their blob sizes, what deleting the project would free (bytes no
 * other project uses), and blobs nothing references any more, which `collectUnreferencedBlobs`
 * frees. Sizes come from the blob records, never by reading the bytes.
 */
import { db } from './db';

export interface ProjectStorage {
  readonly projectId: string;
  readonly name: string;
  readonly datasets: number;
  readonly models: number;
  /** Predictions, evaluations and other artifact files. */
  readonly files: number;
  /** Bytes only this project uses: freed by deleting it. */
  readonly freeable: number;
}

export interface StorageReport {
  /** Largest first. */
  readonly projects: readonly ProjectStorage[];
  /** Blobs that no dataset, experiment or artifact names: safe to delete. */
  readonly unreferenced: { readonly count: number; readonly bytes: number };
  /** The browser's estimate for the whole site (IndexedDB, caches…), when it gives one. */
  readonly usage?: number;
  readonly quota?: number;
  /** Of `usage`, the app's own files kept for working offline (the service worker's caches), where the browser says. */
  readonly appCache?: number;
  /** True when the browser promised not to evict this site's data under storage pressure. */
  readonly persisted?: boolean;
}

type Kind = 'datasets' | 'models' | 'files';

export async function storageReport(): Promise<StorageReport> {
  const [projects, sizes, links, experiments, artifacts, datasets] = await db.transaction('r', [db.projects, db.blobs, db.projectDatasets, db.experiments, db.artifacts, db.datasets], () =>
    Promise.all([
      db.projects.toArray(),
      blobSizes(),
      db.projectDatasets.toArray(),
      db.experiments.toArray(),
      db.artifacts.toArray(),
      db.datasets.toCollection().primaryKeys(),
    ]),
  );
  // Which projects use each blob, and as what.
  const users = new Map<string, Set<string>>();
  const uses = new Map<string, Map<string, Kind>>();
  const use = (projectId: string, hash: string | undefined, kind: Kind) => {
    if (!hash) return;
    (users.get(hash) ?? users.set(hash, new Set()).get(hash)!).add(projectId);
    const mine = uses.get(projectId) ?? uses.set(projectId, new Map()).get(projectId)!;
    if (!mine.has(hash)) mine.set(hash, kind);
  };
  for (const l of links) use(l.projectId, l.hash, 'datasets');
  for (const e of experiments) use(e.projectId, e.modelHash, 'models');
  for (const a of artifacts) use(a.projectId, a.blobHash, a.kind === 'model' ? 'models' : 'files');
  const referenced = new Set([...users.keys(), ...datasets.map(String)]);

  const report: ProjectStorage[] = projects.map((p) => {
    const totals = { datasets: 0, models: 0, files: 0, freeable: 0 };
    for (const [hash, kind] of uses.get(p.id) ?? []) {
      const size = sizes.get(hash) ?? 0;
      totals[kind] += size;
      if (users.get(hash)?.size === 1) totals.freeable += size;
    }
    return { projectId: p.id, name: p.name, ...totals };
  });
  report.sort((a, b) => b.datasets + b.models + b.files - (a.datasets + a.models + a.files));
  let count = 0;
  let bytes = 0;
  for (const [hash, size] of sizes) {
    if (referenced.has(hash)) continue;
    count++;
    bytes += size;
  }
  return { projects: report, unreferenced: { count, bytes }, ...(await browserEstimate()) };
}

/** Deletes the blobs nothing references (decided inside the deleting transaction). Returns the bytes freed. */
export async function collectUnreferencedBlobs(): Promise<number> {
  return db.transaction('rw', [db.blobs, db.projectDatasets, db.experiments, db.artifacts, db.datasets], async () => {
    const [sizes, links, experiments, artifacts, datasets] = await Promise.all([blobSizes(), db.projectDatasets.toArray(), db.experiments.toArray(), db.artifacts.toArray(), db.datasets.toCollection().primaryKeys()]);
    const referenced = new Set<string>([...links.map((l) => l.hash), ...datasets.map(String)]);
    for (const e of experiments) if (e.modelHash) referenced.add(e.modelHash);
    for (const a of artifacts) if (a.blobHash) referenced.add(a.blobHash);
    const doomed = [...sizes].filter(([hash]) => !referenced.has(hash));
    await db.blobs.bulkDelete(doomed.map(([hash]) => hash));
    return doomed.reduce((sum, [, size]) => sum + size, 0);
  });
}

/** Every blob's size by hash, without reading the bytes into memory more than the records hold. */
async function blobSizes(): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  await db.blobs.each((b) => void sizes.set(b.hash, b.size));
  return sizes;
}

async function browserEstimate(): Promise<Pick<StorageReport, 'usage' | 'quota' | 'appCache' | 'persisted'>> {
  const storage = globalThis.navigator?.storage;
  const out: { usage?: number; quota?: number; appCache?: number; persisted?: boolean } = {};
  try {
    if (typeof storage?.estimate === 'function') {
      const estimate: StorageEstimate & { usageDetails?: { caches?: number } } = await storage.estimate();
      if (estimate.usage !== undefined) out.usage = estimate.usage;
      if (estimate.quota !== undefined) out.quota = estimate.quota;
      // Chromium's breakdown; other browsers give the total only.
      if (typeof estimate.usageDetails?.caches === 'number') out.appCache = estimate.usageDetails.caches;
    }
    if (typeof storage?.persisted === 'function') out.persisted = await storage.persisted();
  } catch {
    // No estimate: the report still has the per-project sizes.
  }
  return out;
}

/** Asks the browser to keep this site's data under storage pressure; true when it agreed. */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = globalThis.navigator?.storage;
  if (typeof storage?.persist !== 'function') return false;
  try {
    return await storage.persist();
  } catch {
    return false;
  }
}
