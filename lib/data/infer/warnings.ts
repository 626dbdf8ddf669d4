/**
 * Problems worth telling the user before training: each message says what is wrong and what to
 * do. Label problems come first, then column problems in column order.
 */

import type { ColumnProfile, ColumnSchema, Profile, RawColumn, Table, Warning } from '../types';
import {
  HIGH_CARDINALITY_MIN_DISTINCT,
  HIGH_CARDINALITY_MIN_SHARE,
  LABEL_MAX_MISSING_SHARE,
  MOSTLY_NUMBERS_MIN_DISTINCT,
  MOSTLY_NUMBERS_MIN_SHARE,
  RARE_CLASS_MIN_ROWS,
  RARE_CLASS_NAMES_SHOWN,
} from './flags';
import { isUsableLabel } from './label';
import { isInfinityText, parseNumberText } from './number-text';
import { inferTask } from './task';
import { countCodes, readAs, topValues } from './typed-values';
import { countOf, formatCount, listOf, quote, typePhrase } from './wording';

/**
 * Warnings about the label (when one is chosen) and about columns.
 *
 * @example collectWarnings(table, schema, profile, 'Species').map((w) => w.message)
 */
export function collectWarnings(
  table: Table,
  schema: readonly ColumnSchema[],
  profile: Profile,
  label: string | null,
): Warning[] {
  const profiles = new Map(profile.columns.map((c) => [c.name, c]));
  const warnings: Warning[] = [];
  const labelColumn = label === null ? undefined : schema.find((c) => c.name === label);
  const labelProfile = label === null ? undefined : profiles.get(label);
  if (labelColumn !== undefined && labelProfile !== undefined) {
    warnings.push(...labelWarnings(table, schema, profile, labelColumn, labelProfile));
  }
  for (const column of schema) {
    const stats = profiles.get(column.name);
    if (column.name === label || stats === undefined) continue;
    const raw = table.columns.find((c) => c.name === column.name);
    const warning = mostlyNumbers(column, raw) ?? columnWarning(column, stats, profile.rowCount);
    if (warning !== undefined) warnings.push(warning);
  }
  return warnings;
}

function labelWarnings(
  table: Table,
  schema: readonly ColumnSchema[],
  profile: Profile,
  column: ColumnSchema,
  stats: ColumnProfile,
): Warning[] {
  const { name } = column;
  const out: Warning[] = [];
  if (stats.distinct <= 1) {
    const value = stats.distinct === 0 ? 'no values' : `only one value${onlyValue(stats)}`;
    out.push({
      code: 'label-one-class',
      column: name,
      message: `${name} has ${value}, so there is nothing to learn. Choose another label.`,
    });
  } else if (!isUsableLabel({ ...column, included: true })) {
    out.push({
      code: 'label-unusable-type',
      column: name,
      message: `${name} holds ${typePhrase(column.type)}, which a model cannot predict. Choose a column of numbers or categories, or change the type of ${name}.`,
    });
  }
  if (stats.missingRatio > LABEL_MAX_MISSING_SHARE) {
    const percent = Math.round(stats.missingRatio * 100);
    out.push({
      code: 'label-mostly-missing',
      column: name,
      message: `${name} is missing in ${formatCount(stats.missing)} of ${countOf(profile.rowCount, 'row')} (${percent}%); those rows cannot be used for training. Choose another label or fill in the values.`,
    });
  }
  const rare = rareClasses(table, schema, profile, column);
  if (rare.length > 0) {
    const shown = rare.slice(0, RARE_CLASS_NAMES_SHOWN).map(quote);
    const more = rare.length > shown.length ? ` and ${formatCount(rare.length - shown.length)} more` : '';
    const verb = rare.length === 1 ? 'has' : 'have';
    out.push({
      code: 'label-rare-classes',
      column: name,
      message: `${countOf(rare.length, 'class', 'classes')} of ${name} ${verb} a single row (${listOf(shown)}${more}); a class needs rows for both training and validation. Remove those rows or merge them into another class.`,
    });
  }
  return out;
}

function onlyValue(stats: ColumnProfile): string {
  const value = stats.top?.[0]?.value ?? (stats.min === undefined ? undefined : String(stats.min));
  return value === undefined ? '' : ` (${quote(value)})`;
}

/** Class values with fewer than RARE_CLASS_MIN_ROWS rows, when the label is a classification label. */
function rareClasses(
  table: Table,
  schema: readonly ColumnSchema[],
  profile: Profile,
  column: ColumnSchema,
): string[] {
  const task = inferTask(table, schema, profile, column.name).task;
  if (task !== 'binary' && task !== 'multiclass') return [];
  const raw = table.columns.find((c) => c.name === column.name);
  if (raw === undefined) return [];
  const { top } = topValues(readAs(raw, column.type), Infinity);
  return top.filter((c) => c.count < RARE_CLASS_MIN_ROWS).map((c) => c.value);
}

/**
 * A column read as categories although most of its values are numbers: a number column with some
 * bad values ("n.a.", "12 kg", a typo), which as categories a model can barely use.
 */
function mostlyNumbers(column: ColumnSchema, raw: RawColumn | undefined): Warning | undefined {
  if (column.type !== 'categorical' || !column.included || raw?.kind !== 'string') return undefined;
  const { counts, missing } = countCodes(raw);
  const present = raw.codes.length - missing;
  let numberRows = 0;
  let numberValues = 0;
  let example: string | undefined;
  for (let code = 0; code < counts.length; code++) {
    const rows = counts[code] ?? 0;
    if (rows === 0) continue;
    const text = raw.dictionary[code] ?? '';
    if (!Number.isNaN(parseNumberText(text)) || isInfinityText(text)) {
      numberRows += rows;
      numberValues++;
    } else {
      example ??= text;
    }
  }
  if (example === undefined || numberValues < MOSTLY_NUMBERS_MIN_DISTINCT || numberRows < MOSTLY_NUMBERS_MIN_SHARE * present) return undefined;
  const share = Math.round((100 * numberRows) / present);
  return {
    code: 'mostly-numbers',
    column: column.name,
    message: `${column.name} is mostly numbers (${share}% of its values), but values like ${quote(example)} are not, so it is read as categories. If it holds numbers, fix or blank those values in the file, or set the column's type to float in the data cell (they then count as missing).`,
  };
}

function columnWarning(column: ColumnSchema, stats: ColumnProfile, rowCount: number): Warning | undefined {
  const { name } = column;
  if (column.type === 'id') {
    const message = column.included
      ? `${name} looks like an id (a different value in every row) but is included; ids rarely help and invite overfitting, so consider leaving it out.`
      : `${name} looks like an id (a different value in every row), so it is left out. Include it only if its values mean something.`;
    return { code: 'id-like-column', column: name, message };
  }
  if (column.type === 'constant') {
    const what = stats.distinct === 0 ? 'is empty' : 'has the same value in every row';
    const action = column.included ? 'Leave it out.' : 'It is left out.';
    return {
      code: 'constant-column',
      column: name,
      message: `${name} ${what}, so it cannot help a model. ${action}`,
    };
  }
  const present = rowCount - stats.missing;
  if (
    column.type === 'categorical' &&
    column.included &&
    stats.distinct > HIGH_CARDINALITY_MIN_DISTINCT &&
    stats.distinct > HIGH_CARDINALITY_MIN_SHARE * present
  ) {
    return {
      code: 'high-cardinality',
      column: name,
      message: `${name} has ${formatCount(stats.distinct)} different values in ${countOf(present, 'row')}, too few rows per value to learn from. Leave it out, or set it to text if it is free text.`,
    };
  }
  return undefined;
}
