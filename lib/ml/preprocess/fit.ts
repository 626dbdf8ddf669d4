/**
 * Fits the preprocessing on the training rows only: the held-out rows never inform a median, a
 * level, a term or a scale. One plan serves both encodings (see transform.ts).
 */
import type { ColumnSchema, Table } from '../../data/types';
import { TrainingInputError } from '../errors';
import { MAX_CATEGORY_LEVELS, MIN_CATEGORY_COUNT } from '../flags';
import { findColumn, readDates, readKeys, readNumbers, readTexts } from './column-values';
import { datePart } from './dates';
import type { EncodedLabel } from './label';
import { DATE_PARTS, PREPROCESS_VERSION, type ColumnStep, type DatePart, type PreprocessPlan } from './plan';
import { fitTerms } from './text';

export interface FittedPlan {
  readonly plan: PreprocessPlan;
  /** Columns left out, each with why (all missing, a single value…), for the run's notices. */
  readonly skipped: readonly { readonly column: string; readonly reason: string }[];
}

export function fitPreprocessing(table: Table, schema: readonly ColumnSchema[], label: EncodedLabel, trainRows: Int32Array): FittedPlan {
  const steps: ColumnStep[] = [];
  const skipped: { column: string; reason: string }[] = [];
  for (const col of schema) {
    if (!col.included || col.name === label.encoding.column) continue;
    const raw = findColumn(table, col.name);
    if (!raw) continue;
    const step = fitStep(col, raw, label, trainRows);
    if (typeof step === 'string') skipped.push({ column: col.name, reason: step });
    else steps.push(step);
  }
  if (steps.length === 0) {
    const why = skipped.length > 0 ? ` (${skipped.map((s) => `${s.column}: ${s.reason}`).join('; ')})` : '';
    throw new TrainingInputError(
      `No column can be used to predict "${label.encoding.column}"${why}. Include at least one column with values that vary.`,
    );
  }
  return { plan: { version: PREPROCESS_VERSION, label: label.encoding, steps }, skipped };
}

function fitStep(col: ColumnSchema, raw: Parameters<typeof readNumbers>[0], label: EncodedLabel, rows: Int32Array): ColumnStep | string {
  switch (col.type) {
    case 'integer':
    case 'float': {
      const values = pick(readNumbers(raw), rows);
      const stats = numberStats(values);
      if (!stats) return 'no values in the training rows';
      if (stats.std === 0 && stats.missing === 0) return 'a single value';
      return { kind: 'numeric', column: col.name, median: stats.median, mean: stats.mean, std: stats.std || 1, missingIndicator: stats.missing > 0 };
    }
    case 'boolean':
    case 'categorical':
      return fitCategorical(col.name, raw, label, rows);
    case 'datetime': {
      const epochs = pick(readDates(raw), rows);
      const parts: DatePart[] = [];
      const stats: { median: number; mean: number; std: number }[] = [];
      let missing = 0;
      for (const e of epochs) if (Number.isNaN(e)) missing++;
      if (missing === epochs.length) return 'no dates in the training rows';
      for (const part of DATE_PARTS) {
        const s = numberStats(epochs.map((e) => datePart(e, part)));
        if (s && s.std > 0) {
          parts.push(part);
          stats.push({ median: s.median, mean: s.mean, std: s.std });
        }
      }
      if (parts.length === 0) return 'a single date';
      return { kind: 'datetime', column: col.name, parts, stats, missingIndicator: missing > 0 };
    }
    case 'text': {
      const texts = readTexts(raw);
      const { terms, idf } = fitTerms(Array.from(rows, (r) => texts[r]!));
      if (terms.length === 0) return 'no word repeats across rows';
      return { kind: 'text', column: col.name, terms, idf };
    }
    case 'id':
    case 'constant':
      return `typed ${col.type}`;
  }
}

function fitCategorical(column: string, raw: Parameters<typeof readKeys>[0], label: EncodedLabel, rows: Int32Array): ColumnStep | string {
  const { keys, codes } = readKeys(raw);
  const counts = new Float64Array(keys.length);
  const targetSums = new Float64Array(keys.length);
  let missing = 0;
  for (const r of rows) {
    const c = codes[r]!;
    if (c < 0) missing++;
    else {
      counts[c]!++;
      targetSums[c]! += label.y[r]!;
    }
  }
  const seen = [...counts.keys()].filter((c) => counts[c]! > 0);
  if (seen.length === 0) return 'no values in the training rows';
  if (seen.length === 1 && missing === 0) return 'a single value';
  const byFrequency = seen.sort((a, b) => counts[b]! - counts[a]! || (keys[a]! < keys[b]! ? -1 : 1));
  const kept = byFrequency.filter((c) => counts[c]! >= MIN_CATEGORY_COUNT).slice(0, MAX_CATEGORY_LEVELS);
  // With every level rare (a small table), keep the most frequent ones rather than none.
  const levelsCodes = kept.length > 0 ? kept : byFrequency.slice(0, MAX_CATEGORY_LEVELS);
  // Ordered by mean target where that order means something (binary, regression): a tree then
  // separates high from low levels with one threshold, as sorting categories by gradient does.
  if (label.encoding.task !== 'multiclass') {
    levelsCodes.sort((a, b) => targetSums[a]! / counts[a]! - targetSums[b]! / counts[b]! || (keys[a]! < keys[b]! ? -1 : 1));
  }
  return {
    kind: 'categorical',
    column,
    levels: levelsCodes.map((c) => keys[c]!),
    hasOther: levelsCodes.length < seen.length,
    missingIndicator: missing > 0,
  };
}

function pick(values: Float64Array, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (r) => values[r]!);
}

function numberStats(values: Float64Array): { median: number; mean: number; std: number; missing: number } | undefined {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  if (present.length === 0) return undefined;
  let sum = 0;
  for (const v of present) sum += v;
  const mean = sum / present.length;
  let squares = 0;
  for (const v of present) squares += (v - mean) * (v - mean);
  const mid = present.length >> 1;
  const median = present.length % 2 ? present[mid]! : (present[mid - 1]! + present[mid]!) / 2;
  return { median, mean, std: Math.sqrt(squares / present.length), missing: values.length - present.length };
}
