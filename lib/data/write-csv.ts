/**
 * A table back to CSV text (RFC 4180): fields with a comma, quote or line break are quoted,
 * quotes doubled; missing values are empty. Written in chunks of rows so that a large table
 * never becomes one giant string.
 */
import type { RawColumn } from './types';

/** A column to write: a parsed one, or computed values (predictions). */
export type CsvColumn = RawColumn | { readonly kind: 'computed'; readonly name: string; readonly values: ArrayLike<number> | readonly string[] };

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A value as text, unquoted: what a table on screen shows, and the CSV field before quoting. */
export function fieldText(column: CsvColumn, row: number): string {
  switch (column.kind) {
    case 'number': {
      const v = column.values[row]!;
      return Number.isNaN(v) ? '' : String(v);
    }
    case 'string': {
      const c = column.codes[row]!;
      return c < 0 ? '' : (column.dictionary[c] ?? '');
    }
    case 'computed': {
      const v = column.values[row];
      if (typeof v === 'string') return v;
      return v === undefined || Number.isNaN(v) ? '' : String(v);
    }
  }
}

function cell(column: CsvColumn, row: number): string {
  const text = fieldText(column, row);
  // Numbers never need quotes; text does when it holds a separator, a quote or edge spaces.
  return column.kind === 'number' || (column.kind === 'computed' && typeof column.values[row] !== 'string') ? text : csvField(text);
}

/** CSV text in chunks of up to `chunkRows` rows; the first chunk starts with the header. */
export function* writeCsvChunks(columns: readonly CsvColumn[], rowCount: number, chunkRows = 10_000): Generator<string> {
  let out = `${columns.map((c) => csvField(c.name)).join(',')}\n`;
  for (let start = 0; start < rowCount; start += chunkRows) {
    const end = Math.min(rowCount, start + chunkRows);
    const lines: string[] = [];
    for (let r = start; r < end; r++) lines.push(columns.map((c) => cell(c, r)).join(','));
    out += `${lines.join('\n')}\n`;
    yield out;
    out = '';
  }
  if (out) yield out;
}

/** The whole CSV as UTF-8 bytes, encoded chunk by chunk (a stored artifact's bytes). */
export function writeCsvBytes(columns: readonly CsvColumn[], rowCount: number): Uint8Array {
  const encoder = new TextEncoder();
  const parts = [...writeCsvChunks(columns, rowCount)].map((chunk) => encoder.encode(chunk));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
