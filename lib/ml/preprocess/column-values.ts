/**
 * A table's column read as numbers or as text keys, whatever the parser made of it: training
 * data and the rows given at predict time may hold the same column differently (a category of
 * numbers, a number column read as text because one value is "n/a").
 */
import { parseDateTime, parseNumberText } from '../../data/infer';
import { MISSING_CODE, type RawColumn, type Table } from '../../data/types';

export function findColumn(table: Table, name: string): RawColumn | undefined {
  return table.columns.find((c) => c.name === name);
}

/** Finite numbers; NaN where missing, unparsable or infinite. */
export function readNumbers(column: RawColumn): Float64Array {
  if (column.kind === 'number') {
    const out = new Float64Array(column.values.length);
    for (let i = 0; i < out.length; i++) {
      const v = column.values[i]!;
      out[i] = Number.isFinite(v) ? v : Number.NaN;
    }
    return out;
  }
  return mapCodes(column.codes, column.dictionary.map(parseNumberText));
}

/** Epoch milliseconds; NaN where missing or not a date. Number columns are taken as epoch ms. */
export function readDates(column: RawColumn): Float64Array {
  if (column.kind === 'number') return readNumbers(column);
  return mapCodes(column.codes, column.dictionary.map(parseDateTime));
}

/**
 * Each row's value as a key: an index into the returned `keys`, or -1 when missing. Numbers are
 * keyed as `String(value)`, the way they print in a CSV, so "1" and 1 are the same category.
 */
export function readKeys(column: RawColumn): { readonly keys: readonly string[]; readonly codes: Int32Array } {
  if (column.kind === 'string') return { keys: column.dictionary, codes: column.codes };
  const index = new Map<number, number>();
  const keys: string[] = [];
  const codes = new Int32Array(column.values.length);
  for (let i = 0; i < codes.length; i++) {
    const v = column.values[i]!;
    if (Number.isNaN(v)) {
      codes[i] = MISSING_CODE;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = keys.length;
      index.set(v, code);
      keys.push(String(v));
    }
    codes[i] = code;
  }
  return { keys, codes };
}

/** Text per row (missing as ''), for text features. */
export function readTexts(column: RawColumn): readonly string[] {
  if (column.kind === 'number') return Array.from(column.values, (v) => (Number.isNaN(v) ? '' : String(v)));
  return Array.from(column.codes, (c) => (c < 0 ? '' : (column.dictionary[c] ?? '')));
}

function mapCodes(codes: Int32Array, parsed: readonly number[]): Float64Array {
  const out = new Float64Array(codes.length);
  for (let i = 0; i < out.length; i++) {
    const c = codes[i]!;
    out[i] = c < 0 ? Number.NaN : parsed[c]!;
  }
  return out;
}
