/**
 * Schemas for the training records read back from storage (experiments and trials are written by
 * one tab and read by every tab, possibly by a newer or older app): parsed, never cast.
 */
import { z } from 'zod';
import { evaluationSchema } from '../bundle/model-manifest';
import { LEARNER_NAMES } from '../ml/types';
import { columnOverridesSchema } from '../data/column-overrides';
import { TASKS } from '../data/types';
import { METRIC_NAMES } from '../ml/metrics';

export const trialRecordSchema = z.object({
  index: z.number().int(),
  learner: z.enum(LEARNER_NAMES),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  score: z.number().nullable(),
  fitMs: z.number(),
  status: z.enum(['completed', 'cut', 'failed']),
  error: z.string().optional(),
});

export const trainSnapshotSchema = z.object({
  status: z.enum(['running', 'completed', 'failed', 'canceled']),
  phase: z.enum(['queued', 'loading', 'calibrating', 'search', 'evaluate', 'saving']),
  elapsedMs: z.number(),
  budgetMs: z.number(),
  trials: z.number(),
  bestScore: z.number().nullable(),
  bestLearner: z.string().nullable(),
  fitting: z.string().nullable(),
  running: z.number().int().min(0).optional(),
  error: z.object({ name: z.string(), message: z.string() }).optional(),
});

/** The train cell's request as stored with the experiment. */
export const experimentConfigSchema = z.object({
  label: z.string(),
  task: z.enum(TASKS),
  metric: z.enum(METRIC_NAMES),
  timeBudgetS: z.number(),
  seed: z.number(),
  learners: z.array(z.enum(LEARNER_NAMES)),
  ensemble: z.boolean(),
  backend: z.enum(['auto', 'wasm', 'cpu', 'webgpu']),
  /** The data cell's column overrides, canonical (absent in records from before they were kept). */
  columns: columnOverridesSchema.optional(),
});
export type ExperimentConfig = z.infer<typeof experimentConfigSchema>;

export const experimentResultSchema = z.object({
  chosen: z.array(z.number()),
  validScore: z.number().nullable(),
  evaluation: evaluationSchema,
  learningCurve: z
    .object({ trial: z.number(), xLabel: z.string(), series: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()) })) })
    .optional(),
  validation: z.object({ kind: z.enum(['holdout', 'kfold', 'none']), trainRows: z.number(), testRows: z.number() }),
  notices: z.array(z.string()),
  backend: z.string(),
  adapter: z.string().optional(),
  // Absent in records from before trials could run on several workers: one.
  trialWorkers: z.number().int().min(1).optional(),
  elapsedMs: z.number(),
});
export type ExperimentResult = z.infer<typeof experimentResultSchema>;
