/**
 * Tables in and out of a code cell. In: a parsed dataset, column by column (numbers in a
 * Float64Array that moves to the sandbox without a copy, text as strings); the sandbox turns it
 * into `{ columns, rows }` for the user's functions. Out: whatever `predict` returned, checked
 * (it comes from untrusted code) and written as the predictions CSV.
 */
import { z } from 'zod';
import type { Table } from '../data/types';
import { writeCsvBytes, type CsvColumn } from '../data/write-csv';
import { MAX_PREDICTION_COLUMNS } from './limits';

/** One column on its way into the sandbox: numbers (NaN for missing) or text (null for missing). */
export type CodeColumn =
  | { readonly name: string; readonly kind: 'number'; readonly values: Float64Array }
  | { readonly name: string; readonly kind: 'string'; readonly values: readonly (string | null)[] };

export interface CodeTable {
  readonly rowCount: number;
  readonly columns: readonly CodeColumn[];
}

/** A parsed table as the sandbox receives it. The numbers are copied, so the transfer leaves `table` intact. */
export function toCodeTable(table: Table): CodeTable {
  return {
    rowCount: table.rowCount,
    columns: table.columns.map((c): CodeColumn =>
      c.kind === 'number'
        ? { name: c.name, kind: 'number', values: Float64Array.from(c.values) }
        : { name: c.name, kind: 'string', values: Array.from(c.codes, (code) => (code < 0 ? null : (c.dictionary[code] ?? null))) },
    ),
  };
}

/** A value `predict` may put in a cell: a finite number, text, a boolean, or null for missing. */
const cellValue = z.union([z.number().finite(), z.string().max(100_000), z.boolean(), z.null()]);
type CellValue = z.infer<typeof cellValue>;

/** The rows `predict` returned, column by column, with one value per row of the rows predicted. */
export interface PredictedColumns {
  readonly columns: readonly { readonly name: string; readonly values: readonly CellValue[] }[];
}

/** `predict` returned something that is not one row per row predicted. */
export class CodeResultError extends Error {
  override name = 'CodeResultError';
}

const SHAPES_HELP =
  'Return one value per row (an array of numbers or strings), one object per row ({ prediction: … }), or { columns, rows } with one row per row to predict.';

/**
 * Reads `predict`'s return value (structured-cloned out of the sandbox): an array of values, an
 * array of row objects, `{ columns, rows }` with rows as objects or arrays, or `{ columns, data }`
 * (the DataFrame shape of `loopbook serve`). Throws CodeResultError naming what is wrong.
 */
export function readPredicted(value: unknown, rowCount: number): PredictedColumns {
  if (value === undefined || value === null) throw new CodeResultError(`predict returned nothing. ${SHAPES_HELP}`);
  if (Array.isArray(value)) return fromRows(value, undefined, rowCount);
  if (typeof value === 'object') {
    const { columns, rows, data } = value as { columns?: unknown; rows?: unknown; data?: unknown };
    const body = rows ?? data;
    if (!Array.isArray(body)) throw new CodeResultError(`predict returned an object without rows. ${SHAPES_HELP}`);
    const names = z.array(z.string().min(1).max(200)).max(MAX_PREDICTION_COLUMNS).safeParse(columns);
    if (columns !== undefined && !names.success) throw new CodeResultError(`predict's columns must be a list of up to ${MAX_PREDICTION_COLUMNS} names.`);
    return fromRows(body, names.success ? names.data : undefined, rowCount);
  }
  throw new CodeResultError(`predict returned a ${typeof value}. ${SHAPES_HELP}`);
}

function fromRows(rows: readonly unknown[], names: readonly string[] | undefined, rowCount: number): PredictedColumns {
  if (rows.length !== rowCount) {
    throw new CodeResultError(`predict returned ${rows.length.toLocaleString('en')} rows for ${rowCount.toLocaleString('en')} rows to predict. ${SHAPES_HELP}`);
  }
  const first = rows[0];
  // One bare value per row: the prediction column.
  if (rowCount > 0 && (first === null || typeof first !== 'object')) {
    return { columns: [{ name: 'prediction', values: rows.map((v, i) => checked(v, i, 'prediction')) }] };
  }
  const columnNames = names ?? unionOfKeys(rows);
  if (columnNames.length === 0 && rowCount > 0) throw new CodeResultError(`predict returned rows without any column. ${SHAPES_HELP}`);
  const columns = columnNames.map((name, c) => ({
    name,
    values: rows.map((row, i) => {
      if (Array.isArray(row)) return checked(row[c], i, name);
      if (row === null || typeof row !== 'object') throw new CodeResultError(`Row ${i + 1} of predict's result is not an object or array. ${SHAPES_HELP}`);
      return checked((row as Record<string, unknown>)[name], i, name);
    }),
  }));
  return { columns };
}

function unionOfKeys(rows: readonly unknown[]): string[] {
  const names = new Set<string>();
  for (const row of rows.slice(0, 1_000)) {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) continue;
    for (const key of Object.keys(row)) {
      names.add(key);
      if (names.size > MAX_PREDICTION_COLUMNS) throw new CodeResultError(`predict returned more than ${MAX_PREDICTION_COLUMNS} columns.`);
    }
  }
  return [...names];
}

function checked(value: unknown, row: number, column: string): CellValue {
  if (value === undefined) return null;
  const parsed = cellValue.safeParse(value);
  if (!parsed.success) {
    const what = typeof value === 'number' ? String(value) : typeof value;
    throw new CodeResultError(`predict's ${column} in row ${row + 1} is ${what}: a cell must be a finite number, text, true/false or null.`);
  }
  return parsed.data;
}

/**
 * The predictions CSV: the rows predicted, then the columns `predict` returned (a returned column
 * with the name of an input column replaces it), as the predict cell writes its own.
 */
export function predictionsCsv(future: Table, predicted: PredictedColumns): Uint8Array {
  const returned = new Set(predicted.columns.map((c) => c.name));
  const columns: CsvColumn[] = [
    ...future.columns.filter((c) => !returned.has(c.name)),
    ...predicted.columns.map((c): CsvColumn => ({ kind: 'computed', name: c.name, values: c.values.map((v) => (v === null ? '' : String(v))) })),
  ];
  return writeCsvBytes(columns, future.rowCount);
}
