/**
 * Applies a fitted plan to rows of a table, in one of two encodings:
 * - `trees`: one feature per number, date part and term, a category as its ordinal code, missing
 *   kept as NaN (the trees learn where missing values go);
 * - `dense`: missing values imputed (median) with 0/1 "was missing" indicators, categories
 *   one-hot (unseen values count as "other"), everything standardized — what linear models and
 *   neural networks need.
 */
import type { Table } from '../../data/types';
import { InputMismatchError } from '../errors';
import type { FeatureEncoding, Matrix } from '../types';
import { findColumn, readDates, readKeys, readNumbers, readTexts } from './column-values';
import { datePart } from './dates';
import type { ColumnStep, PreprocessPlan } from './plan';
import { writeTfidf } from './text';

/** The matrix columns that come from one input column (for feature importance, one-hot grouped). */
export interface FeatureGroup {
  readonly name: string;
  readonly columns: readonly number[];
}

export interface FeatureLayout {
  readonly names: readonly string[];
  readonly groups: readonly FeatureGroup[];
}

export function featureLayout(plan: PreprocessPlan, encoding: FeatureEncoding): FeatureLayout {
  const names: string[] = [];
  const groups: FeatureGroup[] = [];
  for (const step of plan.steps) {
    const start = names.length;
    names.push(...stepNames(step, encoding));
    groups.push({ name: step.column, columns: Array.from({ length: names.length - start }, (_, k) => start + k) });
  }
  return { names, groups };
}

function stepNames(step: ColumnStep, encoding: FeatureEncoding): string[] {
  const dense = encoding === 'dense';
  const missing = dense && step.kind !== 'text' && step.missingIndicator ? [`${step.column} missing`] : [];
  switch (step.kind) {
    case 'numeric':
      return [step.column, ...missing];
    case 'categorical':
      if (!dense) return [step.column];
      return [...step.levels.map((l) => `${step.column}=${l}`), ...(step.hasOther ? [`${step.column}=other`] : []), ...missing];
    case 'datetime':
      return [...step.parts.map((p) => `${step.column}.${p}`), ...missing];
    case 'text':
      return step.terms.map((t) => `${step.column}:${t}`);
  }
}

/** The features of `rows` (all rows when absent), row-major. */
export function transform(plan: PreprocessPlan, table: Table, encoding: FeatureEncoding, rows?: Int32Array): Matrix {
  const { names } = featureLayout(plan, encoding);
  const cols = names.length;
  const picked = rows ?? Int32Array.from({ length: table.rowCount }, (_, i) => i);
  const values = new Float32Array(picked.length * cols);
  let offset = 0;
  for (const step of plan.steps) {
    const raw = findColumn(table, step.column);
    if (!raw) throw new InputMismatchError(`The data has no column "${step.column}", which the model needs.`, [step.column]);
    offset += writeStep(step, raw, encoding, picked, values, cols, offset);
  }
  return { rows: picked.length, cols, values };
}

type Raw = Parameters<typeof readNumbers>[0];

/** Writes one step's features at column `offset` of every row; returns how many columns it wrote. */
function writeStep(step: ColumnStep, raw: Raw, encoding: FeatureEncoding, rows: Int32Array, out: Float32Array, cols: number, offset: number): number {
  const dense = encoding === 'dense';
  switch (step.kind) {
    case 'numeric': {
      const v = readNumbers(raw);
      const scale = { median: step.median, mean: step.mean, std: step.std };
      for (let i = 0; i < rows.length; i++) writeNumber(v[rows[i]!]!, scale, dense, out, i * cols + offset);
      if (dense && step.missingIndicator) writeMissing(v, rows, out, cols, offset + 1);
      return dense && step.missingIndicator ? 2 : 1;
    }
    case 'categorical': {
      const { keys, codes } = readKeys(raw);
      const levelOf = new Map(step.levels.map((l, k) => [l, k]));
      const other = step.levels.length;
      const byCode = keys.map((k) => levelOf.get(k) ?? other);
      if (!dense) {
        for (let i = 0; i < rows.length; i++) {
          const c = codes[rows[i]!]!;
          out[i * cols + offset] = c < 0 ? Number.NaN : byCode[c]!;
        }
        return 1;
      }
      const width = step.levels.length + (step.hasOther ? 1 : 0);
      for (let i = 0; i < rows.length; i++) {
        const c = codes[rows[i]!]!;
        const base = i * cols + offset;
        if (c >= 0) {
          const level = byCode[c]!;
          if (level < other || step.hasOther) out[base + level] = 1;
        } else if (step.missingIndicator) out[base + width] = 1;
      }
      return width + (step.missingIndicator ? 1 : 0);
    }
    case 'datetime': {
      const epochs = readDates(raw);
      step.parts.forEach((part, p) => {
        const scale = step.stats[p]!;
        for (let i = 0; i < rows.length; i++) writeNumber(datePart(epochs[rows[i]!]!, part), scale, dense, out, i * cols + offset + p);
      });
      if (dense && step.missingIndicator) writeMissing(epochs, rows, out, cols, offset + step.parts.length);
      return step.parts.length + (dense && step.missingIndicator ? 1 : 0);
    }
    case 'text': {
      const texts = readTexts(raw);
      const index = new Map(step.terms.map((t, k) => [t, k]));
      for (let i = 0; i < rows.length; i++) writeTfidf(texts[rows[i]!]!, index, step.idf, out, i * cols + offset);
      return step.terms.length;
    }
  }
}

function writeNumber(v: number, s: { median: number; mean: number; std: number }, dense: boolean, out: Float32Array, at: number): void {
  if (!dense) out[at] = v;
  else out[at] = ((Number.isNaN(v) ? s.median : v) - s.mean) / s.std;
}

function writeMissing(values: Float64Array, rows: Int32Array, out: Float32Array, cols: number, offset: number): void {
  for (let i = 0; i < rows.length; i++) if (Number.isNaN(values[rows[i]!]!)) out[i * cols + offset] = 1;
}
