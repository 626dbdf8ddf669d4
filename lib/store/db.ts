/**
 * The one Dexie database of this browser: projects, content-addressed blobs, datasets and which
 * project uses which dataset. The notebooks themselves live in Yjs (lib/sync), one IndexedDB
 * database per project.
 *
 * Works in the main thread and in workers (each realm opens its own connection; IndexedDB keeps
 * them consistent). Stored shapes (`StoredX`) are what IndexedDB holds: plain strings, no brands.
 * Each module maps them to its domain type in one place.
 *
 * Schema changes: never edit or delete a `version()` below. Add `version(n + 1)` with an
 * `upgrade()` and a test that opens the previous version from a fixture and upgrades it.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { ColumnSchema, Notice, Profile, SourceFormat, TextEncoding } from '@/lib/data/types';
import type { ArtifactRecord } from '@/lib/experiments/lineage';

/** Do not rename without a migration: the user's data lives under this name. */
export const DB_NAME = 'loopbook';

export interface StoredProject {
  readonly id: string;
  readonly name: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Distinct datasets linked in `projectDatasets`; kept in step by the same transactions. */
  readonly datasetCount: number;
  readonly experimentCount: number;
  /** The highest experiment number ever given in this project: a deleted exp-003's number is not given again. */
  readonly lastExperimentNumber?: number;
  /** The built-in sample this project was opened from (lib/samples id). */
  readonly sample?: string;
}

/** Bytes stored once per content, whoever imported them. */
export interface StoredBlob {
  /** SHA-256 of `data`, lower-case hex. */
  readonly hash: string;
  readonly size: number;
  readonly mediaType: string;
  readonly data: Blob;
  readonly createdAt: number;
}

/** An imported table: what was learned about it at import. Immutable, keyed like its blob. */
export interface StoredDataset {
  /** The blob hash of its canonical bytes. */
  readonly hash: string;
  /** The file name it was imported as. */
  readonly name: string;
  readonly bytes: number;
  readonly format: SourceFormat;
  readonly delimiter?: string;
  readonly encoding: TextEncoding;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly notices: readonly Notice[];
  /** As inferred at import; the user's overrides live in the data cell's config. */
  readonly schema: readonly ColumnSchema[];
  readonly profile: Profile;
  readonly createdAt: number;
}

/** Project `projectId` uses dataset `hash` (first imported in cell `cellId`). */
export interface StoredProjectDataset {
  readonly projectId: string;
  readonly hash: string;
  readonly cellId: string;
  readonly addedAt: number;
}

/**
 * One AutoML run (DESIGN.md §2), numbered per project. `running` records carry a heartbeat
 * (`heartbeatAt`, refreshed by the tab that runs the job); a running record whose heartbeat
 * stopped is shown, and then stored, as `interrupted`.
 */
export interface StoredExperiment {
  readonly id: string;
  readonly projectId: string;
  /** 1, 2, 3… per project: exp-001, exp-002… */
  readonly number: number;
  readonly cellId: string;
  readonly datasetHash: string;
  readonly status: 'running' | 'completed' | 'failed' | 'canceled' | 'interrupted';
  /** The training config (lib/ml AutoMLConfig) and backend preference, as plain JSON. */
  readonly config: unknown;
  readonly startedAt: number;
  readonly heartbeatAt: number;
  readonly endedAt?: number;
  /** The latest progress snapshot (lib/jobs TrainSnapshot). */
  readonly snapshot?: unknown;
  /** Best validation score over time: [elapsed ms, score]. */
  readonly bestOverTime: readonly (readonly [number, number])[];
  /** Where each config value came from ('default' < 'project' < 'cell'; label and task may come from the 'data cell'). */
  readonly configSources?: Readonly<Record<string, string>>;
  /**
   * 'peer': the record came through the project's document from a collaborator's browser, whose
   * heartbeat this browser does not see (so its silence here does not make it interrupted).
   */
  readonly origin?: 'peer';
  /** Who started it: the display name this browser's user chose (absent before v4). */
  readonly startedBy?: string;
  /** The data cell's file name when the run started, for lists that show which data it used. */
  readonly datasetName?: string;
  /** Held-out value of the run's metric and the model's learners, set when completed: what lists show. */
  readonly heldOut?: { readonly metric: string; readonly score: number | null; readonly learners: string };
  /** The model.zip blob's hash, when completed. */
  readonly modelHash?: string;
  readonly error?: { readonly name: string; readonly message: string };
  /**
   * Set when the experiment was not trained here but imported from a model.zip (lib/store/model-import):
   * it has no cell (`cellId` is ''), no trials, and `datasetHash` is the manifest's ('' when it had none).
   * Optional, so no schema version: older records simply lack it.
   */
  readonly imported?: StoredImport;
}

