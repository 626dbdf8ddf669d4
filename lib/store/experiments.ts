/**
 * Experiments and their trials in Dexie: numbered per project in one transaction (two tabs that
 * start at once get exp-001 and exp-002), progress written only as it is new, the model stored as
 * a content-addressed blob when the run completes. A running record whose heartbeat stopped (the
 * tab closed or reloaded) reads as interrupted.
 */
import { sha256Hex } from '@/lib/sha256';
import type { z } from 'zod';
import {
  experimentConfigSchema,
  experimentResultSchema,
  trainSnapshotSchema,
  trialRecordSchema,
  type ExperimentConfig,
  type ExperimentResult,
} from '@/lib/jobs/train-records';
import type { TrialRecord } from '@/lib/ml/search/run';
import type { TrainOutcome } from '@/lib/jobs/train-protocol';
import { buildLineageIndex } from '@/lib/experiments/lineage';
import { experimentDisplayNames, experimentName } from '@/lib/experiments/naming';
import { configArtifactId, db, experimentArtifacts, heldOutSummary, type StoredArtifact, type StoredExperiment, type StoredImport, type StoredProject } from './db';
import { toStoreError } from './quota';

/** A running record not refreshed for this long belongs to a tab that is gone. */
export const HEARTBEAT_STALE_MS = 5000;

export type ExperimentStatus = StoredExperiment['status'];

export interface Experiment {
  readonly id: string;
  readonly projectId: string;
  readonly number: number;
  /** exp-001 */
  readonly name: string;
  readonly cellId: string;
  readonly datasetHash: string;
  readonly status: ExperimentStatus;
  readonly config: ExperimentConfig | undefined;
  readonly startedAt: number;
  readonly endedAt?: number;
  readonly snapshot: z.infer<typeof trainSnapshotSchema> | undefined;
  readonly bestOverTime: readonly (readonly [number, number])[];
  /** Present when read with its result (readExperiment); lists leave it out. */
  readonly result: ExperimentResult | undefined;
  readonly startedBy?: string;
  readonly datasetName?: string;
  /** Where each config value came from, when the starter recorded it. */
  readonly configSources?: Readonly<Record<string, ConfigSource>>;
  /** The held-out value of its metric and its model's learners, once completed. */
  readonly heldOut?: { readonly metric: string; readonly score: number | null; readonly learners: string };
  readonly modelHash?: string;
  readonly error?: { readonly name: string; readonly message: string };
  /** Set when it was imported from a model.zip rather than trained here (lib/store/model-import). */
  readonly imported?: StoredImport;
}

/**
 * Where a config value came from, weakest first: a built-in default, the project's settings, the
 * cell; 'model.zip' for an imported experiment's values, read from the zip's config.json.
 */
export const CONFIG_SOURCES = ['default', 'project', 'data cell', 'cell', 'model.zip'] as const;
export type ConfigSource = (typeof CONFIG_SOURCES)[number];

const isSource = (v: string): v is ConfigSource => CONFIG_SOURCES.some((s) => s === v);

function readSources(stored: Readonly<Record<string, string>>): Record<string, ConfigSource> {
  return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, ConfigSource] => isSource(entry[1])));
}

export { experimentName };

function toExperiment(stored: StoredExperiment, now: number, storedResult?: unknown): Experiment {
  const stale = stored.status === 'running' && stored.origin !== 'peer' && now - stored.heartbeatAt > HEARTBEAT_STALE_MS;
  const config = experimentConfigSchema.safeParse(stored.config);
  const snapshot = trainSnapshotSchema.safeParse(stored.snapshot);
  const result = storedResult === undefined ? undefined : experimentResultSchema.safeParse(storedResult);
  return {
    id: stored.id,
    projectId: stored.projectId,
    number: stored.number,
    name: experimentName(stored.number),
    cellId: stored.cellId,
    datasetHash: stored.datasetHash,
    status: stale ? 'interrupted' : stored.status,
    config: config.success ? config.data : undefined,
    startedAt: stored.startedAt,
    ...(stored.endedAt !== undefined ? { endedAt: stored.endedAt } : {}),
    snapshot: snapshot.success ? snapshot.data : undefined,
    bestOverTime: stored.bestOverTime,
    result: result?.success ? result.data : undefined,
    ...(stored.startedBy !== undefined ? { startedBy: stored.startedBy } : {}),
    ...(stored.configSources ? { configSources: readSources(stored.configSources) } : {}),
    ...(stored.datasetName !== undefined ? { datasetName: stored.datasetName } : {}),
    ...(stored.heldOut ? { heldOut: stored.heldOut } : {}),
    ...(stored.modelHash ? { modelHash: stored.modelHash } : {}),
    ...(stored.error ? { error: stored.error } : {}),
    ...(stored.imported ? { imported: stored.imported } : {}),
  };
}

