/**
 * Which column to predict, before the user says. A column named like a label wins; otherwise
 * tables usually put the label last (exports from ML tools) or first (hand-made research
 * tables), so the ends are tried, preferring one that is complete.
 */

import type { ColumnSchema, ColumnType, LabelSuggestion, Profile, Table } from '../types';
import { countOf, typePhrase } from './wording';

const LABEL_TYPES: ReadonlySet<ColumnType> = new Set(['integer', 'float', 'boolean', 'categorical']);

/** A column a model can predict: included, and numbers, yes/no values or categories. */
export function isUsableLabel(column: ColumnSchema): boolean {
  return column.included && LABEL_TYPES.has(column.type);
}

/** Exact names, best first; `y` is last because it is also a coordinate in some tables. */
const LABEL_NAMES = ['target', 'label', 'class', 'outcome', 'response', 'y'];
const LABEL_SUFFIXES = ['_label', '_target'];

/** "Class Label", "class-label", "ClassLabel" → "class_label". */
function normalizeName(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Lower is a stronger hint; null when the name says nothing. */
function nameRank(name: string): number | null {
  const normal = normalizeName(name);
  const exact = LABEL_NAMES.indexOf(normal);
  if (exact >= 0) return exact;
  return LABEL_SUFFIXES.some((suffix) => normal.endsWith(suffix)) ? LABEL_NAMES.length : null;
}

/**
 * Suggests the label column with a sentence naming the rule that chose it.
 *
 * @example suggestLabel(table, schema, profile)
 * // { label: 'Species', reason: 'Species is the first column and has no missing values; the last column, Sex, is missing in 10 rows.' }
 */
export function suggestLabel(
  _table: Table,
  schema: readonly ColumnSchema[],
  profile: Profile,
): LabelSuggestion {
  const missingByName = new Map(profile.columns.map((c) => [c.name, c.missing]));
  const missingOf = (column: ColumnSchema): number => missingByName.get(column.name) ?? 0;
  const complete = (column: ColumnSchema): boolean => isUsableLabel(column) && missingOf(column) === 0;

  const named = bestNamed(schema);
  if (named !== undefined) {
    return { label: named.name, reason: `${named.name} is named like a label column.` };
  }

  const first = schema[0];
  const last = schema[schema.length - 1];
  if (first === undefined || last === undefined) return { label: null, reason: 'The table has no columns.' };
  if (first === last && isUsableLabel(first)) {
    return { label: first.name, reason: `${first.name} is the only column.` };
  }
  const whyNot = (column: ColumnSchema): string => whyNotLabel(column, missingOf(column));

  if (complete(last)) {
    return { label: last.name, reason: `${last.name} is the last column and has no missing values.` };
  }
  if (complete(first)) {
    return {
      label: first.name,
      reason: `${first.name} is the first column and has no missing values; the last column, ${last.name}, ${whyNot(last)}.`,
    };
  }
  const fallback = [...schema].reverse().find(isUsableLabel);
  if (fallback === undefined) {
    return {
      label: null,
      reason: 'No column can be a label: a label must hold numbers, yes/no values or categories, and be included.',
    };
  }
  const gap = missingOf(fallback) > 0 ? `, though it is missing in ${countOf(missingOf(fallback), 'row')}` : '';
  if (fallback === last) {
    return {
      label: last.name,
      reason: `${last.name} is the last column${gap}; the first column, ${first.name}, ${whyNot(first)}.`,
    };
  }
  if (fallback === first) {
    return {
      label: first.name,
      reason: `${first.name} is the first column${gap}; the last column, ${last.name}, ${whyNot(last)}.`,
    };
  }
  return {
    label: fallback.name,
    reason: `${fallback.name} is the last column that can be a label${gap}; the first column, ${first.name}, ${whyNot(first)}, and the last, ${last.name}, ${whyNot(last)}.`,
  };
}

/** The usable column with the strongest label name; on a tie, the later column. */
function bestNamed(schema: readonly ColumnSchema[]): ColumnSchema | undefined {
  let best: ColumnSchema | undefined;
  let bestRank = Infinity;
  for (const column of schema) {
    const rank = nameRank(column.name);
    if (rank !== null && rank <= bestRank && isUsableLabel(column)) {
      best = column;
      bestRank = rank;
    }
  }
  return best;
}

/** Completes "the last column, X, …" with why X was passed over. */
function whyNotLabel(column: ColumnSchema, missing: number): string {
  if (column.type === 'id') return 'looks like an id';
  if (column.type === 'constant') return 'has a single value';
  if (!LABEL_TYPES.has(column.type)) return `holds ${typePhrase(column.type)}`;
  if (!column.included) return 'is left out';
  return `is missing in ${countOf(missing, 'row')}`;
}
