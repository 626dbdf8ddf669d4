/**
 * Schema inference: one ColumnType per column, with a sentence saying why.
 *
 * Text columns are judged from their dictionary weighted by row counts, never row by row, so a
 * million rows with ten categories cost ten string checks. The order of the string rules
 * matters: dates and numbers come before ids, so a unique date or a unique price with a typo
 * is not mistaken for an id.
 */

import type { ColumnSchema, ColumnType, NumberColumn, StringColumn, Table } from '../types';
import { parseDateTime } from './datetime';
import {
  DATETIME_MIN_SHARE,
  ID_MAX_LENGTH,
  ID_MIN_ROWS,
  NUMERIC_MIN_SHARE,
  TEXT_MIN_DISTINCT_SHARE,
  TEXT_MIN_MEAN_LENGTH,
  TEXT_MIN_MULTIWORD_SHARE,
  TEXT_MIN_WORDS,
} from './flags';
import { isInfinityText, parseNumberText } from './number-text';
import { countDistinctNumbers, summarizeNumbers } from './number-stats';
import type { NumberStats } from './number-stats';
import { countCodes } from './typed-values';
import { countOf, listOf, quote } from './wording';

interface Guess {
  readonly type: ColumnType;
  readonly reason: string;
}

/**
 * Infers a type per column. Ids and constants come back with `included: false`.
 *
 * @example inferSchema(table).map((c) => `${c.name}: ${c.type}`)  // ["Species: categorical", …]
 */
export function inferSchema(table: Table): ColumnSchema[] {
  return table.columns.map((column) => {
    const guess = column.kind === 'number' ? inferNumberColumn(column) : inferStringColumn(column);
    return {
      name: column.name,
      type: guess.type,
      inferredType: guess.type,
      included: isIncludedByDefault(guess.type),
      reason: guess.reason,
    };
  });
}

/** Ids and constants carry no signal a model can generalise from. */
export function isIncludedByDefault(type: ColumnType): boolean {
  return type !== 'id' && type !== 'constant';
}

const LEFT_OUT = 'so it is left out: it cannot help a model';

function inferNumberColumn(column: NumberColumn): Guess {
  const { name, values } = column;
  const stats = summarizeNumbers(values);
  if (stats.count === 0) return { type: 'constant', reason: `${name} is empty, ${LEFT_OUT}.` };
  if (stats.min === stats.max) {
    return { type: 'constant', reason: `${name} is ${stats.min} in every row, ${LEFT_OUT}.` };
  }
  if (stats.zeroOne) return { type: 'boolean', reason: `${name} holds only 0 and 1.` };
  if (column.allInteger && isUniquePerRow(values, stats)) {
    return {
      type: 'id',
      reason: `${name} has a different whole number in every row, like a row id, so it is left out.`,
    };
  }
  if (column.allInteger) return { type: 'integer', reason: `${name} holds whole numbers.` };
  return { type: 'float', reason: `${name} holds decimal numbers.` };
}

function isUniquePerRow(values: Float64Array, stats: NumberStats): boolean {
  const rows = values.length;
  if (stats.missing > 0 || rows < ID_MIN_ROWS) return false;
  // Fewer possible whole numbers than rows: some must repeat, no need to count.
  if (stats.max - stats.min + 1 < rows) return false;
  return countDistinctNumbers(values) === rows;
}

const BOOLEAN_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'yes', 'no', 't', 'f', 'y', 'n']);

