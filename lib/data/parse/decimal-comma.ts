/**
 * Decimal commas: in files split on semicolons or tabs (as spreadsheets write them where the
 * comma is the decimal mark), "39,1" is the number 39.1. The parser reads such a column as text,
 * since "39,1" is not a plain number; this turns it back into numbers when every value it holds
 * is an integer or a decimal-comma number, at least one with a comma. Anything else ("1.234,5",
 * "3,1 kg", a word) leaves the column as text.
 */
import { MISSING_CODE, type Notice, type RawColumn, type StringColumn } from '../types';

const DECIMAL_COMMA = /^\s*[+-]?\d+(,\d+)?\s*$/;

/** The columns with decimal-comma text columns read as numbers, and the names of those. */
export function readDecimalCommas(columns: readonly RawColumn[]): { columns: RawColumn[]; converted: string[] } {
  const converted: string[] = [];
  const out = columns.map((c) => {
    if (c.kind !== 'string') return c;
    const numbers = decimalCommaValues(c);
    if (!numbers) return c;
    converted.push(c.name);
    const values = new Float64Array(c.codes.length);
    let allInteger = true;
    for (let r = 0; r < values.length; r++) {
      const code = c.codes[r]!;
      const v = code === MISSING_CODE ? Number.NaN : numbers[code]!;
      values[r] = v;
      if (v === v && !Number.isInteger(v)) allInteger = false;
    }
    return { kind: 'number' as const, name: c.name, values, allInteger };
  });
  return { columns: out, converted };
}

/** Each dictionary entry's number, or undefined when the column is not decimal-comma numbers. */
function decimalCommaValues(c: StringColumn): Float64Array | undefined {
  if (c.dictionary.length === 0) return undefined;
  let comma = false;
  const numbers = new Float64Array(c.dictionary.length);
  for (let k = 0; k < c.dictionary.length; k++) {
    const text = c.dictionary[k]!;
    if (!DECIMAL_COMMA.test(text)) return undefined;
    if (text.includes(',')) comma = true;
    numbers[k] = Number(text.trim().replace(',', '.'));
  }
  return comma ? numbers : undefined;
}

/** What the user is told: which columns were read with a decimal comma. */
export function decimalCommaNotice(columns: readonly string[]): Notice {
  const shown = columns.slice(0, 5).map((n) => `"${n}"`).join(', ') + (columns.length > 5 ? ` and ${columns.length - 5} more` : '');
  const one = columns.length === 1;
  return { code: 'decimal-comma', message: `${shown} ${one ? 'uses' : 'use'} a decimal comma (such as 39,1) and ${one ? 'was' : 'were'} read as ${one ? 'a number column' : 'number columns'}.` };
}
