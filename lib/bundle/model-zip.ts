/**
 * Writes and reads model.zip (format in model-manifest.ts). Save → load gives a model whose
 * predictions are identical: the preprocessing travels as JSON, each learner writes its own files.
 */
import { strToU8, strFromU8, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { hashJson } from '../canonical-json';
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
  evaluationSchema,
  modelManifestSchema,
  type ManifestFeature,
  type ModelManifest,
} from './model-manifest';
import { BundleError, MODEL_ZIP_LIMITS, readZipEntries } from './zip-safety';

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
  const files: Zippable = {};
  const members: ModelManifest['members'] = [];
  for (const [k, member] of model.members.entries()) {
    const path = `model/${k}/`;
    const learnerFiles = await learnerOf(member.learner).serialize(member.fitted);
    for (const [name, bytes] of Object.entries(learnerFiles)) files[`${path}${name}`] = bytes;
    members.push({ learner: member.learner, params: { ...member.params }, weight: member.weight, path });
  }
  const plan = model.plan;
  const metrics: Record<string, number | null> = {};
  for (const name of metricsForTask(config.task)) metrics[name] = evaluation.metrics[name] ?? null;
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
  };
  files['manifest.json'] = json(manifest);
  files['preprocess.json'] = json(plan);
  files['config.json'] = json(config);
  files['metrics.json'] = json(evaluation);
  return zipSync(files, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}

export async function readModelZip(bytes: Uint8Array): Promise<ModelBundle> {
  const entries = readZipEntries(bytes, 'model.zip', MODEL_ZIP_LIMITS);
  const manifestBytes = entries.get('manifest.json');
  if (!manifestBytes) throw new BundleError('This zip is not a Loopbook model: it has no manifest.json. Choose a model.zip that Loopbook exported.');
  const rawManifest = parseJson(manifestBytes, 'manifest.json');
  checkFormat(rawManifest);
  const manifest = parseWith(modelManifestSchema, rawManifest, 'manifest.json');
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

function checkFormat(raw: unknown): void {
  const head = z.object({ format: z.string(), version: z.string() }).safeParse(raw);
  if (!head.success || head.data.format !== MODEL_FORMAT) {
    throw new BundleError('This zip is not a Loopbook model (its manifest.json is not a loopbook-model manifest).');
  }
  const major = Number(head.data.version.split('.')[0]);
  if (major !== MODEL_FORMAT_MAJOR) {
    throw new BundleError(
      major > MODEL_FORMAT_MAJOR
        ? `This model.zip uses format ${head.data.version}, newer than this Loopbook reads (${MODEL_FORMAT_VERSION}). Update Loopbook to open it.`
        : `This model.zip uses format ${head.data.version}, which this Loopbook no longer reads (it reads ${MODEL_FORMAT_VERSION}).`,
    );
  }
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

function need(entries: Map<string, Uint8Array>, name: string): Uint8Array {
  const data = entries.get(name);
  if (!data) throw new BundleError(`This model.zip is incomplete: ${name} is missing. Export the model again.`);
  return data;
}

function parseJson(bytes: Uint8Array, name: string): unknown {
  try {
    return JSON.parse(strFromU8(bytes));
  } catch {
    throw new BundleError(`This model.zip is damaged: ${name} is not valid JSON.`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new BundleError(`This model.zip has an invalid ${name}${where}: ${issue?.message ?? 'unexpected content'}.`);
  }
  return parsed.data;
}
