/**
 * A whole project out of this browser as project.zip, and into another browser (DESIGN.md §8):
 * the notebook, settings, registry, datasets, experiments with their results, trials and models,
 * sweep runs and the lineage. lib/bundle/project-zip.ts packs and checks the zip; this module
 * gathers the snapshot from Dexie and the project's Yjs document, and writes an imported one back.
 *
 * An import always makes a NEW project, so importing one zip twice gives two independent
 * projects. Ids that are global in this browser are given anew, consistently: the project, the
 * cells (sweep runs and experiments are found by cell id), experiments (ULIDs, dated by their
 * start), their artifacts (`<experiment>.config` / `.model` follow their experiment), registry
 * events' experiment and model ids, and run ids. Content hashes stay: blobs are shared and only
 * the missing ones are stored. Experiment numbers stay.
 *
 * Nothing is half-imported: the zip is read and checked whole first; then the notebook document
 * is written, then every row in one Dexie transaction, then the tracking records are published
 * into the document. If any step fails, the new project is deleted again (rows, document, and the
 * blobs nothing else uses), and the error is thrown.
 *
 * A run's id is its fingerprint, which names its sweep cell; the imported cell has a new id, so
 * the imported runs get ids derived from the old ones and the new project. They show as before;
 * a sweep resumed in the imported project computes its runs again.
 */
import { ulid } from 'ulid';
import type * as Y from 'yjs';
import { canonicalJson } from '@/lib/canonical-json';
import { PROJECT_ZIP_LIMITS, readProjectZip, writeProjectZip } from '@/lib/bundle/project-zip';
import { sha256Hex } from '@/lib/sha256';
import { BundleError } from '@/lib/bundle/zip-safety';
import type { ArtifactEntry, DatasetEntry, NotebookCell, ProjectSnapshot, RunEntry, SnapshotBlob, SnapshotExperiment } from '@/lib/bundle/project-manifest';
import { STAGES } from '@/lib/experiments/registry';
import { formatBytes } from '@/lib/units';
import { CellId, ContentHash, ProjectId } from '@/lib/ids';
import { deleteProjectDocData, openProjectDoc } from '@/lib/sync/local-persistence';
import { addCell, cellText, readCells, readProjectMeta, setCollapsed, writeCellConfig, writeProjectMeta, type CellConfigPatch } from '@/lib/sync/project-doc';
import { readProjectSettings, writeProjectSettings } from '@/lib/sync/project-settings';
import { appendRegistryEvent, readRegistryEvents } from '@/lib/sync/registry-doc';
import { db, type StoredArtifact, type StoredBlob, type StoredDataset, type StoredExperiment, type StoredProject, type StoredProjectDataset, type StoredRun, type StoredTrial } from './db';
import { ProjectNotFoundError } from './errors';
import { experimentName } from './experiments';
import { MAX_PROJECT_NAME_LENGTH } from './project-name';
import { deleteProject, readProject, type Project } from './projects';
import { checkSpace, toStoreError } from './quota';
import { publishArtifacts, publishExperiment, publishRun } from './records-mirror';

const IMPORTED_SUFFIX = ' (imported)';
/** ULIDs hold 48 bits of milliseconds: a start time outside that range gets a ULID of now. */
const MAX_ULID_TIME = 2 ** 48 - 1;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finitePairs = (pairs: readonly (readonly [number, number])[]): [number, number][] => pairs.filter(([t, s]) => Number.isFinite(t) && Number.isFinite(s)).map(([t, s]) => [t, s]);

/** The project as project.zip bytes. Throws ProjectNotFoundError, or a BundleError when a dataset's bytes are gone. */
export async function exportProject(projectId: ProjectId): Promise<Uint8Array> {
  return writeProjectZip(await readProjectSnapshot(projectId));
}

