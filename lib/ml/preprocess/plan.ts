/**
 * The fitted preprocessing: what was learnt from the training rows about each input column, as
 * plain JSON (it is `preprocess.json` in a model.zip). The zod schema here is the boundary check
 * for reading it back; the types are inferred from it, so the two cannot drift.
 */
import { z } from 'zod';

export const PREPROCESS_VERSION = 1;

const numericStep = z.object({
  kind: z.literal('numeric'),
  column: z.string(),
  /** Imputed for missing values in the dense encoding. */
  median: z.number(),
  mean: z.number(),
  std: z.number(),
  /** A 0/1 column saying "was missing", kept where training rows had missing values. */
  missingIndicator: z.boolean(),
});

const categoricalStep = z.object({
  kind: z.literal('categorical'),
  column: z.string(),
  /**
   * Levels kept, in code order: for trees a level's ordinal code is its index, ordered by mean
   * target (binary, regression) so that one threshold can separate high from low; by frequency
   * otherwise. Rarer and unseen values pool into "other" (code levels.length).
   */
  levels: z.array(z.string()),
  /** True when training rows had values outside `levels`: the dense encoding keeps an "other" column. */
  hasOther: z.boolean(),
  missingIndicator: z.boolean(),
});

const DATE_PARTS = ['year', 'month', 'day', 'weekday', 'hour'] as const;
export type DatePart = (typeof DATE_PARTS)[number];

const datetimeStep = z.object({
  kind: z.literal('datetime'),
  column: z.string(),
  /** Parts that vary in the training rows, each a numeric feature. */
  parts: z.array(z.enum(DATE_PARTS)),
  /** Per part: median, mean, std (as numeric steps, for imputing and scaling). */
  stats: z.array(z.object({ median: z.number(), mean: z.number(), std: z.number() })),
  missingIndicator: z.boolean(),
});

const textStep = z.object({
  kind: z.literal('text'),
  column: z.string(),
  /** The most frequent terms of the training rows, each a TF-IDF feature. */
  terms: z.array(z.string()),
  idf: z.array(z.number()),
});

export const columnStepSchema = z.discriminatedUnion('kind', [numericStep, categoricalStep, datetimeStep, textStep]);
export type ColumnStep = z.infer<typeof columnStepSchema>;
export type NumericStep = z.infer<typeof numericStep>;
export type CategoricalStep = z.infer<typeof categoricalStep>;
export type DatetimeStep = z.infer<typeof datetimeStep>;
export type TextStep = z.infer<typeof textStep>;

export const labelEncodingSchema = z.discriminatedUnion('task', [
  z.object({ task: z.literal('binary'), column: z.string(), classes: z.array(z.string()).length(2) }),
  z.object({ task: z.literal('multiclass'), column: z.string(), classes: z.array(z.string()).min(3) }),
  z.object({ task: z.literal('regression'), column: z.string() }),
]);
export type LabelEncoding = z.infer<typeof labelEncodingSchema>;

export const preprocessPlanSchema = z.object({
  version: z.literal(PREPROCESS_VERSION),
  label: labelEncodingSchema,
  steps: z.array(columnStepSchema),
});
/** The fitted preprocessing of one dataset: shared by every learner of a search. */
export type PreprocessPlan = z.infer<typeof preprocessPlanSchema>;

export { DATE_PARTS };