export interface StartExperimentInput {
  readonly id: string;
  readonly projectId: string;
  readonly cellId: string;
  readonly datasetHash: string;
  readonly config: ExperimentConfig;
  /** The user's display name in this browser. */
  readonly startedBy?: string;
  readonly datasetName?: string;
  readonly configSources?: Readonly<Record<string, ConfigSource>>;
}

/** Creates the `running` record before any work starts; returns its number. */
export async function startExperiment(input: StartExperimentInput): Promise<number> {
  return db.transaction('rw', [db.experiments, db.projects, db.artifacts], async () => {
    const { number, project } = await allocateExperimentNumber(input.projectId);
    const now = Date.now();
    await db.experiments.add({ ...input, number, status: 'running', startedAt: now, heartbeatAt: now, bestOverTime: [] });
    await db.artifacts.bulkPut(experimentArtifacts({ ...input, number }, now));
    if (project) await db.projects.put(withExperimentAdded(project, number, now));
    return number;
  });
}

/**
 * The next experiment number of a project (never one given before, even if deleted), and its row.
 * Call inside a rw transaction over `experiments` and `projects`, and write the experiment and
 * `withExperimentAdded` in that same transaction: that is what makes two tabs get two numbers.
 */
export async function allocateExperimentNumber(projectId: string): Promise<{ number: number; project: StoredProject | undefined }> {
  const last = await db.experiments.where('[projectId+number]').between([projectId, 0], [projectId, Infinity]).last();
  const project = await db.projects.get(projectId);
  return { number: Math.max(last?.number ?? 0, project?.lastExperimentNumber ?? 0) + 1, project };
}

/** The project's row once experiment `number` is added to it. */
export function withExperimentAdded(project: StoredProject, number: number, now: number): StoredProject {
  return { ...project, experimentCount: project.experimentCount + 1, lastExperimentNumber: number, updatedAt: now };
}

/** Persists what is new since the last poll, and the heartbeat. Ignored once the record has ended. */
export async function recordProgress(
  id: string,
  update: { snapshot: unknown; newTrials: readonly TrialRecord[]; newBest: readonly (readonly [number, number])[] },
): Promise<void> {
  await db.transaction('rw', db.experiments, db.trials, async () => {
    const current = await db.experiments.get(id);
    if (!current || current.status !== 'running') return;
    if (update.newTrials.length > 0) {
      await db.trials.bulkPut(update.newTrials.map((t) => ({ experimentId: id, index: t.index, record: t })));
    }
    await db.experiments.put({
      ...current,
      snapshot: update.snapshot,
      heartbeatAt: Date.now(),
      bestOverTime: update.newBest.length > 0 ? [...current.bestOverTime, ...update.newBest] : current.bestOverTime,
    });
  });
}

