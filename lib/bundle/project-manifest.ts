/**
 * The project.zip protocol (DESIGN.md §8): a whole project as a git-friendly folder. This module
 * holds the layout, the zod schema of every JSON file in it, the snapshot type the zip is written
 * from and read into, and the format version. Readers refuse an unknown major version with a
 * clear message; minor versions only add optional fields.
 *
 * project.zip
 *   loopbook.json                       this manifest: format, version, the project (name, created,
 *                                       sample, settings), the experiment folders, and every blob
 *                                       file with its SHA-256, size and media type
 *   notebook.json                       the cells in order: id, kind, collapsed, source, config
 *   data/datasets.json                  each dataset's record (schema, profile…) and the cell that imported it
 *   data/<sha256>.csv                   a dataset's bytes as imported (.tsv / .json by its format)
 *   experiments/exp-001/metadata.json   the experiment's record (status, times, who, dataset, model hash)
 *   experiments/exp-001/config.json     its training config
 *   experiments/exp-001/metrics.json    held-out summary, best score over time, the full result
 *   experiments/exp-001/trials.json     its leaderboard of trials
 *   experiments/exp-001/model.zip       the trained model (a model.zip, model-manifest.ts)
 *   models/registry.json                the registry's whole event history
 *   models/staging/metadata.json        who holds staging now (derived from the history)
 *   models/production/metadata.json     who holds production now (derived from the history)
 *   lineage.json                        every artifact record (config → model → predictions → …)
 *   runs.json                           sweep runs
 *   artifacts/<id>.<ext>                any other artifact's bytes (predictions…)
 *
 * Two experiments may share a number (two collaborators offline): the later one's folder gets a
 * suffix (`exp-007-2`). Files are pretty JSON with sorted keys, so two exports of an unchanged
 * project are identical and a change shows as a small diff.
 */
import { z } from 'zod';
import { COLUMN_TYPES, SOURCE_FORMATS, TEXT_ENCODINGS, type Notice } from '../data/types';
import { ARTIFACT_KINDS } from '../experiments/lineage';
import { registryEventSchema, STAGES, type RegistryEvent } from '../experiments/registry';
import { CELL_KINDS, cellConfigSchema } from '../sync/project-doc';
import { projectSettingsSchema } from '../sync/project-settings';
import { runSummarySchema } from '../sync/records-doc';

export const PROJECT_FORMAT = 'loopbook-project';
/** Major.minor: a reader accepts its own major and any minor. */
export const PROJECT_FORMAT_VERSION = '1.0';
export const PROJECT_FORMAT_MAJOR = 1;

/** The fixed files of the layout (experiment folders and blobs come on top). */
export const PROJECT_FILES = {
  manifest: 'loopbook.json',
  notebook: 'notebook.json',
  datasets: 'data/datasets.json',
  registry: 'models/registry.json',
  lineage: 'lineage.json',
  runs: 'runs.json',
} as const;
export const stageFile = (stage: (typeof STAGES)[number]): string => `models/${stage}/metadata.json`;
export const EXPERIMENT_FILES = ['metadata.json', 'config.json', 'metrics.json', 'trials.json'] as const;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 hex hash');
const jsonObject = z.record(z.string(), z.unknown());
const errorSchema = z.object({ name: z.string(), message: z.string() });
const status = z.enum(['running', 'completed', 'failed', 'canceled', 'interrupted']);
/** A number JSON could only write as null (NaN): read back as NaN, so an export always reads back. */
const statNumber = z.union([z.number(), z.null().transform(() => Number.NaN)]);
/** exp-007, or exp-007-2 for a second experiment with that number: one safe path segment. */
export const EXPERIMENT_FOLDER_PATTERN = /^exp-\d{3,}(-\d+)?$/;

export const blobEntrySchema = z.object({
  path: z.string().min(1),
  sha256,
  bytes: z.number().int().nonnegative(),
  mediaType: z.string(),
});
export type BlobEntry = z.infer<typeof blobEntrySchema>;

