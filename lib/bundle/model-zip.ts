/**
 * Writes and reads model.zip (format in model-manifest.ts). Save → load gives a model whose
 * predictions are identical: the preprocessing travels as JSON, each learner writes its own files.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { hashJson } from '../canonical-json';
import { sha256Hex } from '../sha256';
import { metricsForTask } from '../ml/metrics';
import type { Evaluation } from '../ml/evaluate';
import { learnerOf } from '../ml/learners';
import type { TrainedModel } from '../ml/model';
import { preprocessPlanSchema, type PreprocessPlan } from '../ml/preprocess';
import type { AutoMLConfig } from '../ml/train';
import { LEARNER_NAMES } from '../ml/types';
import { APP_VERSION } from '../version';
import {
  MODEL_FORMAT,
  MODEL_FORMAT_MAJOR,
  MODEL_FORMAT_VERSION,
  MODEL_FILES_SINCE_MINOR,
  evaluationSchema,
  modelManifestSchema,
  type ManifestFeature,
  type ModelManifest,
} from './model-manifest';
import { zipJsonReader } from './zip-json';
import { BundleError, MODEL_ZIP_LIMITS, readZipEntries, type ZipLimits } from './zip-safety';

const { need, parseJson, parseWith } = zipJsonReader('model.zip', 'the model');

export const trainingConfigSchema = z.object({
  label: z.string(),
  task: z.enum(['binary', 'multiclass', 'regression']),
  metric: modelManifestSchema.shape.metric,
  timeBudgetS: z.number().positive(),
  seed: z.number().int(),
  learners: z.array(z.enum(LEARNER_NAMES)),
  ensemble: z.boolean(),
  maxTrials: z.number().int().positive().optional(),
  fixed: z.object({ learner: z.enum(LEARNER_NAMES), params: z.record(z.string(), z.unknown()) }).optional(),
});

export interface ModelBundle {
  readonly manifest: ModelManifest;
  readonly model: TrainedModel;
  readonly config: AutoMLConfig;
  readonly evaluation: Evaluation;
}

export interface WriteModelInput {
  readonly model: TrainedModel;
  readonly config: AutoMLConfig;
  readonly evaluation: Evaluation;
  readonly experimentId?: string;
  readonly datasetHash?: string;
  /** Defaults to now; fixed in tests for byte-identical zips. */
  readonly createdAt?: Date;
}

