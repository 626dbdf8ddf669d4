/**
 * Writes and reads project.zip (layout and schemas in project-manifest.ts). Pure: plain values in,
 * bytes out, and back; lib/store/project-transfer.ts gathers the snapshot from this browser and
 * writes an imported one.
 *
 * Reading trusts nothing: the zip's size, entry count, paths and stated inflated size are checked
 * before anything inflates (zip-safety.ts), every JSON file is parsed with its schema, and every
 * blob's SHA-256 is computed and compared with the manifest (and, for data/, with its name). Any
 * failure is a BundleError saying which file; nothing is returned half-read.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { registryHistory, registryState, STAGES } from '../experiments/registry';
import type { SourceFormat } from '../data/types';
import { sha256Hex } from '../sha256';
import { APP_VERSION } from '../version';
import {
  EXPERIMENT_FILES,
  PROJECT_FILES,
  PROJECT_FORMAT,
  PROJECT_FORMAT_MAJOR,
  PROJECT_FORMAT_VERSION,
  datasetsFileSchema,
  experimentMetadataSchema,
  experimentMetricsSchema,
  lineageFileSchema,
  notebookSchema,
  projectManifestSchema,
  registryFileSchema,
  runsFileSchema,
  stageFile,
  stageFileSchema,
  trialsFileSchema,
  type BlobEntry,
  type ProjectManifest,
  type ProjectSnapshot,
  type SnapshotBlob,
  type SnapshotExperiment,
} from './project-manifest';
import { zipJsonReader } from './zip-json';
import { BundleError, readZipEntries, type ZipLimits } from './zip-safety';

const { need, parseJson, parseWith } = zipJsonReader('project.zip', 'the project');

const GIB = 1024 ** 3;

/**
 * A project is read whole into memory (the zip and every inflated file), so the caps are what a
 * browser tab can hold: 2 GiB either way (Chromium's largest ArrayBuffer is about that). 200,000
 * entries leave room for 40,000 experiments of five files each.
 */
export const PROJECT_ZIP_LIMITS: ZipLimits = { maxZipBytes: 2 * GIB, maxEntries: 200_000, maxInflatedBytes: 2 * GIB };

/** Dataset files keep the extension of their format, so the folder opens in any tool. */
const DATA_EXTENSIONS: Record<SourceFormat, string> = { csv: 'csv', tsv: 'tsv', semicolon: 'csv', 'json-records': 'json', 'json-columns': 'json' };
const MEDIA_EXTENSIONS: Readonly<Record<string, string>> = { 'text/csv': 'csv', 'text/tab-separated-values': 'tsv', 'application/json': 'json', 'application/zip': 'zip', 'text/plain': 'txt' };
/** Zip entries are stamped with this time, so two exports of the same project are byte-identical. */
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');
/** An artifact id that is safe as a file name; any other is filed under its blob's hash. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The display name of an experiment number (lib/store experimentName: bundle does not import store). */
function experimentLabel(number: number): string {
  return `exp-${String(number).padStart(3, '0')}`;
}