export const projectManifestSchema = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.string().regex(/^\d+\.\d+$/),
  appVersion: z.string(),
  project: z.object({
    name: z.string().min(1),
    createdAt: z.number(),
    sample: z.string().optional(),
    /** The highest number ever given: a deleted exp-003's number is not given again after import. */
    lastExperimentNumber: z.number().int().nonnegative(),
  }),
  settings: projectSettingsSchema.partial(),
  /** The experiment folders, in number order. */
  experiments: z.array(z.string().regex(EXPERIMENT_FOLDER_PATTERN, 'not an experiment folder (exp-001)')),
  blobs: z.array(blobEntrySchema),
});
export type ProjectManifest = z.infer<typeof projectManifestSchema>;

export const notebookCellSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(CELL_KINDS),
  collapsed: z.boolean(),
  source: z.string(),
  /** Unknown keys (a newer minor version's) are dropped; known ones must be valid. */
  config: cellConfigSchema.partial(),
});
export type NotebookCell = z.infer<typeof notebookCellSchema>;
export const notebookSchema = z.object({ cells: z.array(notebookCellSchema) });

/** Every code of lib/data's Notice: the Record makes a new code a compile error here until listed. */
const NOTICE_CODES: Record<Notice['code'], true> = { 'renamed-headers': true, 'latin-1': true, 'skipped-ragged-rows': true, 'non-numeric-as-missing': true, 'decimal-comma': true, bom: true };
const noticeCodes = Object.keys(NOTICE_CODES) as Notice['code'][];

const columnProfileSchema = z.object({
  name: z.string(),
  type: z.enum(COLUMN_TYPES),
  missing: z.number(),
  missingRatio: z.number(),
  distinct: z.number(),
  distinctApproximate: z.boolean().optional(),
  min: statNumber.optional(),
  max: statNumber.optional(),
  mean: statNumber.optional(),
  std: statNumber.optional(),
  histogram: z.array(z.object({ start: statNumber, end: statNumber, count: z.number() })).optional(),
  top: z.array(z.object({ value: z.string(), count: z.number() })).optional(),
});

/** A dataset's record (lib/store StoredDataset) and the cell of this project that imported it. */
export const datasetEntrySchema = z.object({
  hash: sha256,
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  format: z.enum(SOURCE_FORMATS),
  delimiter: z.string().optional(),
  encoding: z.enum(TEXT_ENCODINGS),
  rowCount: z.number().int().nonnegative(),
  columnCount: z.number().int().nonnegative(),
  notices: z.array(z.object({ code: z.enum(noticeCodes), message: z.string() })),
  schema: z.array(z.object({ name: z.string(), type: z.enum(COLUMN_TYPES), inferredType: z.enum(COLUMN_TYPES), included: z.boolean(), reason: z.string() })),
  profile: z.object({ rowCount: z.number(), columnCount: z.number(), columns: z.array(columnProfileSchema) }),
  createdAt: z.number(),
  cellId: z.string(),
  addedAt: z.number(),
});
export type DatasetEntry = z.infer<typeof datasetEntrySchema>;
export const datasetsFileSchema = z.object({ datasets: z.array(datasetEntrySchema) });

/** experiments/exp-NNN/metadata.json: the record, without its config, results and trials. */
export const experimentMetadataSchema = z.object({
  id: z.string().min(1),
  number: z.number().int().positive(),
  /** For people: exp-007. */
  name: z.string(),
  cellId: z.string(),
  datasetHash: z.string(),
  datasetName: z.string().optional(),
  status,
  startedAt: z.number(),
  heartbeatAt: z.number(),
  endedAt: z.number().optional(),
  startedBy: z.string().optional(),
  configSources: z.record(z.string(), z.string()).optional(),
  /** The model.zip's SHA-256; its bytes are the folder's model.zip when this browser had them. */
  modelHash: sha256.optional(),
  error: errorSchema.optional(),
  /** The last progress snapshot (lib/jobs TrainSnapshot), checked by the app when read. */
  snapshot: jsonObject.optional(),
  /** Set when the experiment came from a model.zip rather than training (its cellId is then ''). */
  imported: z.object({ fileName: z.string(), experimentId: z.string().nullable(), createdAt: z.string(), appVersion: z.string() }).optional(),
});
export type ExperimentMetadata = z.infer<typeof experimentMetadataSchema>;

