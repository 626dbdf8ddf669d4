/**
 * POST /predict's body in and answer out. The body is read by lib/data's parser, as an import
 * reads a `{columns, data}` JSON file, so a column gets the type it would get there (numbers in
 * strings are numbers, "NA" is missing); the answer holds the input rows as sent, each followed by
 * the prediction columns that `loopbook predict` writes.
 */
import { isParseError, parseBytes } from '../../lib/data/parse';
import type { Table } from '../../lib/data/types';
import type { CsvColumn } from '../../lib/data/write-csv';
import { HttpError } from './http';
import { predictRequestSchema, type Cell, type PredictResponse } from './protocol';

const EXPECTED = 'Send {"columns": ["a", "b"], "data": [[1, "x"], [2, "y"]]}: the column names, then one list of values per row.';

/** The table in the body, and the parser's notices (renamed duplicate columns). */
export function readPredictBody(body: Uint8Array): { table: Table; notices: string[] } {
  if (firstByte(body) !== 0x7b) throw new HttpError(400, `The body must be a JSON object. ${EXPECTED}`);
  let parsed: ReturnType<typeof parseBytes>;
  try {
    parsed = parseBytes(body, { encoding: 'utf-8' });
  } catch (error) {
    if (isParseError(error)) throw new HttpError(400, explainRefusal(body, error.message));
    throw error;
  }
  const ragged = parsed.ragged;
  if (ragged) {
    // The parser skips such rows from a file; an API caller wants every row predicted or none.
    const first = ragged.examples[0]!;
    const more = ragged.count > 1 ? ` (and ${ragged.count - 1} more ${ragged.count === 2 ? 'row' : 'rows'})` : '';
    throw new HttpError(400, `data[${first.row - 1}] has ${first.fields} ${first.fields === 1 ? 'value' : 'values'} but "columns" names ${ragged.expectedFields}${more}. Give every row one value per column (null for a missing one).`);
  }
  return { table: parsed.table, notices: parsed.notices.map((n) => n.message) };
}

/** Says in the API's words why the parser refused the body; its own message (about a "file") otherwise. */
function explainRefusal(body: Uint8Array, parserMessage: string): string {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(body));
  } catch (error) {
    return `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}. ${EXPECTED}`;
  }
  const result = predictRequestSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 1 ? ` (at ${issue.path.map((p, i) => (i === 0 ? String(p) : `[${String(p)}]`)).join('')})` : '';
    return `${issue.message}${where}. ${EXPECTED}`;
  }
  return parserMessage.replaceAll('The JSON file', 'The body').replaceAll('the JSON file', 'the body');
}

function firstByte(body: Uint8Array): number | undefined {
  for (const b of body) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return b;
  return undefined;
}

/**
 * The answer's JSON: the request's columns and rows, each row followed by its predictions. Rows
 * are echoed as the bytes they came in, not parsed and written again: turning a hundred rows of
 * numbers back into text took as long as predicting them.
 */
export function writePredictResponse(body: Uint8Array, table: Table, predictionColumns: readonly CsvColumn[], notices: readonly string[]): Buffer {
  const names = [...table.columns, ...predictionColumns].map((c) => c.name);
  const rows = findDataRows(body);
  if (!rows || rows.length !== 2 * table.rowCount) {
    // Keys spelled with escapes and the like: write every cell from the table instead.
    const all: readonly CsvColumn[] = [...table.columns, ...predictionColumns];
    const response: PredictResponse = { columns: names, data: rowsOf(all, table.rowCount), notices };
    return Buffer.from(JSON.stringify(response));
  }
  const predictions = predictionColumns.map(cellReader);
  const head = `{"columns":${JSON.stringify(names)},"data":[`;
  const end = `],"notices":${JSON.stringify(notices)}}`;
  // Each row up to its closing bracket, then its predictions and a bracket of our own.
  const tails: string[] = [];
  let bytes = Buffer.byteLength(head) + Buffer.byteLength(end);
  for (let r = 0; r < table.rowCount; r++) {
    let tail = '';
    for (const read of predictions) tail += `,${JSON.stringify(read(r))}`;
    tails.push(`${tail}]${r + 1 < table.rowCount ? ',' : ''}`);
    bytes += rows[2 * r + 1]! - rows[2 * r]! + Buffer.byteLength(tails[r]!);
  }
  const out = Buffer.allocUnsafe(bytes);
  let at = out.write(head);
  for (let r = 0; r < table.rowCount; r++) {
    out.set(body.subarray(rows[2 * r]!, rows[2 * r + 1]!), at);
    at += rows[2 * r + 1]! - rows[2 * r]!;
    at += out.write(tails[r]!, at);
  }
  out.write(end, at);
  return out;
}

