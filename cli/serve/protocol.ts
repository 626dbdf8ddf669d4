/**
 * The REST API of `loopbook serve` (DESIGN.md §11): the shapes its endpoints answer with, the
 * schema that explains a rejected POST /predict body, and the API's version. Types, schemas and
 * constants only (STYLE.md: one protocol module per boundary).
 *
 *   POST /predict       {columns, data} → {columns, data, notices}: each row as sent, followed
 *                       by "prediction" (and "prob_<class>" per class for a classifier)
 *   GET  /health        {status: "ok", model: {…}}
 *   GET  /openapi.json  OpenAPI 3.1, with the model's features as the request schema
 *   GET  /metrics       Prometheus text exposition format
 */
import { z } from 'zod';

/** Major.minor of the API: a new major changes an answer's shape; a minor only adds fields. */
export const SERVE_API_VERSION = '1.0';

/** A cell as JSON carries it. */
export type Cell = number | string | boolean | null;

/**
 * A POST /predict body, pandas' "split" orient (`df.to_json(orient="split")`, index optional).
 * The happy path reads the body with lib/data's parser, as an import reads a JSON file; this
 * schema only runs on a body that parser refused, to say what is wrong in the API's terms.
 */
export const predictRequestSchema = z.object({
  columns: z
    .array(z.union([z.string(), z.number()], { error: 'A column name must be a string' }), { error: (i) => (i.input === undefined ? 'The body has no "columns"' : '"columns" must be a list of column names') })
    .min(1, '"columns" must name at least one column'),
  data: z
    .array(z.array(z.unknown(), { error: 'Each row of "data" must be a list of values' }), { error: (i) => (i.input === undefined ? 'The body has no "data"' : '"data" must be a list of rows') })
    .min(1, '"data" holds no rows'),
});

export interface PredictResponse {
  /** The request's columns (duplicates renamed), then the prediction columns. */
  readonly columns: readonly string[];
  /** Each request row as sent, then its predictions. */
  readonly data: readonly (readonly Cell[])[];
  /** What the caller should know: unseen categories, ignored columns, renamed columns. */
  readonly notices: readonly string[];
}

export interface HealthResponse {
  readonly status: 'ok';
  readonly apiVersion: string;
  readonly model: {
    readonly learner: string;
    readonly label: string;
    readonly task: 'binary' | 'multiclass' | 'regression';
    readonly classes?: readonly string[];
    readonly features: number;
    readonly createdAt: string;
  };
  readonly uptimeSeconds: number;
}

/** Every 4xx and 5xx answer. */
export interface ErrorResponse {
  readonly error: string;
}