/** Ends the record: completed with its result and model bytes, or failed / canceled with why. */
export async function finishExperiment(
  id: string,
  end:
    | { status: 'completed'; result: Omit<TrainOutcome, 'modelZip' | 'trials'>; modelZip: Uint8Array<ArrayBuffer> }
    | { status: 'failed' | 'canceled'; error: { name: string; message: string } },
): Promise<void> {
  const modelHash = end.status === 'completed' ? await sha256Hex(end.modelZip) : undefined;
  try {
    await db.transaction('rw', [db.experiments, db.experimentResults, db.trials, db.blobs, db.artifacts], async () => {
      const current = await db.experiments.get(id);
      if (!current) return;
      const now = Date.now();
      if (end.status === 'completed' && modelHash) {
        if (!(await db.blobs.get(modelHash))) {
          await db.blobs.add({ hash: modelHash, size: end.modelZip.length, mediaType: 'application/zip', data: new Blob([end.modelZip]), createdAt: now });
        }
        const trials = await db.trials.where('experimentId').equals(id).toArray();
        await db.experimentResults.put({ experimentId: id, result: end.result });
        await db.experiments.put({ ...current, status: 'completed', endedAt: now, heartbeatAt: now, heldOut: heldOutSummary(current.config, end.result, trials), modelHash });
        await db.artifacts.bulkPut(experimentArtifacts({ ...current, modelHash }, now));
      } else if (end.status !== 'completed') {
        await db.experiments.put({ ...current, status: end.status, endedAt: now, heartbeatAt: now, error: end.error });
      }
    });
  } catch (error) {
    throw toStoreError(error, end.status === 'completed' ? end.modelZip.length : 0);
  }
}

/** One experiment with its result. */
export async function readExperiment(id: string): Promise<Experiment | undefined> {
  return db.transaction('r', db.experiments, db.experimentResults, async () => {
    const stored = await db.experiments.get(id);
    if (!stored) return undefined;
    const result = stored.status === 'completed' ? await db.experimentResults.get(id) : undefined;
    // Others with its number (made offline by a collaborator) decide whether its name has a letter.
    const sameNumber = await db.experiments.where('[projectId+number]').equals([stored.projectId, stored.number]).toArray();
    return { ...toExperiment(stored, Date.now(), result?.result), name: experimentDisplayNames(sameNumber).get(id) ?? experimentName(stored.number) };
  });
}

