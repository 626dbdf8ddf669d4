/**
 * Test helpers: a parsed table as plain values, the way a user would read it in a grid.
 */
import type { ParseResult, RawColumn, Table } from '../../types';
import { MISSING_CODE } from '../../types';
import { createParser } from '../parser';

export type Cell = number | string | null;

/** A column's values: numbers, strings, and null for missing. */
export function cells(column: RawColumn): Cell[] {
  if (column.kind === 'number') return Array.from(column.values, (v) => (Number.isNaN(v) ? null : v));
  return Array.from(column.codes, (code) => (code === MISSING_CODE ? null : (column.dictionary[code] ?? '<bad code>')));
}

/** The table as { name: values } in column order. */
export function tableCells(table: Table): Record<string, Cell[]> {
  return Object.fromEntries(table.columns.map((c) => [c.name, cells(c)]));
}

export function columnNamed(result: ParseResult, name: string): RawColumn {
  const column = result.table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`no column ${name}`);
  return column;
}

/** Parses `bytes` fed in the given chunk sizes (cycled), with a small sniff window. */
export function parseInChunks(bytes: Uint8Array, sizes: readonly number[], sniffBytes = 8): ParseResult {
  const parser = createParser({ totalBytes: bytes.length, sniffBytes });
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]!);
    // A copy, so that a parser holding on to the caller's memory would show.
    parser.push(bytes.slice(at, at + size));
    at += size;
  }
  return parser.finish();
}

/** What a user would compare between two parses of the same file. */
export function summary(result: ParseResult): unknown {
  return {
    format: result.format,
    delimiter: result.delimiter,
    encoding: result.encoding,
    notices: result.notices.map((n) => n.code),
    ragged: result.ragged,
    rowCount: result.table.rowCount,
    kinds: result.table.columns.map((c) => (c.kind === 'number' ? `number${c.allInteger ? ':int' : ''}` : 'string')),
    cells: tableCells(result.table),
  };
}