/** Everything project.zip holds of a project, read from this browser. */
export async function readProjectSnapshot(projectId: ProjectId): Promise<ProjectSnapshot> {
  const row = await db.projects.get(projectId);
  if (!row) throw new ProjectNotFoundError(projectId);
  const handle = await openProjectDoc(projectId);
  let fromDoc: Pick<ProjectSnapshot, 'cells' | 'settings' | 'registry'> & { name: string; createdAt: number };
  try {
    const meta = readProjectMeta(handle.doc);
    fromDoc = {
      name: meta.name ?? row.name,
      createdAt: meta.createdAt ?? row.createdAt,
      cells: readCells(handle.doc).map((c) => ({ id: c.id, kind: c.kind, collapsed: c.collapsed, source: c.source, config: c.config })),
      settings: readProjectSettings(handle.doc),
      registry: readRegistryEvents(handle.doc),
    };
  } finally {
    await handle.dispose();
  }

  const stored = await db.transaction('r', [db.projectDatasets, db.datasets, db.experiments, db.experimentResults, db.trials, db.runs, db.artifacts, db.blobs], async () => {
    const links = await db.projectDatasets.where('projectId').equals(projectId).toArray();
    const datasets = await db.datasets.bulkGet(links.map((l) => l.hash));
    const experiments = await db.experiments.where('projectId').equals(projectId).toArray();
    const ids = experiments.map((e) => e.id);
    const results = await db.experimentResults.bulkGet(ids);
    const trials = await db.trials.where('experimentId').anyOf(ids).toArray();
    const runs = await db.runs.where('projectId').equals(projectId).toArray();
    const artifacts = await db.artifacts.where('projectId').equals(projectId).toArray();
    const hashes = new Set([...links.map((l) => l.hash), ...experiments.flatMap((e) => (e.modelHash ? [e.modelHash] : [])), ...artifacts.flatMap((a) => (a.blobHash ? [a.blobHash] : []))]);
    const blobs = await db.blobs.bulkGet([...hashes]);
    return { links, datasets, experiments, results, trials, runs, artifacts, blobs };
  });

  // Reading a Blob's bytes is not Dexie's work: after the transaction.
  const blobs = new Map<string, SnapshotBlob>();
  for (const blob of stored.blobs) {
    if (blob && ContentHash.is(blob.hash)) blobs.set(blob.hash, { bytes: new Uint8Array(await blob.data.arrayBuffer()), mediaType: blob.mediaType });
  }
  const datasets: DatasetEntry[] = stored.links.flatMap((link, i) => {
    const d = stored.datasets[i];
    // A dataset whose bytes are not here cannot travel; the data cell shows it as missing, as it does here.
    if (!d || !blobs.has(d.hash)) return [];
    const { hash, name, bytes, format, delimiter, encoding, rowCount, columnCount, notices, schema, profile, createdAt } = d;
    return [{ hash, name, bytes, format, delimiter, encoding, rowCount, columnCount, notices: [...notices], schema: [...schema], profile: { ...profile, columns: profile.columns.map((c) => ({ ...c, histogram: c.histogram && [...c.histogram], top: c.top && [...c.top] })) }, createdAt, cellId: link.cellId, addedAt: link.addedAt }];
  });
  const trialsOf = new Map<string, StoredTrial[]>();
  for (const t of stored.trials) trialsOf.set(t.experimentId, [...(trialsOf.get(t.experimentId) ?? []), t]);
  const experiments: SnapshotExperiment[] = stored.experiments
    .map((e, i) => toSnapshotExperiment(e, stored.results[i]?.result, trialsOf.get(e.id) ?? []))
    // In number order (as the zip lists them), not by id: ids are random within a millisecond.
    .sort((a, b) => a.metadata.number - b.metadata.number || a.metadata.startedAt - b.metadata.startedAt);
  const lastNumber = Math.max(row.lastExperimentNumber ?? 0, ...stored.experiments.map((e) => e.number));

  return {
    project: { name: fromDoc.name, createdAt: fromDoc.createdAt, ...(row.sample !== undefined ? { sample: row.sample } : {}), lastExperimentNumber: lastNumber },
    settings: fromDoc.settings,
    cells: fromDoc.cells,
    datasets,
    experiments,
    runs: stored.runs.map(({ projectId: _p, ...r }): RunEntry => ({ ...r, params: { ...r.params }, ...(r.metrics ? { metrics: finiteValues(r.metrics) } : {}) })),
    artifacts: stored.artifacts.map(({ projectId: _p, blobHash, ...a }): ArtifactEntry => ({ ...a, ...(blobHash && ContentHash.is(blobHash) ? { blobHash } : {}) })),
    registry: fromDoc.registry,
    blobs,
  };
}

