/**
 * JSON tables: an array of row objects ('json-records') or pandas' "split" orient
 * ({columns, data}, 'json-columns'). The file is buffered whole and parsed with JSON.parse; the
 * values then go through the same number and missing-marker rules as delimited text.
 */
import type { Notice, ParseResult, RaggedRows, SourceFormat, TextEncoding } from '../types';
import { MISSING_CODE } from '../types';
import { ColumnBuilder } from './column-builder';
import { LATIN1_NOTICE, decodeBytes } from './decode';
import { StringDictionary } from './dictionary';
import { EmptyFileError, HeaderOnlyError, JsonShapeError, JsonSyntaxError, RaggedRowsError, TooLargeError } from './errors';
import { JSON_MAX_BYTES } from './flags';
import { nameColumns } from './headers';
import { isMissingText, parseNumberText } from './number';
import { RaggedRowsTracker, raggedNotice } from './ragged';

const ACCEPTED =
  'Loopbook reads an array of row objects, like [{"a": 1, "b": "x"}, …], ' +
  'or {"columns": ["a", "b"], "data": [[1, "x"], …]} (pandas orient="split").';

function tooLargeError(bytes: number): TooLargeError {
  const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
  return new TooLargeError(
    `This JSON file is ${mb(bytes)}; Loopbook reads JSON files up to ${mb(JSON_MAX_BYTES)}. ` +
      'Save the table as CSV, which has no such limit, and import that.',
  );
}

/** Gathers the bytes of a JSON file, then parses them at finish. */
export class JsonCollector {
  private buffer: Uint8Array;
  private length = 0;

  constructor(
    totalBytes: number,
    private readonly encoding: TextEncoding | undefined,
  ) {
    if (totalBytes > JSON_MAX_BYTES) throw tooLargeError(totalBytes);
    this.buffer = new Uint8Array(totalBytes);
  }

  push(chunk: Uint8Array): void {
    const needed = this.length + chunk.length;
    if (needed > JSON_MAX_BYTES) throw tooLargeError(needed);
    if (needed > this.buffer.length) {
      const buffer = new Uint8Array(Math.min(JSON_MAX_BYTES, Math.max(needed, this.buffer.length * 2)));
      buffer.set(this.buffer.subarray(0, this.length));
      this.buffer = buffer;
    }
    this.buffer.set(chunk, this.length);
    this.length = needed;
  }

  finish(): Omit<ParseResult, 'bytes'> {
    const bytes = this.buffer.subarray(0, this.length);
    let encoding: TextEncoding = this.encoding ?? 'utf-8';
    let text: string;
    const notices: Notice[] = [];
    if (this.encoding !== undefined) text = decodeBytes(bytes, this.encoding);
    else {
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        encoding = 'latin-1';
        text = decodeBytes(bytes, encoding);
        notices.push({ code: 'latin-1', message: LATIN1_NOTICE });
      }
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw syntaxError(e, text);
    }
    return { ...tableFromJson(value, notices), encoding };
  }
}

interface JsonTable {
  readonly table: ParseResult['table'];
  readonly format: SourceFormat;
  readonly notices: Notice[];
  readonly ragged?: RaggedRows;
}

function tableFromJson(value: unknown, notices: Notice[]): JsonTable {
  if (isArray(value)) {
    if (value.length === 0) throw new EmptyFileError('The JSON file holds an empty array: there are no rows to import.');
    if (value.every(isRecord)) return fromRecords(value, notices);
  } else if (isRecord(value) && 'columns' in value && 'data' in value) {
    return fromSplit(value.columns, value.data, notices);
  }
  throw new JsonShapeError(`The JSON file holds ${describe(value)}. ${ACCEPTED}${nestedHint(value)}`);
}

function fromRecords(records: readonly Record<string, unknown>[], notices: Notice[]): JsonTable {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  if (keys.length === 0) throw new JsonShapeError(`The JSON file holds an array of empty objects: it has no columns. ${ACCEPTED}`);
  const rows = records.length;
  const builders = keys.map(() => new ColumnBuilder(rows, new StringDictionary()));
  keys.forEach((key, j) => {
    const column = builders[j]!;
    for (let r = 0; r < rows; r++) {
      const record = records[r]!;
      addValue(column, r, Object.hasOwn(record, key) ? record[key] : undefined);
    }
  });
  return finishTable(keys, builders, rows, 'json-records', notices);
}