/** Where an imported experiment's model.zip came from: the file, and what its manifest says. */
export interface StoredImport {
  /** The file name it was imported from. */
  readonly fileName: string;
  /** The experiment id it had where it was trained (null: the zip did not record it, e.g. the CLI). */
  readonly experimentId: string | null;
  /** When the zip was made (ISO 8601), and by which Loopbook. */
  readonly createdAt: string;
  readonly appVersion: string;
}

/**
 * A completed experiment's result (lib/jobs TrainOutcome without the model bytes and trials):
 * held-out metrics, curves, notices. Kept apart from StoredExperiment so that lists of thousands
 * of experiments read small records only.
 */
export interface StoredExperimentResult {
  readonly experimentId: string;
  readonly result: unknown;
}

/** One trial of an experiment (lib/ml TrialRecord), keyed by experiment and trial index. */
export interface StoredTrial {
  readonly experimentId: string;
  readonly index: number;
  readonly record: unknown;
}

/** The backend calibration of this device (lib/jobs/calibration), one record per device key. */
export interface StoredCalibration {
  readonly device: string;
  /** lib/jobs Calibration, checked when read. */
  readonly calibration: unknown;
}

/**
 * One run of a sweep (DESIGN.md §2): keyed by its fingerprint (lib/experiments runId), so a run
 * with the same inputs is the same record and a completed one is never computed again. A `running`
 * record is written before work starts and carries a heartbeat; a stale one was interrupted.
 */
export interface StoredRun {
  /** lib/experiments RunId: SHA-256 hex of the run's fingerprint. */
  readonly id: string;
  readonly projectId: string;
  /** The sweep cell the run belongs to. */
  readonly cellId: string;
  readonly learner: string;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  readonly seed: number;
  readonly status: 'running' | 'completed' | 'failed' | 'canceled' | 'interrupted';
  readonly startedAt: number;
  readonly heartbeatAt: number;
  readonly endedAt?: number;
  /** Held-out value of the sweep's metric; null until completed. */
  readonly score: number | null;
  /** Every held-out metric of the run, when completed. */
  readonly metrics?: Readonly<Record<string, number>>;
  readonly error?: { readonly name: string; readonly message: string };
}

/**
 * A stored output with a parent: config → model → predictions → evaluation or workspace. The
 * tree is the lineage; lib/experiments/lineage owns the shape.
 */
export type StoredArtifact = ArtifactRecord;

/** The code this browser's user accepted for a code cell (lib/store/code-trust): its hash. */
export interface StoredCodeTrust {
  readonly cellId: string;
  readonly hash: string;
  readonly trustedAt: number;
}

/**
 * How this browser reaches a shared project (lib/store/shares): the relay, the room and the
 * secret of the link it was shared or opened with. Local only: a secret never enters the Yjs
 * document, which read-only collaborators and the relay see.
 */
export interface StoredShare {
  readonly projectId: string;
  /** The relay's origin, e.g. http://localhost:3000. */
  readonly relay: string;
  readonly roomId: string;
  readonly secret: string;
  readonly access: 'edit' | 'read';
  readonly since: number;
}