function toSnapshotExperiment(e: StoredExperiment, result: unknown, trials: readonly StoredTrial[]): SnapshotExperiment {
  return {
    metadata: {
      id: e.id,
      number: e.number,
      name: experimentName(e.number),
      cellId: e.cellId,
      datasetHash: e.datasetHash,
      datasetName: e.datasetName,
      status: e.status,
      startedAt: e.startedAt,
      heartbeatAt: e.heartbeatAt,
      endedAt: e.endedAt,
      startedBy: e.startedBy,
      configSources: e.configSources && { ...e.configSources },
      modelHash: e.modelHash && ContentHash.is(e.modelHash) ? e.modelHash : undefined,
      error: e.error,
      snapshot: isObject(e.snapshot) ? e.snapshot : undefined,
      imported: e.imported,
    },
    config: isObject(e.config) ? e.config : {},
    metrics: { heldOut: e.heldOut, bestOverTime: finitePairs(e.bestOverTime), result: isObject(result) ? result : undefined },
    trials: trials.map((t) => ({ index: t.index, record: isObject(t.record) ? t.record : {} })),
  };
}

function finiteValues(values: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => Number.isFinite(v)));
}

/**
 * Imports a project.zip as a new project and returns it. Throws a BundleError when the zip is
 * refused, StorageQuotaError when it does not fit; either way this browser is as it was.
 */
export async function importProject(bytes: Uint8Array): Promise<Project> {
  const snapshot = await readProjectZip(bytes);
  const projectId = ProjectId.create();
  const name = await freeName(snapshot.project.name);
  const ids = new IdMap(snapshot);
  const now = Date.now();

  const presentBlobs = new Set(await db.blobs.where('hash').anyOf([...snapshot.blobs.keys()]).primaryKeys());
  const newBlobs = [...snapshot.blobs].filter(([hash]) => !presentBlobs.has(hash));
  const runIds = new Map<string, string>();
  for (const r of snapshot.runs) runIds.set(r.id, await sha256Hex(new TextEncoder().encode(canonicalJson({ importedRun: r.id, project: projectId }))));
  const neededBytes = newBlobs.reduce((sum, [, b]) => sum + b.bytes.length, 0);
  await checkSpace(neededBytes);

  const handle = await openProjectDoc(projectId);
  try {
    writeNotebook(handle.doc, snapshot, name, ids);
    const rows = storedRows(snapshot, projectId, name, ids, runIds, now);
    try {
      await db.transaction('rw', [db.projects, db.blobs, db.datasets, db.projectDatasets, db.experiments, db.experimentResults, db.trials, db.runs, db.artifacts], async () => {
        // Read again inside: another tab may have stored some of these bytes since.
        const present = new Set(await db.blobs.where('hash').anyOf(newBlobs.map(([hash]) => hash)).primaryKeys());
        await db.blobs.bulkAdd(newBlobs.filter(([hash]) => !present.has(hash)).map(([hash, b]): StoredBlob => ({ hash, size: b.bytes.length, mediaType: b.mediaType, data: new Blob([arrayBufferView(b.bytes)], { type: b.mediaType }), createdAt: now })));
        const known = new Set(await db.datasets.where('hash').anyOf(rows.datasets.map((d) => d.hash)).primaryKeys());
        await db.datasets.bulkAdd(rows.datasets.filter((d) => !known.has(d.hash)));
        await db.projectDatasets.bulkAdd(rows.links);
        await db.experiments.bulkAdd(rows.experiments);
        await db.experimentResults.bulkAdd(rows.results);
        await db.trials.bulkAdd(rows.trials);
        await db.runs.bulkAdd(rows.runs);
        await db.artifacts.bulkAdd(rows.artifacts);
        // The row last: the project shows in the home list once everything else is there.
        await db.projects.add(rows.project);
      });
    } catch (e) {
      throw toStoreError(e, neededBytes);
    }
    // Collaborators who open the imported project's link get the records from its document.
    for (const e of rows.experiments) await publishExperiment(handle.doc, e.id);
    handle.doc.transact(() => {
      for (const run of rows.runs) publishRun(handle.doc, run);
      publishArtifacts(handle.doc, rows.artifacts.filter((a) => a.experimentId === undefined));
    });
    await handle.dispose();
  } catch (error) {
    // dispose() is idempotent: a second call after a failed first one does nothing.
    await handle.dispose().catch(() => undefined);
    // Whatever was written goes again: rows and document (deleteProject keeps blobs others use).
    await deleteProject(projectId).catch(() => deleteProjectDocData(projectId).catch(() => undefined));
    throw error;
  }
  const project = await readProject(projectId);
  if (!project) throw new ProjectNotFoundError(projectId);
  return project;
}