function fromSplit(columns: unknown, data: unknown, notices: Notice[]): JsonTable {
  if (!isArray(columns) || !columns.every((c) => typeof c === 'string' || typeof c === 'number')) {
    throw new JsonShapeError(`The JSON file has "columns" and "data", but "columns" is not a list of names. ${ACCEPTED}`);
  }
  if (!isArray(data) || !data.every(isArray)) {
    throw new JsonShapeError(`The JSON file has "columns" and "data", but "data" is not a list of rows (arrays). ${ACCEPTED}`);
  }
  const names = columns.map(String);
  if (data.length === 0) throw new HeaderOnlyError('The JSON file has "columns" but no rows in "data".');
  const builders = names.map(() => new ColumnBuilder(data.length, new StringDictionary()));
  const ragged = new RaggedRowsTracker(names.length);
  let rows = 0;
  data.forEach((row, i) => {
    if (row.length !== names.length) {
      ragged.add(i + 1, row.length);
      return;
    }
    builders.forEach((column, j) => addValue(column, rows, row[j]));
    rows++;
  });
  if (rows === 0) {
    throw new RaggedRowsError(`No row of "data" has the ${names.length} values that "columns" names. Check how the file was written.`);
  }
  const result = finishTable(names, builders, rows, 'json-columns', notices);
  const report = ragged.result();
  if (report === undefined) return result;
  return { ...result, notices: [...result.notices, raggedNotice(report, '"columns"')], ragged: report };
}

function finishTable(
  keys: readonly string[],
  builders: readonly ColumnBuilder<StringDictionary>[],
  rows: number,
  format: SourceFormat,
  notices: Notice[],
): JsonTable {
  const { names, notice } = nameColumns(keys);
  if (notice) notices.push(notice);
  const columns = builders.map((column, j) => column.finish(names[j]!, rows, column.dict.strings));
  return { table: { rowCount: rows, columns }, format, notices };
}

/** JSON numbers stay numbers; strings go through the text rules; true/false become text; nested values become JSON text. */
function addValue(column: ColumnBuilder<StringDictionary>, row: number, v: unknown): void {
  if (v === null || v === undefined || (typeof v === 'string' && isMissingText(v))) {
    if (column.isNumber) column.values[row] = NaN;
    else column.codes[row] = MISSING_CODE;
    return;
  }
  if (column.isNumber) {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumberText(v) : NaN;
    if (n === n) {
      column.values[row] = n;
      if (n - Math.floor(n) !== 0) column.allInteger = false;
      return;
    }
    column.toText(row);
  }
  const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  column.codes[row] = column.dict.codeOf(text);
}

/** Array.isArray narrowed to unknown items rather than `any`. */
function isArray(v: unknown): v is readonly unknown[] {
  return Array.isArray(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !isArray(v);
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (isArray(v)) return 'array';
  return typeof v;
}

const PLURALS: Record<string, string> = {
  null: 'nulls',
  array: 'arrays',
  object: 'objects',
  number: 'numbers',
  string: 'strings',
  boolean: 'true/false values',
};

/** "an array of numbers", "an object with keys a, b", … for the shape error. */
function describe(value: unknown): string {
  if (isArray(value)) {
    if (value.length === 0) return 'an empty array';
    const kinds = [...new Set(value.map(kindOf))].map((k) => PLURALS[k] ?? k);
    return kinds.length === 1 ? `an array of ${kinds[0]}` : `an array mixing ${kinds.join(' and ')}`;
  }
  if (isRecord(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return 'an empty object';
    const shown = keys.slice(0, 6).join(', ') + (keys.length > 6 ? `, and ${keys.length - 6} more` : '');
    return `an object with ${keys.length === 1 ? 'key' : 'keys'} ${shown}`;
  }
  return kindOf(value) === 'null' ? 'null' : `a ${kindOf(value)}`;
}

/** Points at a key that holds the rows, as in {"rows": [{…}, …]}. */
function nestedHint(value: unknown): string {
  if (!isRecord(value)) return '';
  const key = Object.keys(value).find((k) => {
    const inner = value[k];
    return isArray(inner) && inner.length > 0 && inner.every(isRecord);
  });
  return key === undefined ? '' : ` Its "${key}" key holds an array of objects: save that array alone and import it.`;
}

function syntaxError(e: unknown, text: string): JsonSyntaxError {
  const raw = e instanceof Error ? e.message : String(e);
  const match = /at position (\d+)/.exec(raw);
  const detail = raw.replace(/\s*in JSON at position \d+.*$/s, '').slice(0, 120);
  if (match === null) return new JsonSyntaxError(`The file is not valid JSON (${detail}). Fix it or export the file again.`);
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return new JsonSyntaxError(
    `The file is not valid JSON: ${detail} at line ${line}, column ${column} (character ${position + 1}). Fix it there or export the file again.`,
  );
}