/** Packs a project. Throws a BundleError when a dataset's bytes are missing from `snapshot.blobs`. */
export function writeProjectZip(snapshot: ProjectSnapshot): Uint8Array {
  const files: Zippable = {};
  const blobEntries: BlobEntry[] = [];
  const placed = new Map<string, string>();
  const place = (hash: string, path: string): string | undefined => {
    const existing = placed.get(hash);
    if (existing !== undefined) return existing;
    const blob = snapshot.blobs.get(hash);
    if (!blob) return undefined;
    // A zip inside the zip is deflated already: stored as it is.
    files[path] = [blob.bytes, { level: blob.mediaType === 'application/zip' ? 0 : 6 }];
    placed.set(hash, path);
    blobEntries.push({ path, sha256: hash, bytes: blob.bytes.length, mediaType: blob.mediaType });
    return path;
  };
  const put = (path: string, value: unknown): void => {
    files[path] = prettyJson(value);
  };

  const datasets = [...snapshot.datasets].sort((a, b) => a.addedAt - b.addedAt || compare(a.hash, b.hash));
  for (const d of datasets) {
    if (!place(d.hash, `data/${d.hash}.${DATA_EXTENSIONS[d.format]}`)) throw new BundleError(`The bytes of dataset ${d.name} are not in this browser, so the project cannot be exported whole.`);
  }
  put(PROJECT_FILES.datasets, { datasets });

  const experiments = [...snapshot.experiments].sort((a, b) => a.metadata.number - b.metadata.number || a.metadata.startedAt - b.metadata.startedAt || compare(a.metadata.id, b.metadata.id));
  const folders: string[] = [];
  const folderOf = new Map<string, string>();
  const modelPathOf = new Map<string, string>();
  const taken = new Map<number, number>();
  for (const e of experiments) {
    const n = (taken.get(e.metadata.number) ?? 0) + 1;
    taken.set(e.metadata.number, n);
    const name = experimentLabel(e.metadata.number);
    const folder = n === 1 ? name : `${name}-${n}`;
    folders.push(folder);
    folderOf.set(e.metadata.id, folder);
    const dir = `experiments/${folder}/`;
    put(`${dir}metadata.json`, { ...e.metadata, name });
    put(`${dir}config.json`, e.config);
    put(`${dir}metrics.json`, e.metrics);
    put(`${dir}trials.json`, { trials: [...e.trials].sort((a, b) => a.index - b.index) });
    const modelPath = e.metadata.modelHash ? place(e.metadata.modelHash, `${dir}model.zip`) : undefined;
    if (modelPath) modelPathOf.set(e.metadata.id, modelPath);
  }

  const artifacts = [...snapshot.artifacts].sort((a, b) => a.createdAt - b.createdAt || compare(a.id, b.id));
  for (const a of artifacts) {
    if (!a.blobHash) continue;
    const ext = MEDIA_EXTENSIONS[snapshot.blobs.get(a.blobHash)?.mediaType ?? ''] ?? 'bin';
    place(a.blobHash, `artifacts/${SAFE_NAME.test(a.id) ? a.id : a.blobHash}.${ext}`);
  }
  put(PROJECT_FILES.lineage, { artifacts });
  put(PROJECT_FILES.runs, { runs: [...snapshot.runs].sort((a, b) => a.startedAt - b.startedAt || compare(a.id, b.id)) });

  const events = registryHistory(snapshot.registry);
  put(PROJECT_FILES.registry, { events });
  const state = registryState(events);
  for (const stage of STAGES) {
    const holder = state[stage];
    const folder = holder && folderOf.get(holder.experimentId);
    const path = holder && modelPathOf.get(holder.experimentId);
    put(stageFile(stage), {
      stage,
      model: holder ? { modelId: holder.modelId, experimentId: holder.experimentId, ...(folder ? { experiment: folder } : {}), ...(path ? { path } : {}), since: holder.since, by: holder.by } : null,
    });
  }

  put(PROJECT_FILES.notebook, { cells: snapshot.cells });
  const manifest: ProjectManifest = {
    format: PROJECT_FORMAT,
    version: PROJECT_FORMAT_VERSION,
    appVersion: APP_VERSION,
    project: snapshot.project,
    settings: snapshot.settings,
    experiments: folders,
    blobs: blobEntries.sort((a, b) => compare(a.path, b.path)),
  };
  put(PROJECT_FILES.manifest, manifest);
  return zipSync(files, { level: 6, mtime: FIXED_MTIME });
}

/**
 * Reads and checks a project.zip. Throws a BundleError naming the first problem: not a zip, an
 * unsafe path, too large once inflated, a missing or invalid file, another major version, or a
 * blob whose SHA-256 is not the one its manifest (or its name) says.
 */