/**
 * Imports a project.zip file (what a file input or a drop gives). A file larger than any project.zip
 * is refused before it is read into memory.
 */
export async function importProjectFile(file: Blob): Promise<Project> {
  if (file.size > PROJECT_ZIP_LIMITS.maxZipBytes) {
    throw new BundleError(`This file is ${formatBytes(file.size)}, more than the ${formatBytes(PROJECT_ZIP_LIMITS.maxZipBytes)} a project.zip may be; it was refused.`);
  }
  return importProject(new Uint8Array(await file.arrayBuffer()));
}

/** The zip's name, or "<name> (imported)" (then "(imported 2)"…) when a project here has it. */
async function freeName(wanted: string): Promise<string> {
  const base = wanted.trim().slice(0, MAX_PROJECT_NAME_LENGTH).trim() || 'Imported project';
  const taken = new Set((await db.projects.toArray()).map((p) => p.name));
  if (!taken.has(base)) return base;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? IMPORTED_SUFFIX : ` (imported ${n})`;
    const candidate = `${base.slice(0, MAX_PROJECT_NAME_LENGTH - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Old id → new id, each given once and used everywhere it appears. Experiment ids and ids that
 * only a reference names (a deleted experiment in the registry's history) share one map.
 */
class IdMap {
  private readonly cells = new Map<string, CellId>();
  private readonly records = new Map<string, string>();
  private readonly artifacts = new Map<string, string>();

  constructor(snapshot: ProjectSnapshot) {
    for (const e of snapshot.experiments) this.records.set(e.metadata.id, ulidAt(e.metadata.startedAt));
    for (const a of snapshot.artifacts) {
      // `<experiment>.config` / `.model` keep their derivation from the experiment's id.
      const own = a.experimentId !== undefined && a.id.startsWith(`${a.experimentId}.`);
      this.artifacts.set(a.id, own && a.experimentId !== undefined ? `${this.record(a.experimentId)}${a.id.slice(a.experimentId.length)}` : ulidAt(a.createdAt));
    }
  }

  /** Cells get their new ids from the document (addCell); a cell only referenced gets one here. */
  setCell(old: string, id: CellId): void {
    this.cells.set(old, id);
  }
  /** '' (an experiment imported from a model.zip has no cell) stays ''. */
  cell(old: string): string {
    return old === '' ? '' : getOrSet(this.cells, old, () => CellId.create());
  }
  record(old: string): string {
    return getOrSet(this.records, old, () => ulid());
  }
  hasExperiment(old: string): boolean {
    return this.records.has(old);
  }
  artifact(old: string): string {
    return this.artifacts.get(old) ?? old;
  }
  hasArtifact(old: string): boolean {
    return this.artifacts.has(old);
  }
  /** A registry model id: an experiment's id (what the registry uses), else an artifact's. */
  model(old: string): string {
    return this.records.get(old) ?? this.artifacts.get(old) ?? this.record(old);
  }
}

const isStage = (value: string): boolean => STAGES.some((s) => s === value);

function getOrSet<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  const existing = map.get(key);
  if (existing !== undefined) return existing;
  const created = create();
  map.set(key, created);
  return created;
}

function ulidAt(time: number): string {
  return Number.isInteger(time) && time >= 0 && time <= MAX_ULID_TIME ? ulid(time) : ulid();
}

/** The new project's document: meta, cells in order (new ids), settings and the registry's history. */
function writeNotebook(doc: Y.Doc, snapshot: ProjectSnapshot, name: string, ids: IdMap): void {
  doc.transact(() => {
    writeProjectMeta(doc, { name, createdAt: snapshot.project.createdAt });
    const added = snapshot.cells.map((cell) => {
      const id = addCell(doc, cell.kind);
      ids.setCell(cell.id, id);
      return { cell, id };
    });
    // Configs after every cell has its new id: a train cell may name a data cell below it.
    for (const { cell, id } of added) {
      if (cell.source) cellText(doc, id)?.insert(0, cell.source);
      if (cell.collapsed) setCollapsed(doc, id, true);
      writeCellConfig(doc, id, cellConfig(cell.config, ids));
    }
    writeProjectSettings(doc, { ...snapshot.settings });
    for (const e of snapshot.registry) appendRegistryEvent(doc, { ...e, experimentId: ids.record(e.experimentId), modelId: ids.model(e.modelId) });
  });
}

/** A cell's config with the ids it names given anew; a reference to what did not travel is left out. */
function cellConfig(config: NotebookCell['config'], ids: IdMap): CellConfigPatch {
  const { sourceCellId, experimentId, model, artifactId, ...rest } = config;
  return {
    ...rest,
    ...(sourceCellId !== undefined ? { sourceCellId: CellId.parse(ids.cell(sourceCellId)) } : {}),
    // A train cell's latest experiment, when it travelled; otherwise the cell shows none.
    ...(experimentId !== undefined && ids.hasExperiment(experimentId) ? { experimentId: ids.record(experimentId) } : {}),
    // A predict or evaluate cell's model: a stage name stays, an experiment id follows its experiment.
    ...(model === undefined ? {} : ids.hasExperiment(model) ? { model: ids.record(model) } : isStage(model) ? { model } : {}),
    ...(artifactId !== undefined && ids.hasArtifact(artifactId) ? { artifactId: ids.artifact(artifactId) } : {}),
  };
}

interface Rows {
  readonly project: StoredProject;
  readonly datasets: StoredDataset[];
  readonly links: StoredProjectDataset[];
  readonly experiments: StoredExperiment[];
  readonly results: { experimentId: string; result: unknown }[];
  readonly trials: StoredTrial[];
  readonly runs: StoredRun[];
  readonly artifacts: StoredArtifact[];
}

const INTERRUPTED = { name: 'Interrupted', message: 'It was still running when the project was exported.' };

/** The Dexie rows of the imported project, under their new ids. */
function storedRows(snapshot: ProjectSnapshot, projectId: ProjectId, name: string, ids: IdMap, runIds: ReadonlyMap<string, string>, now: number): Rows {
  const datasets = snapshot.datasets.map(({ cellId: _c, addedAt: _a, ...record }): StoredDataset => record);
  const links = snapshot.datasets.map((d): StoredProjectDataset => ({ projectId, hash: d.hash, cellId: ids.cell(d.cellId), addedAt: d.addedAt }));
  const experiments = snapshot.experiments.map(({ metadata: m, config, metrics }): StoredExperiment => {
    const { name: _n, snapshot: progress, ...rest } = m;
    // Nothing runs it any more: an experiment exported mid-run arrives interrupted.
    const ended = m.status === 'running' ? { status: 'interrupted' as const, endedAt: m.heartbeatAt, error: INTERRUPTED } : {};
    return {
      ...rest,
      id: ids.record(m.id),
      projectId,
      cellId: ids.cell(m.cellId),
      config,
      ...(progress ? { snapshot: progress } : {}),
      bestOverTime: metrics.bestOverTime,
      ...(metrics.heldOut ? { heldOut: metrics.heldOut } : {}),
      ...ended,
    };
  });
  const results = snapshot.experiments.flatMap((e) => (e.metrics.result ? [{ experimentId: ids.record(e.metadata.id), result: e.metrics.result }] : []));
  const trials = snapshot.experiments.flatMap((e) => e.trials.map((t): StoredTrial => ({ experimentId: ids.record(e.metadata.id), index: t.index, record: t.record })));
  const runs = snapshot.runs.map((r): StoredRun => ({
    ...r,
    id: runIds.get(r.id) ?? r.id,
    projectId,
    cellId: ids.cell(r.cellId),
    ...(r.status === 'running' ? { status: 'interrupted' as const, endedAt: r.heartbeatAt, error: INTERRUPTED } : {}),
  }));
  const artifacts = snapshot.artifacts.map((a): StoredArtifact => ({
    ...a,
    id: ids.artifact(a.id),
    projectId,
    parentId: a.parentId === null ? null : ids.artifact(a.parentId),
    ...(a.experimentId !== undefined ? { experimentId: ids.record(a.experimentId) } : {}),
  }));
  const lastExperimentNumber = Math.max(snapshot.project.lastExperimentNumber, ...experiments.map((e) => e.number));
  const project: StoredProject = {
    id: projectId,
    name,
    createdAt: snapshot.project.createdAt,
    updatedAt: now,
    datasetCount: links.length,
    experimentCount: experiments.length,
    lastExperimentNumber,
    ...(snapshot.project.sample !== undefined ? { sample: snapshot.project.sample } : {}),
  };
  return { project, datasets, links, experiments, results, trials, runs, artifacts };
}

/** An ArrayBuffer-backed view, what `new Blob([…])` takes. */
function arrayBufferView(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
}