function inferStringColumn(column: StringColumn): Guess {
  const { name, dictionary } = column;
  const { counts, missing, distinct } = countCodes(column);
  const rows = column.codes.length;
  const present = rows - missing;
  const used = usedEntries(counts);
  if (distinct === 0) return { type: 'constant', reason: `${name} is empty, ${LEFT_OUT}.` };
  if (distinct === 1) {
    const only = quote(dictionary[used[0] ?? 0] ?? '');
    return { type: 'constant', reason: `${name} is ${only} in every row, ${LEFT_OUT}.` };
  }
  if (used.every((code) => BOOLEAN_WORDS.has((dictionary[code] ?? '').trim().toLowerCase()))) {
    const words = listOf(used.slice(0, 4).map((code) => quote(dictionary[code] ?? '')));
    return { type: 'boolean', reason: `${name} holds only yes/no values (${words}).` };
  }

  const dates = scanEntries(column, used, counts, parseDateTime, present * (1 - DATETIME_MIN_SHARE));
  if (dates.ok) {
    const note = dates.failedRows > 0 ? `; ${asMissing(dates.failedRows, 'dates', dates.example)}` : '';
    return { type: 'datetime', reason: `${name} holds dates${note}.` };
  }
  // Infinite numbers ("inf", "-Infinity") are numbers a model cannot use: they do not make a
  // column text, and are read as missing, like the parser's 1e400.
  const infinite = scanEntries(column, used, counts, (text) => (isInfinityText(text) ? Number.NaN : 0), Infinity);
  const numbers = scanEntries(column, used, counts, (text) => (isInfinityText(text) ? 0 : parseNumberText(text)), (present - infinite.failedRows) * (1 - NUMERIC_MIN_SHARE));
  if (numbers.ok && infinite.failedRows < present) {
    const type = numbers.allWhole ? 'integer' : 'float';
    const kind = numbers.allWhole ? 'whole numbers' : 'numbers';
    const notes = [
      ...(infinite.failedRows > 0 ? [`${countOf(infinite.failedRows, 'value')} ${infinite.failedRows === 1 ? 'is' : 'are'} infinite (like ${quote(infinite.example ?? '')}) and will be treated as missing`] : []),
      ...(numbers.failedRows > 0 ? [asMissing(numbers.failedRows, 'numbers', numbers.example)] : []),
    ];
    return { type, reason: `${name} holds ${kind}${notes.map((n) => `; ${n}`).join('')}.` };
  }

  const shape = describeEntries(dictionary, used, counts, present);
  if (missing === 0 && distinct === rows && rows >= ID_MIN_ROWS && shape.allShortTokens) {
    return {
      type: 'id',
      reason: `${name} has a different short code in every row, like a row id, so it is left out.`,
    };
  }
  const manyDistinct = distinct > TEXT_MIN_DISTINCT_SHARE * present;
  if (manyDistinct && shape.meanLength > TEXT_MIN_MEAN_LENGTH) {
    return { type: 'text', reason: `${name} holds long, mostly different values, like free text.` };
  }
  if (manyDistinct && shape.multiWordShare > TEXT_MIN_MULTIWORD_SHARE) {
    return { type: 'text', reason: `${name} holds mostly different phrases of several words (like names or titles), so their words become features, as in free text.` };
  }
  return { type: 'categorical', reason: `${name} holds ${countOf(distinct, 'category', 'categories')}.` };
}

function asMissing(rows: number, what: string, example: string | undefined): string {
  const like = example === undefined ? '' : ` (like ${quote(example)})`;
  return `${countOf(rows, 'value')} that ${rows === 1 ? 'is' : 'are'} not ${what}${like} will be treated as missing`;
}

function usedEntries(counts: Int32Array): number[] {
  const used: number[] = [];
  for (let code = 0; code < counts.length; code++) if ((counts[code] as number) > 0) used.push(code);
  return used;
}

interface Scan {
  /** Failures stayed within the allowance. */
  readonly ok: boolean;
  readonly failedRows: number;
  /** Every parsed value is a whole number. */
  readonly allWhole: boolean;
  /** A value that did not parse, to show the user. */
  readonly example?: string;
}

/** Parses used entries, stopping as soon as the rows that fail exceed `allowedFailures`. */
function scanEntries(
  column: StringColumn,
  used: readonly number[],
  counts: Int32Array,
  parse: (text: string) => number,
  allowedFailures: number,
): Scan {
  let failedRows = 0;
  let allWhole = true;
  let example: string | undefined;
  for (const code of used) {
    const text = column.dictionary[code] ?? '';
    const value = parse(text);
    if (Number.isNaN(value)) {
      failedRows += counts[code] as number;
      example ??= text;
      if (failedRows > allowedFailures) return { ok: false, failedRows, allWhole, example };
    } else if (value !== Math.floor(value)) {
      allWhole = false;
    }
  }
  return { ok: true, failedRows, allWhole, example };
}

interface EntryShape {
  /** Characters per row (rows, not entries, so one long outlier barely counts). */
  readonly meanLength: number;
  /** Share of rows whose value has TEXT_MIN_WORDS words or more. */
  readonly multiWordShare: number;
  /** Every value is at most ID_MAX_LENGTH characters with no whitespace. */
  readonly allShortTokens: boolean;
}

const WHITESPACE = /\s/;
const WORD_GAPS = /\s+/;

function describeEntries(
  dictionary: readonly string[],
  used: readonly number[],
  counts: Int32Array,
  present: number,
): EntryShape {
  let chars = 0;
  let multiWordRows = 0;
  let allShortTokens = true;
  for (const code of used) {
    const text = dictionary[code] ?? '';
    const rows = counts[code] as number;
    chars += text.length * rows;
    const trimmed = text.trim();
    if (WHITESPACE.test(trimmed)) {
      allShortTokens = false;
      if (trimmed.split(WORD_GAPS).length >= TEXT_MIN_WORDS) multiWordRows += rows;
    }
    if (text.length > ID_MAX_LENGTH || trimmed.length < text.length) allShortTokens = false;
  }
  return { meanLength: chars / present, multiWordShare: multiWordRows / present, allShortTokens };
}