export async function readProjectZip(bytes: Uint8Array): Promise<ProjectSnapshot> {
  const entries = readZipEntries(bytes, 'project.zip', PROJECT_ZIP_LIMITS);
  const manifestBytes = entries.get(PROJECT_FILES.manifest);
  if (!manifestBytes) {
    throw new BundleError(
      entries.has('manifest.json')
        ? 'This is a model.zip, not a project.zip. Choose the .project.zip that “Export project” saved.'
        : 'This zip is not a Loopbook project: it has no loopbook.json. Choose the .project.zip that “Export project” saved.',
    );
  }
  const rawManifest = parseJson(manifestBytes, PROJECT_FILES.manifest);
  checkFormat(rawManifest);
  const manifest = parseWith(projectManifestSchema, rawManifest, PROJECT_FILES.manifest);
  const read = <T>(schema: z.ZodType<T>, path: string): T => parseWith(schema, parseJson(need(entries, path), path), path);

  const { cells } = read(notebookSchema, PROJECT_FILES.notebook);
  unique(cells.map((c) => c.id), 'cell', PROJECT_FILES.notebook);
  const { datasets } = read(datasetsFileSchema, PROJECT_FILES.datasets);
  unique(datasets.map((d) => d.hash), 'dataset', PROJECT_FILES.datasets);
  const { runs } = read(runsFileSchema, PROJECT_FILES.runs);
  unique(runs.map((r) => r.id), 'run', PROJECT_FILES.runs);
  const { artifacts } = read(lineageFileSchema, PROJECT_FILES.lineage);
  unique(artifacts.map((a) => a.id), 'artifact', PROJECT_FILES.lineage);
  const { events } = read(registryFileSchema, PROJECT_FILES.registry);
  for (const stage of STAGES) read(stageFileSchema, stageFile(stage));

  unique(manifest.experiments, 'experiment folder', PROJECT_FILES.manifest);
  const experiments: SnapshotExperiment[] = manifest.experiments.map((folder) => {
    const dir = `experiments/${folder}/`;
    for (const name of EXPERIMENT_FILES) need(entries, `${dir}${name}`);
    return {
      metadata: read(experimentMetadataSchema, `${dir}metadata.json`),
      config: read(z.record(z.string(), z.unknown()), `${dir}config.json`),
      metrics: read(experimentMetricsSchema, `${dir}metrics.json`),
      trials: read(trialsFileSchema, `${dir}trials.json`).trials,
    };
  });
  unique(experiments.map((e) => e.metadata.id), 'experiment', 'experiments/');

  const blobs = await readBlobs(entries, manifest.blobs);
  for (const d of datasets) {
    const blob = blobs.get(d.hash);
    if (!blob) throw new BundleError(`This project.zip is incomplete: the bytes of dataset ${d.name} (data/${d.hash}) are missing. Export the project again.`);
    if (blob.bytes.length !== d.bytes) throw new BundleError(`This project.zip has an invalid ${PROJECT_FILES.datasets}: dataset ${d.name} says ${d.bytes} bytes, its file has ${blob.bytes.length}.`);
  }
  const hashAt = new Map(manifest.blobs.map((b) => [b.path, b.sha256]));
  manifest.experiments.forEach((folder, i) => {
    const path = `experiments/${folder}/model.zip`;
    const hash = hashAt.get(path);
    if (hash !== undefined && hash !== experiments[i]?.metadata.modelHash) {
      throw new BundleError(`This project.zip was refused: ${path} is not the model its metadata.json names (SHA-256 differs).`);
    }
  });

  return { project: manifest.project, settings: manifest.settings, cells, datasets, experiments, runs, artifacts, registry: events, blobs };
}

/** Every listed blob: present, of the stated size, and hashing to the stated SHA-256. */
async function readBlobs(entries: ReadonlyMap<string, Uint8Array>, listed: readonly BlobEntry[]): Promise<Map<string, SnapshotBlob>> {
  const blobs = new Map<string, SnapshotBlob>();
  const checked = new Set<string>();
  for (const entry of listed) {
    // A crafted manifest could list one big file many times, to be hashed each time.
    if (checked.has(entry.path)) throw new BundleError(`This project.zip has an invalid loopbook.json: ${entry.path} is listed twice.`);
    checked.add(entry.path);
    const data = need(entries, entry.path);
    if (data.length !== entry.bytes) throw new BundleError(`This project.zip was refused: ${entry.path} has ${data.length} bytes, but loopbook.json says ${entry.bytes}.`);
    const hash = await sha256Hex(data);
    if (hash !== entry.sha256) throw new BundleError(`This project.zip was refused: the SHA-256 of ${entry.path} is not the one loopbook.json lists. The file was changed or damaged.`);
    if (entry.path.startsWith('data/') && !entry.path.startsWith(`data/${hash}.`)) {
      throw new BundleError(`This project.zip was refused: ${entry.path} is named for other bytes than it holds (its SHA-256 is ${hash.slice(0, 12)}…).`);
    }
    if (!blobs.has(hash)) blobs.set(hash, { bytes: data, mediaType: entry.mediaType });
  }
  return blobs;
}

function checkFormat(raw: unknown): void {
  const head = z.object({ format: z.string(), version: z.string() }).safeParse(raw);
  if (!head.success || head.data.format !== PROJECT_FORMAT) {
    throw new BundleError('This zip is not a Loopbook project (its loopbook.json is not a loopbook-project manifest).');
  }
  const major = Number(head.data.version.split('.')[0]);
  if (major !== PROJECT_FORMAT_MAJOR) {
    throw new BundleError(
      major > PROJECT_FORMAT_MAJOR
        ? `This project.zip uses format ${head.data.version}, newer than this Loopbook reads (${PROJECT_FORMAT_VERSION}). Update Loopbook to import it.`
        : `This project.zip uses format ${head.data.version}, which this Loopbook no longer reads (it reads ${PROJECT_FORMAT_VERSION}).`,
    );
  }
}

function unique(ids: readonly string[], what: string, file: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new BundleError(`This project.zip has an invalid ${file}: the ${what} ${id} appears twice.`);
    seen.add(id);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pretty JSON with every object's keys sorted: the same project always gives the same text. */
function prettyJson(value: unknown): Uint8Array {
  return strToU8(`${JSON.stringify(value, sortKeys, 2)}\n`);
}

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => compare(a, b)));
}

