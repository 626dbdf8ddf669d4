/**
 * The label column as the learners see it: class indices for classification (classes in a stable
 * order: numerically when every class is a number, else alphabetically), values for regression.
 * Rows whose label is missing cannot be learnt from and are left out (`rows`).
 */
import type { Table, Task } from '../../data/types';
import { TrainingInputError } from '../errors';
import { findColumn, readKeys, readNumbers } from './column-values';
import type { LabelEncoding } from './plan';

export interface EncodedLabel {
  readonly encoding: LabelEncoding;
  /** Per table row: class index or value; NaN where the label is missing. */
  readonly y: Float64Array;
  /** Rows with a label, ascending. */
  readonly rows: Int32Array;
}

export function fitLabel(table: Table, column: string, task: Task): EncodedLabel {
  const raw = findColumn(table, column);
  if (!raw) {
    const names = table.columns.map((c) => c.name);
    throw new TrainingInputError(
      `There is no column "${column}" to predict. The columns are: ${names.slice(0, 12).join(', ')}${names.length > 12 ? '…' : ''}.`,
    );
  }
  if (task === 'regression') {
    const y = readNumbers(raw);
    const present = countPresent(y);
    const filled = raw.kind === 'string' ? raw.codes.filter((c) => c >= 0).length : present;
    if (filled === 0) throw new TrainingInputError(`The label "${column}" has no values. Choose a column with values to predict.`);
    const textual = filled - present;
    if (present === 0 || textual > present * 0.02) {
      throw new TrainingInputError(
        `The label "${column}" is not numeric, so it cannot be a regression target. Choose a numeric label, or train a classifier (task binary or multiclass).`,
      );
    }
    return { encoding: { task, column }, y, rows: presentRows(y) };
  }
  const { keys, codes } = readKeys(raw);
  const used = new Set<number>();
  for (const c of codes) if (c >= 0) used.add(c);
  const classes = sortClasses([...used].map((c) => keys[c]!));
  if (classes.length < 2) {
    throw new TrainingInputError(
      classes.length === 0
        ? `The label "${column}" has no values. Choose a column with values to predict.`
        : `The label "${column}" has only one class ("${classes[0]}"): there is nothing to tell apart. Choose another label, or add rows of other classes.`,
    );
  }
  if (task === 'binary' && classes.length > 2) {
    throw new TrainingInputError(`The label "${column}" has ${classes.length} classes, so the task is multiclass, not binary.`);
  }
  if (task === 'multiclass' && classes.length === 2) {
    throw new TrainingInputError(`The label "${column}" has two classes, so the task is binary, not multiclass.`);
  }
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const byCode = keys.map((k) => classIndex.get(k) ?? Number.NaN);
  const y = Float64Array.from(codes, (c) => (c < 0 ? Number.NaN : byCode[c]!));
  const encoding: LabelEncoding = task === 'binary' ? { task, column, classes } : { task: 'multiclass', column, classes };
  return { encoding, y, rows: presentRows(y) };
}

/** The label of labelled rows under an encoding fitted before (evaluation data): unseen classes are an error. */
export function encodeLabel(table: Table, encoding: LabelEncoding): EncodedLabel {
  const raw = findColumn(table, encoding.column);
  if (!raw) throw new TrainingInputError(`The data has no column "${encoding.column}", the label the model predicts, so it cannot be evaluated. Add that column with the true values, or use predict for rows without them.`);
  if (encoding.task === 'regression') {
    const y = readNumbers(raw);
    return { encoding, y, rows: presentRows(y) };
  }
  const classIndex = new Map(encoding.classes.map((c, i) => [c, i]));
  const { keys, codes } = readKeys(raw);
  const unseen = keys.filter((k, code) => !classIndex.has(k) && codes.includes(code));
  if (unseen.length > 0) {
    throw new TrainingInputError(
      `The label "${encoding.column}" has classes the model never saw: ${unseen.slice(0, 5).map((c) => `"${c}"`).join(', ')}. It knows ${encoding.classes.map((c) => `"${c}"`).join(', ')}. Leave out the rows of other classes, or train a model on data that has them.`,
    );
  }
  const byCode = keys.map((k) => classIndex.get(k) ?? Number.NaN);
  const y = Float64Array.from(codes, (c) => (c < 0 ? Number.NaN : byCode[c]!));
  return { encoding, y, rows: presentRows(y) };
}

function sortClasses(classes: string[]): string[] {
  const numeric = classes.every((c) => c.trim() !== '' && Number.isFinite(Number(c)));
  return numeric ? classes.sort((a, b) => Number(a) - Number(b)) : classes.sort();
}

function countPresent(values: Float64Array): number {
  let n = 0;
  for (const v of values) if (!Number.isNaN(v)) n++;
  return n;
}

function presentRows(values: Float64Array): Int32Array {
  const rows = new Int32Array(countPresent(values));
  let k = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) rows[k++] = i;
  return rows;
}

/**
 * Refuses a label no model can learn from, though it encodes: a regression target with one value
 * in every row, or classes that almost all appear once (an id). Training only: evaluating on such
 * rows is still meaningful.
 */
export function checkLearnable(label: EncodedLabel): void {
  const { encoding, y, rows } = label;
  if (encoding.task === 'regression') {
    const first = rows.length > 0 ? y[rows[0]!] : undefined;
    if (first !== undefined && rows.every((r) => y[r] === first)) {
      throw new TrainingInputError(`The label "${encoding.column}" is ${first} in every row: there is nothing to predict. Choose another label, or add rows with other values.`);
    }
    return;
  }
  const counts = new Float64Array(encoding.classes.length);
  for (const r of rows) counts[y[r]!]! += 1;
  if (counts.filter((n) => n >= 2).length < 2) {
    throw new TrainingInputError(
      `Almost every value of the label "${encoding.column}" appears in one row only (${encoding.classes.length} classes): a classifier cannot learn classes it sees once. Choose another label, or add rows so that classes repeat.`,
    );
  }
}