export async function writeModelZip(input: WriteModelInput): Promise<Uint8Array> {
  const { model, config, evaluation } = input;
  const modelFiles: Record<string, Uint8Array> = {};
  const members: ModelManifest['members'] = [];
  for (const [k, member] of model.members.entries()) {
    const path = `model/${k}/`;
    const learnerFiles = await learnerOf(member.learner).serialize(member.fitted);
    for (const [name, bytes] of Object.entries(learnerFiles)) modelFiles[`${path}${name}`] = bytes;
    members.push({ learner: member.learner, params: { ...member.params }, weight: member.weight, path });
  }
  const plan = model.plan;
  const metrics: Record<string, number | null> = {};
  for (const name of metricsForTask(config.task)) metrics[name] = evaluation.metrics[name] ?? null;
  const others: Record<string, Uint8Array> = { 'preprocess.json': json(plan), 'config.json': json(config), 'metrics.json': json(evaluation) };
  const manifest: ModelManifest = {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    task: config.task,
    label: plan.label.column,
    ...(plan.label.task !== 'regression' ? { classes: plan.label.classes } : {}),
    features: featuresOf(plan),
    learner: describeMembers(members),
    members,
    metric: config.metric,
    metrics,
    createdAt: (input.createdAt ?? new Date()).toISOString(),
    appVersion: APP_VERSION,
    experimentId: input.experimentId ?? null,
    datasetHash: input.datasetHash ?? null,
    configHash: await hashJson(config),
    files: await hashFiles({ ...modelFiles, ...others }),
  };
  // Entry order is fixed (model files, manifest, the rest) and so is every mtime: the same
  // model gives the same bytes.
  // Float weights barely deflate (about 9%) at a cost of ~100 ms per MB: they are stored as is.
  const files: Zippable = { ...Object.fromEntries(Object.entries(modelFiles).map(([name, bytes]) => [name, name.endsWith('weights.bin') ? [bytes, { level: 0 }] : bytes])), 'manifest.json': json(manifest), ...others };
  return zipSync(files, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}

export interface ReadModelOptions {
  /** Defaults to MODEL_ZIP_LIMITS; tests pass smaller ones. */
  readonly limits?: ZipLimits;
}

/**
 * Reads and checks a model.zip, refusing with a BundleError that says what is wrong: not a zip,
 * unsafe paths, too large once inflated, not a Loopbook model, a major version this reader does
 * not know, a file missing or whose bytes differ from the manifest's hash, invalid JSON.
 */
export async function readModelZip(bytes: Uint8Array, options: ReadModelOptions = {}): Promise<ModelBundle> {
  const entries = readZipEntries(bytes, 'model.zip', options.limits ?? MODEL_ZIP_LIMITS);
  const manifestBytes = entries.get('manifest.json');
  if (!manifestBytes) throw new BundleError('This zip is not a Loopbook model: it has no manifest.json. Choose a model.zip that Loopbook exported.');
  const rawManifest = parseJson(manifestBytes, 'manifest.json');
  const minor = checkFormat(rawManifest);
  const manifest = parseWith(modelManifestSchema, rawManifest, 'manifest.json');
  await checkFiles(manifest, minor, entries);
  const plan: PreprocessPlan = parseWith(preprocessPlanSchema, parseJson(need(entries, 'preprocess.json'), 'preprocess.json'), 'preprocess.json');
  const config = parseWith(trainingConfigSchema, parseJson(need(entries, 'config.json'), 'config.json'), 'config.json');
  const evaluation = parseWith(evaluationSchema, parseJson(need(entries, 'metrics.json'), 'metrics.json'), 'metrics.json');
  const members = [];
  for (const m of manifest.members) {
    const files: Record<string, Uint8Array> = {};
    for (const [name, data] of entries) if (name.startsWith(m.path)) files[name.slice(m.path.length)] = data;
    const learner = learnerOf(m.learner);
    let fitted: unknown;
    try {
      fitted = await learner.deserialize(files);
    } catch (error) {
      throw new BundleError(`The ${m.learner} model in ${m.path} cannot be read: ${error instanceof Error ? error.message : String(error)}.`);
    }
    members.push({ learner: m.learner, params: m.params, weight: m.weight, fitted });
  }
  return { manifest, model: { plan, members }, config, evaluation };
}

/**
 * The zip's files against the manifest's hashes (1.1 on; a 1.0 zip has none to check). Every
 * listed file must be there with the same bytes, and nothing else may be: the writer lists every
 * file it writes, a later minor that adds files lists them too, so an unlisted one was added
 * after export (and one under model/<k>/ would reach the learner that reads that folder).
 */
async function checkFiles(manifest: ModelManifest, minor: number, entries: ReadonlyMap<string, Uint8Array>): Promise<void> {
  const listed = manifest.files;
  if (!listed) {
    if (minor >= MODEL_FILES_SINCE_MINOR) {
      throw new BundleError(`This model.zip's manifest (format ${manifest.version}) lists no file hashes, which that format requires: it was changed after export. Export the model again.`);
    }
    return;
  }
  for (const name of Object.keys(listed).sort()) if (!entries.has(name)) throw new BundleError(`This model.zip is incomplete: ${name} is missing. Export the model again.`);
  const extra = [...entries.keys()].filter((name) => name !== 'manifest.json' && !Object.hasOwn(listed, name)).sort();
  if (extra.length > 0) {
    throw new BundleError(`This model.zip holds ${extra.slice(0, 3).join(', ')}${extra.length > 3 ? ` and ${extra.length - 3} more` : ''}, which its manifest does not list: it was changed after export. Export the model again.`);
  }
  const actual = await hashFiles(Object.fromEntries(entries));
  for (const [name, hash] of Object.entries(listed).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (actual[name] === hash) continue;
    // A member's .bin (weights.bin of a network, trees.bin of trees) holds its learned numbers.
    const what = name.startsWith('model/') && name.endsWith('.bin') ? `The weights in ${name} do not` : `${name} does not`;
    throw new BundleError(`${what} match the manifest's hash: the file was changed or damaged. Export the model again.`);
  }
}

/** SHA-256 hex of each file but the manifest, keys in sorted order (the manifest's JSON is then stable). */
async function hashFiles(files: Readonly<Record<string, Uint8Array>>): Promise<Record<string, string>> {
  const names = Object.keys(files)
    .filter((name) => name !== 'manifest.json')
    .sort();
  const hashes = await Promise.all(names.map((name) => sha256Hex(files[name]!)));
  return Object.fromEntries(names.map((name, i) => [name, hashes[i]!]));
}

/** Refuses what is not a model manifest of this major version; returns its minor. */
function checkFormat(raw: unknown): number {
  const head = z.object({ format: z.string(), version: z.string() }).safeParse(raw);
  if (!head.success || head.data.format !== MODEL_FORMAT) {
    throw new BundleError('This zip is not a Loopbook model (its manifest.json is not a loopbook-model manifest).');
  }
  const version = /^(\d+)\.(\d+)$/.exec(head.data.version);
  if (!version) throw new BundleError(`This model.zip's manifest has the version "${head.data.version}", which is not a format version (like ${MODEL_FORMAT_VERSION}): it was changed after export. Export the model again.`);
  const major = Number(version[1]);
  if (major !== MODEL_FORMAT_MAJOR) {
    throw new BundleError(
      major > MODEL_FORMAT_MAJOR
        ? `This model.zip uses format ${head.data.version}, newer than this Loopbook reads (${MODEL_FORMAT_VERSION}). Update Loopbook to open it.`
        : `This model.zip uses format ${head.data.version}, which this Loopbook no longer reads (it reads ${MODEL_FORMAT_VERSION}).`,
    );
  }
  return Number(version[2]);
}

function featuresOf(plan: PreprocessPlan): ManifestFeature[] {
  return plan.steps.map((s) => (s.kind === 'categorical' ? { name: s.column, kind: s.kind, levels: s.levels } : { name: s.column, kind: s.kind }));
}

function describeMembers(members: ModelManifest['members']): string {
  const counts = new Map<string, number>();
  for (const m of members) counts.set(m.learner, (counts.get(m.learner) ?? 0) + 1);
  const parts = [...counts].map(([l, n]) => (n > 1 ? `${l} ×${n}` : l));
  return parts.length === 1 && members.length === 1 ? parts[0]! : `ensemble of ${parts.join(' and ')}`;
}

function json(value: unknown): Uint8Array {
  return strToU8(`${JSON.stringify(value, null, 2)}\n`);
}

