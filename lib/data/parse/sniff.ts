/**
 * What the first bytes of a file say: not a table at all (binary, UTF-16, empty), JSON, or
 * delimited text, and then which delimiter.
 */
import type { SourceFormat } from '../types';
import { BinaryFileError, EmptyFileError, Utf16Error } from './errors';
import { BINARY_CONTROL_SHARE, BINARY_PROBE_BYTES, SNIFF_ROWS } from './flags';

export interface Inspection {
  readonly kind: 'json' | 'delimited';
  /** Where the text starts: after a UTF-8 byte-order mark when there is one. */
  readonly start: number;
}

const EXCEL =
  'This looks like an Excel or zip file, not CSV. Export it as CSV (File → Save as → CSV) and import that.';
const IMAGE = 'This is an image, not a table. Import a CSV, TSV or JSON file.';

/** Signatures of common binary formats people pick by mistake. */
const MAGIC: readonly { readonly bytes: readonly number[]; readonly message: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], message: EXCEL },
  { bytes: [0x50, 0x4b, 0x05, 0x06], message: EXCEL },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], message: EXCEL }, // legacy .xls
  { bytes: [0x25, 0x50, 0x44, 0x46], message: 'This is a PDF, not a table. Export the table as CSV and import that.' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], message: IMAGE },
  { bytes: [0xff, 0xd8, 0xff], message: IMAGE },
  { bytes: [0x47, 0x49, 0x46, 0x38], message: IMAGE },
  { bytes: [0x1f, 0x8b], message: 'This file is compressed (gzip): unzip it first, then import the CSV inside.' },
  {
    bytes: [0x50, 0x41, 0x52, 0x31],
    message: 'This is a Parquet file; Loopbook imports CSV, TSV and JSON. Convert it to CSV and import that.',
  },
  {
    bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66],
    message: 'This is an SQLite database, not a table file. Export a table as CSV and import that.',
  },
];

const QUOTE = 34;
const LF = 10;
const CR = 13;

function startsWith(b: Uint8Array, bytes: readonly number[]): boolean {
  return b.length >= bytes.length && bytes.every((x, i) => b[i] === x);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

/**
 * Decides what `b` (the first bytes; all of them when `final`) holds, or throws EmptyFileError,
 * Utf16Error or BinaryFileError.
 */
export function inspectStart(b: Uint8Array, final: boolean): Inspection {
  if (b.length === 0 && final) throw new EmptyFileError();
  if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) throw new Utf16Error();
  for (const { bytes, message } of MAGIC) if (startsWith(b, bytes)) throw new BinaryFileError(message);
  const start = startsWith(b, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  checkText(b.subarray(start, start + BINARY_PROBE_BYTES));
  let i = start;
  while (i < b.length && isSpace(b[i]!)) i++;
  if (i === b.length) {
    if (final) throw new EmptyFileError();
    return { kind: 'delimited', start };
  }
  const first = b[i];
  return { kind: first === 0x5b || first === 0x7b ? 'json' : 'delimited', start };
}

/** Throws for UTF-16 without a byte-order mark, NUL bytes, or too many control characters. */
function checkText(probe: Uint8Array): void {
  let evenNul = 0;
  let oddNul = 0;
  let control = 0;
  for (let i = 0; i < probe.length; i++) {
    const c = probe[i]!;
    if (c === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    } else if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  // ASCII text in UTF-16 has a NUL in every other byte and none in between.
  const half = probe.length / 2;
  if (half >= 2 && Math.max(evenNul, oddNul) > 0.3 * half && Math.min(evenNul, oddNul) < 0.05 * half) {
    throw new Utf16Error();
  }
  if (evenNul + oddNul > 0 || control > probe.length * BINARY_CONTROL_SHARE) throw new BinaryFileError();
}

/** Delimiters the sniffer tries, in order of preference when they score the same. */
const CANDIDATES = [0x2c, 0x09, 0x3b, 0x7c];

/**
 * The delimiter whose field counts agree best with the header's, among comma, tab, semicolon and
 * pipe (a header of one field does not count); comma when none splits the header. Null when the
 * sample holds no complete row yet and more bytes will come.
 */
export function sniffDelimiter(b: Uint8Array, start: number, final: boolean): number | null {
  let best = CANDIDATES[0]!;
  let bestScore = -1;
  let bestFields = 0;
  for (const d of CANDIDATES) {
    const counts = fieldCounts(b, start, d, final);
    if (counts.length === 0) return final ? best : null;
    const header = counts[0]!;
    if (header < 2) continue;
    const score = counts.filter((c) => c === header).length / counts.length;
    if (score > bestScore || (score === bestScore && header > bestFields)) {
      best = d;
      bestScore = score;
      bestFields = header;
    }
  }
  return best;
}

/** Fields per non-blank row of the sample, quotes respected; an unfinished last row is left out. */
function fieldCounts(b: Uint8Array, start: number, d: number, final: boolean): number[] {
  const counts: number[] = [];
  const n = b.length;
  let i = start;
  while (i < n && counts.length < SNIFF_ROWS) {
    let fields = 1;
    let fieldStart = true;
    let blank = true;
    let complete = false;
    while (i < n) {
      const c = b[i]!;
      if (fieldStart && c === QUOTE) {
        i++;
        while (i < n && !(b[i] === QUOTE && b[i + 1] !== QUOTE)) i += b[i] === QUOTE ? 2 : 1;
        i++;
        fieldStart = false;
        blank = false;
      } else if (c === d) {
        fields++;
        fieldStart = true;
        blank = false;
        i++;
      } else if (c === LF || c === CR) {
        i++;
        complete = true;
        break;
      } else {
        fieldStart = false;
        if (c !== 32 && c !== 9) blank = false;
        i++;
      }
    }
    if (!complete && (!final || i > n)) break;
    if (!blank) counts.push(fields);
  }
  return counts;
}

/** The source format a delimiter means: a pipe file is reported as 'csv' with delimiter '|'. */
export function delimiterFormat(d: number): SourceFormat {
  return d === 0x09 ? 'tsv' : d === 0x3b ? 'semicolon' : 'csv';
}

/** The delimiter in words, for messages. */
export function delimiterName(d: number): string {
  if (d === 0x2c) return 'commas';
  if (d === 0x09) return 'tabs';
  if (d === 0x3b) return 'semicolons';
  return `"${String.fromCharCode(d)}"`;
}
