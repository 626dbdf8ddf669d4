/**
 * Profiles a table under a schema: missing values, distinct counts (estimated, and marked so,
 * for number columns with more than DISTINCT_EXACT_MAX values), and either numeric
 * summaries with a histogram or the most frequent values, depending on each column's chosen type.
 */

import type { ColumnProfile, ColumnSchema, ColumnType, Profile, RawColumn, Table } from '../types';
import { TOP_VALUES } from './flags';
import { distinctNumbers, histogramNumbers, summarizeNumbers } from './number-stats';
import { countCodes, isNumericType, readAs, topValues } from './typed-values';

/**
 * Profiles every column of `table`. `schema` comes from `inferSchema` or `withOverrides`;
 * each column's profile follows the schema's `type`, so overrides show up here.
 * Standard deviations are population values (divide by n).
 */
export function profileTable(table: Table, schema: readonly ColumnSchema[]): Profile {
  const byName = new Map(schema.map((s) => [s.name, s]));
  const columns = table.columns.map((column) => {
    const entry = byName.get(column.name);
    if (entry === undefined) throw new Error(`The schema has no column named ${column.name}.`);
    return profileColumn(column, entry.type);
  });
  return { rowCount: table.rowCount, columnCount: table.columns.length, columns };
}

function profileColumn(column: RawColumn, type: ColumnType): ColumnProfile {
  const typed = readAs(column, type);
  const rows = column.kind === 'number' ? column.values.length : column.codes.length;
  const base = { name: column.name, type };
  if (typed.kind === 'numbers') {
    const stats = summarizeNumbers(typed.values);
    const missing = { missing: stats.missing, missingRatio: ratio(stats.missing, rows) };
    if (isNumericType(type)) {
      const { distinct, approximate } = distinctNumbers(typed.values);
      if (stats.count === 0) return { ...base, ...missing, distinct, histogram: [] };
      return {
        ...base,
        ...missing,
        distinct,
        ...(approximate ? { distinctApproximate: true } : {}),
        min: stats.min,
        max: stats.max,
        mean: stats.mean,
        std: stats.std,
        histogram: histogramNumbers(typed.values, type === 'integer'),
      };
    }
    const { top, distinct } = topValues(typed, TOP_VALUES);
    return { ...base, ...missing, distinct, top };
  }
  const { missing } = countCodes(typed.column);
  const { top, distinct } = topValues(typed, TOP_VALUES);
  return { ...base, missing, missingRatio: ratio(missing, rows), distinct, top };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
