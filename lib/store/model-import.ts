/**
 * A model.zip made elsewhere (another project, another browser, the CLI) becomes a completed
 * experiment of this project: numbered like the others, with the zip's config, its held-out
 * evaluation as the result (the detail view draws its charts), the zip itself as the model blob
 * (so it predicts and can be promoted like any other), and config → model artifacts whose config
 * carries the manifest's dataset hash. `imported` on the record says where it came from.
 *
 * The zip is read and checked in full first (lib/bundle readModelZip: paths, sizes, versions,
 * hashes, every JSON file, every member's files), so a refusal writes nothing; what is written
 * then goes in one transaction.
 *
 * This module loads lib/bundle's reader and with it the learners (and TF.js): the page imports
 * it lazily, when a model is imported.
 */
import { readModelZip } from '@/lib/bundle/model-zip';
import { experimentResultSchema, type ExperimentConfig, type ExperimentResult } from '@/lib/jobs/train-records';
import { sha256Hex } from '@/lib/sha256';
import { db, experimentArtifacts, modelArtifactId, type StoredArtifact, type StoredExperiment } from './db';
import { allocateExperimentNumber, experimentName, withExperimentAdded, type ConfigSource } from './experiments';
import { checkSpace, toStoreError } from './quota';

export interface ImportedExperiment {
  readonly id: string;
  readonly number: number;
  /** exp-004 */
  readonly name: string;
}

export interface ImportModelInput {
  readonly projectId: string;
  /** The new experiment's id (a ULID, like those of trained experiments). */
  readonly id: string;
  readonly bytes: Uint8Array;
  /** The file's name, shown as where the model came from. */
  readonly fileName: string;
  /** The user's display name in this browser. */
  readonly startedBy?: string;
}

/** The training config's keys an imported experiment takes from the zip (its config view says so). */
const FROM_ZIP: readonly (keyof ExperimentConfig)[] = ['label', 'task', 'metric', 'timeBudgetS', 'seed', 'learners', 'ensemble'];

/**
 * Imports a model.zip as a completed experiment of `projectId`. Throws lib/bundle's BundleError
 * (the zip is refused: nothing written), StorageQuotaError, or an Error when the project is gone.
 */
export async function importModelZip(input: ImportModelInput): Promise<ImportedExperiment> {
  const { projectId, id, bytes, fileName } = input;
  const bundle = await readModelZip(bytes);
  const { manifest, evaluation } = bundle;
  const c = bundle.config;
  // The backend is not the zip's to say: a model predicts wherever this browser runs it.
  const config: ExperimentConfig = { label: c.label, task: c.task, metric: c.metric, timeBudgetS: c.timeBudgetS, seed: c.seed, learners: [...c.learners], ensemble: c.ensemble, backend: 'auto' };
  const configSources: Record<string, ConfigSource> = { ...Object.fromEntries(FROM_ZIP.map((k) => [k, 'model.zip'])), backend: 'default' };
  const result: ExperimentResult = experimentResultSchema.parse({
    chosen: [],
    validScore: null,
    evaluation,
    // What the zip does not say (how many rows it was trained on) is not made up: none is shown.
    validation: { kind: 'none', trainRows: 0, testRows: evaluation.rows },
    notices: [],
    backend: 'imported',
    elapsedMs: 0,
  });
  const score = evaluation.metrics[config.metric];
  const heldOut = { metric: config.metric, score: typeof score === 'number' ? score : null, learners: [...new Set(manifest.members.map((m) => m.learner))].join('+') };
  const modelHash = await sha256Hex(bytes);
  await checkSpace(bytes.length);
  try {
    return await db.transaction('rw', [db.experiments, db.experimentResults, db.blobs, db.artifacts, db.projects], async () => {
      const { number, project } = await allocateExperimentNumber(projectId);
      if (!project) throw new Error('This project is not in this browser any more, so the model was not imported.');
      const now = Date.now();
      const record: StoredExperiment = {
        id,
        projectId,
        number,
        cellId: '',
        datasetHash: manifest.datasetHash ?? '',
        status: 'completed',
        config,
        configSources,
        startedAt: now,
        heartbeatAt: now,
        endedAt: now,
        bestOverTime: [],
        ...(input.startedBy !== undefined ? { startedBy: input.startedBy } : {}),
        heldOut,
        modelHash,
        imported: { fileName, experimentId: manifest.experimentId, createdAt: manifest.createdAt, appVersion: manifest.appVersion },
      };
      if (!(await db.blobs.get(modelHash))) {
        await db.blobs.add({ hash: modelHash, size: bytes.length, mediaType: 'application/zip', data: new Blob([new Uint8Array(bytes)], { type: 'application/zip' }), createdAt: now });
      }
      await db.experiments.add(record);
      await db.experimentResults.put({ experimentId: id, result });
      await db.artifacts.bulkPut(importedArtifacts(record, fileName, now));
      await db.projects.put(withExperimentAdded(project, number, now));
      return { id, number, name: experimentName(number) };
    });
  } catch (error) {
    throw toStoreError(error, bytes.length);
  }
}

/**
 * The config → model artifacts of an imported experiment: the config names the manifest's dataset
 * (none when the zip has no hash), the model's name says where it came from, so collaborators'
 * lineage views (which see artifacts, not this browser's record) show it too.
 */
function importedArtifacts(record: StoredExperiment, fileName: string, now: number): StoredArtifact[] {
  return experimentArtifacts(record, now).map((a) => {
    if (a.kind === 'config' && !record.datasetHash) {
      const { datasetHash: _none, ...rest } = a;
      return rest;
    }
    return a.id === modelArtifactId(record.id) ? { ...a, name: `${a.name}, imported from ${fileName}` } : a;
  });
}
