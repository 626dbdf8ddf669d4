/**
 * The kind of prediction a label calls for. Whole numbers with few values are classes
 * (ratings, codes) only when those few values repeat a lot; otherwise they are quantities.
 */

import type { ColumnProfile, ColumnSchema, Profile, Table, TaskInference } from '../types';
import {
  CLASSIFY_MAX_DISTINCT_SHARE,
  CLASSIFY_MAX_INTEGER_CLASSES,
  CLASSIFY_SMALL_TABLE_ROWS,
} from './flags';
import { typePhrase } from './wording';

/**
 * Infers binary, multiclass or regression from the label's type and distinct values, or null
 * with the reason when the label cannot be predicted.
 *
 * @example inferTask(table, schema, profile, 'Species')
 * // { task: 'multiclass', classes: 3, reason: 'Species is categorical with 3 classes, so this is multiclass classification.' }
 */
export function inferTask(
  table: Table,
  schema: readonly ColumnSchema[],
  profile: Profile,
  label: string | null,
): TaskInference {
  if (label === null) return { task: null, reason: 'No label is chosen, so there is nothing to predict yet.' };
  const column = schema.find((c) => c.name === label);
  const stats = profile.columns.find((c) => c.name === label);
  if (column === undefined || stats === undefined) {
    return { task: null, reason: `The table has no column named ${label}.` };
  }
  const { type } = column;
  if (type === 'constant' || stats.distinct < 2) {
    return { task: null, reason: `${label} has ${stats.distinct === 0 ? 'no values' : 'only one value'}, so there is nothing to predict.` };
  }
  if (type === 'text' || type === 'id' || type === 'datetime') {
    return {
      task: null,
      reason: `${label} holds ${typePhrase(type)}, which a model cannot predict; choose a column of numbers or categories.`,
    };
  }
  if (type === 'boolean' || stats.distinct === 2) {
    const what = type === 'boolean' ? 'holds yes/no values' : 'has two values';
    return { task: 'binary', classes: 2, reason: `${label} ${what}, so this is binary classification.` };
  }
  if (type === 'categorical') {
    return {
      task: 'multiclass',
      classes: stats.distinct,
      reason: `${label} is categorical with ${stats.distinct} classes, so this is multiclass classification.`,
    };
  }
  if (type === 'integer' && looksLikeClasses(table, stats)) {
    return {
      task: 'multiclass',
      classes: stats.distinct,
      reason: `${label} holds only ${stats.distinct} different whole numbers, so this is multiclass classification.`,
    };
  }
  return {
    task: 'regression',
    reason: `${label} holds ${typePhrase(type)} with ${stats.distinctApproximate ? 'about ' : ''}${stats.distinct} different values, so this is regression.`,
  };
}

function looksLikeClasses(table: Table, stats: ColumnProfile): boolean {
  if (stats.distinct > CLASSIFY_MAX_INTEGER_CLASSES) return false;
  const labelled = table.rowCount - stats.missing;
  return table.rowCount < CLASSIFY_SMALL_TABLE_ROWS || stats.distinct <= CLASSIFY_MAX_DISTINCT_SHARE * labelled;
}