/**
 * experiments/exp-NNN/metrics.json. `result` is the stored result (lib/jobs ExperimentResult:
 * evaluation, curves, notices), checked by the app's own schema whenever it is read, as every
 * stored result is.
 */
export const experimentMetricsSchema = z.object({
  heldOut: z.object({ metric: z.string(), score: z.number().nullable(), learners: z.string() }).optional(),
  bestOverTime: z.array(z.tuple([z.number(), z.number()])),
  result: jsonObject.optional(),
});
export type ExperimentMetrics = z.infer<typeof experimentMetricsSchema>;

/** experiments/exp-NNN/trials.json: each trial record (lib/ml TrialRecord) by its index. */
export const trialsFileSchema = z.object({ trials: z.array(z.object({ index: z.number().int(), record: jsonObject })) });

/** One experiment as the snapshot holds it. `config` is the stored training config (config.json). */
export interface SnapshotExperiment {
  readonly metadata: ExperimentMetadata;
  readonly config: Readonly<Record<string, unknown>>;
  readonly metrics: ExperimentMetrics;
  readonly trials: readonly { readonly index: number; readonly record: Readonly<Record<string, unknown>> }[];
}

/** A sweep run as the project keeps it: the summary collaborators share, with its heartbeat. */
export const runEntrySchema = runSummarySchema.omit({ projectId: true }).extend({ heartbeatAt: z.number() });
export type RunEntry = z.infer<typeof runEntrySchema>;
export const runsFileSchema = z.object({ runs: z.array(runEntrySchema) });

export const artifactEntrySchema = z.object({
  id: z.string().min(1),
  kind: z.enum(ARTIFACT_KINDS),
  parentId: z.string().nullable(),
  experimentId: z.string().optional(),
  datasetHash: z.string().optional(),
  blobHash: sha256.optional(),
  name: z.string(),
  createdAt: z.number(),
});
export type ArtifactEntry = z.infer<typeof artifactEntrySchema>;
export const lineageFileSchema = z.object({ artifacts: z.array(artifactEntrySchema) });

export const registryFileSchema = z.object({ events: z.array(registryEventSchema) });

/** models/<stage>/metadata.json: for people and tools reading the folder; registry.json is the truth. */
export const stageFileSchema = z.object({
  stage: z.enum(STAGES),
  model: z
    .object({
      modelId: z.string(),
      experimentId: z.string(),
      /** exp-007, when the experiment is in the export. */
      experiment: z.string().optional(),
      /** Its model.zip in this zip, when its bytes were exported. */
      path: z.string().optional(),
      since: z.number(),
      by: z.string(),
    })
    .nullable(),
});

export interface SnapshotBlob {
  readonly bytes: Uint8Array;
  readonly mediaType: string;
}

/**
 * A whole project as plain values: what writeProjectZip packs and readProjectZip returns. Ids are
 * the exporting browser's; an importer gives the records new ones.
 */
export interface ProjectSnapshot {
  readonly project: ProjectManifest['project'];
  readonly settings: ProjectManifest['settings'];
  /** The notebook, in order. */
  readonly cells: readonly NotebookCell[];
  readonly datasets: readonly DatasetEntry[];
  readonly experiments: readonly SnapshotExperiment[];
  readonly runs: readonly RunEntry[];
  readonly artifacts: readonly ArtifactEntry[];
  readonly registry: readonly RegistryEvent[];
  /** Bytes by SHA-256: every dataset's, and the models' and artifacts' this browser has. */
  readonly blobs: ReadonlyMap<string, SnapshotBlob>;
}
