/**
 * Builds a Table from text rows the way the parser does, so inference tests need no parser:
 * a column is numeric when every non-missing cell is a number, otherwise dictionary-encoded text.
 */

import type { RawColumn, Table } from '../../types';
import { MISSING_CODE } from '../../types';
import { parseNumberText } from '../number-text';

/** Cells the parser reads as missing, compared case-insensitively after trimming. */
const MISSING_MARKERS: ReadonlySet<string> = new Set([
  '',
  'na',
  'n/a',
  'null',
  'nan',
  '?',
  '-',
  'none',
  'nil',
  '#n/a',
]);

export function isMissingCell(cell: string): boolean {
  return MISSING_MARKERS.has(cell.trim().toLowerCase());
}

/** `rows` holds data rows only; a short row's absent cells are missing. */
export function tableFromRows(header: readonly string[], rows: readonly (readonly string[])[]): Table {
  const columns = header.map((name, c) => columnFromCells(name, rows.map((row) => row[c] ?? '')));
  return { rowCount: rows.length, columns };
}

/** One column from its cells. */
export function columnFromCells(name: string, cells: readonly string[]): RawColumn {
  const numbers = new Float64Array(cells.length);
  let numeric = true;
  let allInteger = true;
  cells.forEach((cell, i) => {
    const value = isMissingCell(cell) ? Number.NaN : parseNumberText(cell);
    if (!isMissingCell(cell) && Number.isNaN(value)) numeric = false;
    if (!Number.isNaN(value) && !Number.isInteger(value)) allInteger = false;
    numbers[i] = value;
  });
  if (numeric) return { kind: 'number', name, values: numbers, allInteger };
  const dictionary: string[] = [];
  const codeOf = new Map<string, number>();
  const codes = Int32Array.from(cells, (cell) => {
    if (isMissingCell(cell)) return MISSING_CODE;
    let code = codeOf.get(cell);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(cell);
      codeOf.set(cell, code);
    }
    return code;
  });
  return { kind: 'string', name, codes, dictionary };
}

/** A Table from CSV text without quoted fields (the sample files need none). */
export function tableFromCsv(text: string): Table {
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const [head, ...body] = lines;
  if (head === undefined) return { rowCount: 0, columns: [] };
  return tableFromRows(head.split(','), body.map((line) => line.split(',')));
}

/** A Table with one column per entry, cells given as text. */
export function tableFromColumns(columns: Readonly<Record<string, readonly string[]>>): Table {
  const entries = Object.entries(columns);
  const rowCount = entries[0]?.[1].length ?? 0;
  return { rowCount, columns: entries.map(([name, cells]) => columnFromCells(name, cells)) };
}
