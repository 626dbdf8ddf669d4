/**
 * The model.zip protocol (DESIGN.md §8): the manifest's shape, its zod schemas and the format
 * version. Readers refuse an unknown major version with a clear message; minor versions only add
 * optional fields.
 *
 * model.zip
 *   manifest.json    this manifest
 *   preprocess.json  the fitted preprocessing (lib/ml/preprocess/plan.ts)
 *   model/<k>/…      the files of member k (tfjs model.json + weights.bin, or trees)
 *   config.json      the training config
 *   metrics.json     the held-out evaluation
 *
 * 1.1 adds `files`: the SHA-256 of every other file in the zip. From 1.1 on it is required, and a
 * reader refuses a zip whose files differ from it (changed, missing or added after export); a
 * 1.0 zip has no list and is read as before.
 */
import { z } from 'zod';
import { METRIC_NAMES } from '../ml/metrics';
import { LEARNER_NAMES } from '../ml/types';

export const MODEL_FORMAT = 'loopbook-model';
/** Major.minor: a reader accepts its own major and any minor. */
export const MODEL_FORMAT_VERSION = '1.1';
export const MODEL_FORMAT_MAJOR = 1;
/** The minor that made `files` (the hash of every file) part of the format. */
export const MODEL_FILES_SINCE_MINOR = 1;

/** Lower-case SHA-256 hex. */
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest');

const featureSchema = z.object({
  name: z.string(),
  kind: z.enum(['numeric', 'categorical', 'datetime', 'text']),
  /** Categorical: the values the model knows (others count as "other"). */
  levels: z.array(z.string()).optional(),
});
export type ManifestFeature = z.infer<typeof featureSchema>;

const memberSchema = z.object({
  learner: z.enum(LEARNER_NAMES),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  weight: z.number().positive(),
  /** Folder in the zip holding this member's files, e.g. "model/0/". */
  path: z.string(),
});

export const modelManifestSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.string().regex(/^\d+\.\d+$/),
  task: z.enum(['binary', 'multiclass', 'regression']),
  label: z.string(),
  classes: z.array(z.string()).optional(),
  features: z.array(featureSchema),
  /** For people: "gbdt", or "ensemble of gbdt ×5 and mlp". */
  learner: z.string(),
  members: z.array(memberSchema).min(1),
  metric: z.enum(METRIC_NAMES),
  /** Held-out metrics (the full evaluation is metrics.json). */
  metrics: z.record(z.string(), z.number().nullable()),
  createdAt: z.string(),
  appVersion: z.string(),
  experimentId: z.string().nullable(),
  datasetHash: z.string().nullable(),
  configHash: z.string(),
  /** 1.1: path in the zip → SHA-256 hex of its bytes, for every file but manifest.json. */
  files: z.record(z.string(), sha256Hex).optional(),
});
export type ModelManifest = z.infer<typeof modelManifestSchema>;

const nullableNumbers = z.array(z.number().nullable());

export const evaluationSchema = z.object({
  task: z.enum(['binary', 'multiclass', 'regression']),
  metric: z.enum(METRIC_NAMES),
  rows: z.number(),
  metrics: z.partialRecord(z.enum(METRIC_NAMES), z.number().nullable()),
  classes: z.array(z.string()).optional(),
  confusion: z.array(z.array(z.number())).optional(),
  roc: z.object({ fpr: z.array(z.number()), tpr: z.array(z.number()), thresholds: nullableNumbers, auc: z.number().nullable() }).optional(),
  pr: z
    .object({ recall: z.array(z.number()), precision: z.array(z.number()), thresholds: nullableNumbers, averagePrecision: z.number().nullable() })
    .optional(),
  residuals: z
    .object({
      predicted: z.array(z.number()),
      residual: z.array(z.number()),
      histogram: z.object({ edges: z.array(z.number()), counts: z.array(z.number()) }),
      skipped: z.number(),
    })
    .optional(),
  importance: z.array(z.object({ name: z.string(), mean: z.number().nullable(), std: z.number().nullable() })),
});