export class LoopbookDb extends Dexie {
  // Table names: do not rename without a migration.
  declare projects: EntityTable<StoredProject, 'id'>;
  declare blobs: EntityTable<StoredBlob, 'hash'>;
  declare datasets: EntityTable<StoredDataset, 'hash'>;
  declare projectDatasets: Table<StoredProjectDataset, [string, string]>;
  declare experiments: EntityTable<StoredExperiment, 'id'>;
  declare trials: Table<StoredTrial, [string, number]>;
  declare calibrations: EntityTable<StoredCalibration, 'device'>;
  declare experimentResults: EntityTable<StoredExperimentResult, 'experimentId'>;
  declare runs: EntityTable<StoredRun, 'id'>;
  declare artifacts: EntityTable<StoredArtifact, 'id'>;
  declare codeTrust: EntityTable<StoredCodeTrust, 'cellId'>;
  declare shares: EntityTable<StoredShare, 'projectId'>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores({
      projects: 'id, updatedAt',
      blobs: 'hash',
      datasets: 'hash',
      projectDatasets: '[projectId+hash], projectId, hash',
    });
    // v2: experiments and their trials (training in the browser). New tables only: no upgrade.
    this.version(2).stores({
      experiments: 'id, [projectId+number], projectId, cellId, status',
      trials: '[experimentId+index], experimentId',
    });
    // v3: the backend calibration of each device. A new table only: no upgrade.
    this.version(3).stores({ calibrations: 'device' });
    // v4: results leave the experiment records (lists read thousands of them), which keep a
    // held-out summary instead.
    this.version(4)
      .stores({ experimentResults: 'experimentId' })
      .upgrade(async (tx) => {
        const records: (StoredExperiment & { result?: unknown })[] = await tx.table('experiments').toArray();
        for (const { result, ...record } of records) {
          if (result === undefined) continue;
          await tx.table('experimentResults').put({ experimentId: record.id, result });
          const trials: StoredTrial[] = await tx.table('trials').where('experimentId').equals(record.id).toArray();
          await tx.table('experiments').put({ ...record, heldOut: heldOutSummary(record.config, result, trials) });
        }
      });
    // v5: sweep runs. A new table only: no upgrade.
    this.version(5).stores({ runs: 'id, cellId, projectId' });
    // v6: artifacts and their lineage; every stored experiment gets its config (and model) artifact.
    this.version(6)
      .stores({ artifacts: 'id, projectId, parentId, experimentId, blobHash' })
      .upgrade(async (tx) => {
        const records: StoredExperiment[] = await tx.table('experiments').toArray();
        for (const e of records) {
          for (const a of experimentArtifacts(e, e.startedAt)) await tx.table('artifacts').put(a);
        }
      });
    // v7: code cells' accepted code, per cell. A new table only: no upgrade.
    this.version(7).stores({ codeTrust: 'cellId' });
    // v8: how a shared project reaches its relay. A new table only: no upgrade.
    this.version(8).stores({ shares: 'projectId' });
  }
}

/** The app's database. Opened lazily by Dexie on first use. */
export const db = new LoopbookDb();

/**
 * What a list shows of a completed experiment: the held-out value of its metric and the learners
 * its model is made of ("mlp+rf"). Read defensively: the inputs are stored JSON.
 */
export function heldOutSummary(config: unknown, result: unknown, trials: readonly StoredTrial[]): NonNullable<StoredExperiment['heldOut']> {
  const metric = (config as { metric?: unknown } | undefined)?.metric;
  const r = result as { evaluation?: { metrics?: Record<string, unknown> }; chosen?: unknown } | undefined;
  const value = typeof metric === 'string' ? r?.evaluation?.metrics?.[metric] : undefined;
  const chosen = Array.isArray(r?.chosen) ? r.chosen : [];
  const learnerOf = new Map(trials.map((t) => [t.index, (t.record as { learner?: unknown } | undefined)?.learner]));
  const learners = [...new Set(chosen.map((i) => learnerOf.get(Number(i))).filter((l): l is string => typeof l === 'string'))];
  return { metric: typeof metric === 'string' ? metric : '', score: typeof value === 'number' ? value : null, learners: learners.join('+') };
}

/** Ids of an experiment's own artifacts: derived, so writers in any tab or version agree. */
export function configArtifactId(experimentId: string): string {
  return `${experimentId}.config`;
}
export function modelArtifactId(experimentId: string): string {
  return `${experimentId}.model`;
}

/** An experiment's config artifact, and its model artifact once it has a model. */
export function experimentArtifacts(e: Pick<StoredExperiment, 'id' | 'projectId' | 'number' | 'datasetHash' | 'modelHash'>, createdAt: number): StoredArtifact[] {
  const name = `exp-${String(e.number).padStart(3, '0')}`;
  const config: StoredArtifact = { id: configArtifactId(e.id), projectId: e.projectId, kind: 'config', parentId: null, experimentId: e.id, datasetHash: e.datasetHash, name: `${name} config`, createdAt };
  if (!e.modelHash) return [config];
  return [config, { id: modelArtifactId(e.id), projectId: e.projectId, kind: 'model', parentId: config.id, experimentId: e.id, blobHash: e.modelHash, name: `${name} model`, createdAt }];
}