export async function readTrials(experimentId: string): Promise<TrialRecord[]> {
  const rows = await db.trials.where('experimentId').equals(experimentId).sortBy('index');
  return rows.flatMap((r) => {
    const parsed = trialRecordSchema.safeParse(r.record);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * A project's experiments by number, without their results (`result` is undefined): what lists
 * need. `newest`: only the last n, still in number order (a first screen of a long list).
 */
export async function listExperiments(projectId: string, options: { readonly newest?: number } = {}): Promise<Experiment[]> {
  const { newest } = options;
  // An explicit transaction: in a live query Dexie's cache would otherwise deep-clone the whole
  // result (125 ms of 10,000 records, bench/experiments.ts). Read in the [projectId+number]
  // index's order: no sort in JavaScript.
  const rows = await db.transaction('r', db.experiments, async () => {
    const byNumber = db.experiments.where('[projectId+number]').between([projectId, -Infinity], [projectId, Infinity]);
    return newest === undefined ? byNumber.toArray() : (await byNumber.reverse().limit(newest).toArray()).reverse();
  });
  return experimentsFromRecords(rows);
}

/** Stored records as the list shows them (oldest first in, oldest first out). */
function experimentsFromRecords(rows: readonly StoredExperiment[]): Experiment[] {
  const now = Date.now();
  const names = experimentDisplayNames(rows);
  return rows.map((r) => ({ ...toExperiment(r, now), name: names.get(r.id) ?? experimentName(r.number) }));
}

/**
 * Records read outside Dexie (lib/store/early-first-screen.ts) as the list shows them, when they
 * are an array of this project's experiment records; undefined otherwise.
 */
export function experimentsFromEarlyRead(projectId: string, records: unknown): Experiment[] | undefined {
  if (!Array.isArray(records)) return undefined;
  const stored: StoredExperiment[] = [];
  for (const r of records) {
    if (!isExperimentRecord(r) || r.projectId !== projectId) return undefined;
    stored.push(r);
  }
  return experimentsFromRecords(stored);
}

/** The fields the list reads without checking further (config, snapshot and result are parsed). */
function isExperimentRecord(r: unknown): r is StoredExperiment {
  if (typeof r !== 'object' || r === null) return false;
  const { id, projectId, number, status, startedAt } = r as Record<string, unknown>;
  return typeof id === 'string' && typeof projectId === 'string' && Number.isInteger(number) && typeof status === 'string' && typeof startedAt === 'number';
}

/**
 * Deletes an experiment that has ended, with its lineage subtree: its config and model artifacts
 * and everything derived from them (predictions, evaluations), its records, trials and result, and
 * every blob that nothing left references. Its number is not given again. Refused while it runs.
 */
export async function deleteExperiment(id: string): Promise<void> {
  await db.transaction('rw', [db.experiments, db.experimentResults, db.trials, db.blobs, db.projects, db.artifacts, db.datasets], async () => {
    const current = await db.experiments.get(id);
    if (!current) return;
    if (toExperiment(current, Date.now()).status === 'running') throw new Error(`${experimentName(current.number)} is still running: cancel it first, then delete it.`);
    const index = buildLineageIndex(await db.artifacts.where('projectId').equals(current.projectId).toArray());
    const plan = index.deletionPlan(configArtifactId(id), new Set());
    const doomed = new Set(plan.artifactIds);
    const blobs = new Set([...plan.blobsToCollect, ...(current.modelHash ? [current.modelHash] : [])]);
    await db.artifacts.bulkDelete(plan.artifactIds);
    // Experiments whose config is in the subtree go with it (only this one, unless a peer's record hangs there).
    const experiments = new Set([id, ...plan.artifactIds.flatMap((a) => (index.get(a)?.kind === 'config' && index.get(a)?.experimentId ? [index.get(a)!.experimentId!] : []))]);
    for (const e of experiments) {
      await db.trials.where('experimentId').equals(e).delete();
      await db.experimentResults.delete(e);
      await db.experiments.delete(e);
    }
    // A blob stays while anything outside the subtree still names it (another project's model, a dataset).
    for (const hash of blobs) {
      const used = (await db.artifacts.where('blobHash').equals(hash).filter((a) => !doomed.has(a.id)).count()) > 0 || (await db.datasets.get(hash)) !== undefined || (await db.experiments.filter((e) => e.modelHash === hash).count()) > 0;
      if (!used) await db.blobs.delete(hash);
    }
    const project = await db.projects.get(current.projectId);
    if (project) {
      await db.projects.put({ ...project, experimentCount: Math.max(0, project.experimentCount - experiments.size), lastExperimentNumber: Math.max(project.lastExperimentNumber ?? 0, current.number), updatedAt: Date.now() });
    }
  });
}

/** What deleting an experiment would remove beside its own config and model: artifacts derived from them. */
export async function derivedArtifactCount(experimentId: string): Promise<number> {
  const stored = await db.experiments.get(experimentId);
  if (!stored) return 0;
  const index = buildLineageIndex(await db.artifacts.where('projectId').equals(stored.projectId).toArray());
  return index.descendants(configArtifactId(experimentId)).filter((a) => a.experimentId !== experimentId).length;
}

/** A project's artifacts (the lineage view builds its index from them). */
export async function listArtifacts(projectId: string): Promise<StoredArtifact[]> {
  return db.artifacts.where('projectId').equals(projectId).toArray();
}

/** The model.zip of a completed experiment, or undefined when it has none (or its bytes are gone). */
export async function readModelZip(experimentId: string): Promise<{ blob: Blob; hash: string; size: number } | undefined> {
  const stored = await db.experiments.get(experimentId);
  const blob = stored?.modelHash ? await db.blobs.get(stored.modelHash) : undefined;
  return blob && { blob: blob.data, hash: blob.hash, size: blob.size };
}

/**
 * Stores a running record whose heartbeat stopped as interrupted (no-op if it moved on meanwhile).
 * Returns whether it did.
 */
export async function markInterruptedIfStale(id: string): Promise<boolean> {
  return db.transaction('rw', db.experiments, async () => {
    const current = await db.experiments.get(id);
    if (!current || current.status !== 'running' || current.origin === 'peer' || Date.now() - current.heartbeatAt <= HEARTBEAT_STALE_MS) return false;
    await db.experiments.put({
      ...current,
      status: 'interrupted',
      endedAt: current.heartbeatAt,
      error: { name: 'Interrupted', message: 'The tab that ran this training closed or reloaded before it finished.' },
    });
    return true;
  });
}