/**
 * Where each row of the top-level "data" array starts ('[') and ends (']'), as pairs of byte
 * offsets; null when there is no such array. The body is known to be valid JSON (it was parsed).
 */
export function findDataRows(body: Uint8Array): Int32Array | null {
  const n = body.length;
  const find = (byte: number, from: number) => {
    const at = body.indexOf(byte, from);
    return at < 0 ? n : at;
  };
  // Inside a row, the scan jumps from one " [ { ] to the next by indexOf (a native search), not
  // byte by byte: a row of numbers is crossed in one step. These are the next of each found.
  let quote = -1;
  let openArray = -1;
  let openObject = -1;
  let closeArray = -1;
  let spans: number[] | null = null;
  let depth = 0;
  let keyIsData = false;
  let valueIsData = false;
  let inData = false;
  let rowStart = 0;
  for (let i = 0; i < n; i++) {
    const b = body[i]!;
    if (STRUCTURAL[b] === 1) {
      if (b === QUOTE) {
        const start = i + 1;
        for (i++; i < n && body[i] !== QUOTE; i++) if (body[i] === BACKSLASH) i++;
        if (depth === 1) keyIsData = i - start === 4 && body[start] === 0x64 && body[start + 1] === 0x61 && body[start + 2] === 0x74 && body[start + 3] === 0x61;
      } else if (b === COLON) {
        if (depth === 1) valueIsData = keyIsData;
      } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
        depth++;
        if (depth === 2 && b === OPEN_ARRAY && valueIsData) {
          inData = true;
          spans = []; // a repeated key: the last one wins, as in JSON.parse
        } else if (depth === 3 && inData) rowStart = i;
      } else {
        if (depth === 3 && inData) spans?.push(rowStart, i);
        else if (depth === 2) inData = false;
        depth--;
      }
    }
    if (inData && depth === 3) {
      if (quote <= i) quote = find(QUOTE, i + 1);
      if (openArray <= i) openArray = find(OPEN_ARRAY, i + 1);
      if (openObject <= i) openObject = find(OPEN_OBJECT, i + 1);
      if (closeArray <= i) closeArray = find(CLOSE_ARRAY, i + 1);
      i = Math.min(quote, openArray, openObject, closeArray) - 1;
    }
  }
  return spans && Int32Array.from(spans);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
/** 1 for the bytes findDataRows looks at: " : [ ] { } (a backslash only matters inside a string). */
const STRUCTURAL = new Uint8Array(256);
for (const c of '":[]{}') STRUCTURAL[c.charCodeAt(0)] = 1;

function rowsOf(columns: readonly CsvColumn[], rowCount: number): Cell[][] {
  const readers = columns.map(cellReader);
  const data: Cell[][] = new Array<Cell[]>(rowCount);
  for (let r = 0; r < rowCount; r++) data[r] = readers.map((read) => read(r));
  return data;
}

/** Row → JSON value of one column; missing (and NaN) as null. */
function cellReader(column: CsvColumn): (row: number) => Cell {
  switch (column.kind) {
    case 'number':
      return (r) => numberCell(column.values[r]!);
    case 'string':
      return (r) => {
        const code = column.codes[r]!;
        return code < 0 ? null : (column.dictionary[code] ?? null);
      };
    case 'computed': {
      const values = column.values;
      return (r) => {
        const v = values[r];
        return typeof v === 'string' ? v : v === undefined ? null : numberCell(v);
      };
    }
  }
}

function numberCell(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
