/**
 * The fast path of the delimited parser: whole rows of simple fields, read in one pass.
 *
 * Most rows of most files have the header's number of fields, none of them quoted with doubled
 * quotes: for them the general state machine in delimited.ts (field bounds and flags recorded,
 * then committed field by field) is mostly bookkeeping. Here a plain number in a numeric column
 * goes straight into its column and an empty one is NaN; a text field is hashed while it is
 * scanned. Text and the rare other fields (quoted, "NA", "1e5", a column's first text) are kept
 * as bounds, to be committed once the row is known to be complete: a ragged row must not add
 * dictionary entries or turn a column into text. Values already written for a row that turns
 * out ragged are simply overwritten by the next row, as the row count does not move. Text is
 * committed in batches (see TextBatch); the rest with its row.
 *
 * Any row this path does not handle (ragged, blank, `""` inside quotes, cut by the end of the
 * bytes, a whole-number column's first fraction) is handed back, at its first byte, to the
 * general path, which reads it exactly as before.
 *
 * scanPlainRows is a standalone function, small next to the general scan, so that it is
 * optimized within the first chunk (a one-shot parse in a worker has no time to warm up a large
 * function); PlainRows calls it block by block. It reads up to `end`, just past a line break, so
 * every unquoted field ends before `end` and its byte loops need no bounds test of their own.
 */
import { HASH_SEED, hashBytes, hashFinish, hashWord } from './dictionary';
import { PLAIN_BLOCK_BYTES, PLAIN_MISSES, PLAIN_PAUSE_ROWS } from './flags';
import { MAX_EXACT_POW, POW10, TWO_53, isMissingBytes } from './number';

/** `kinds` values: a text column; a numeric one with only whole numbers so far; one with a fraction. */
export const TEXT = 0;
export const WHOLE = 1;
export const FRACTIONAL = 2;

/**
 * Text fields of complete rows, in order, committed together (commitTexts) when full and when
 * the fast path returns: a short loop of its own, which spares the scan a call per field.
 */
export class TextBatch {
  /** Fields in the batch. */
  count = 0;
  readonly rows: Int32Array;
  readonly columns: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly hashes: Int32Array;

  /** Room for at least one row of `width` fields (none for 0, a placeholder). */
  constructor(width: number) {
    const capacity = width === 0 ? 0 : Math.max(4096, 2 * width);
    this.rows = new Int32Array(capacity);
    this.columns = new Int32Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
  }
}

/** What the fast path reads and moves forward: the columns (TableColumns). */
export interface PlainRowsTarget {
  /** Data rows committed, and the rows there is room for. */
  rows: number;
  readonly capacity: number;
  /** Per column: TEXT, WHOLE or FRACTIONAL; changed in place by the commits. */
  readonly kinds: Uint8Array;
  /** Per column: its `values` while numeric, replaced in place when the columns grow. */
  readonly numbers: Float64Array[];
  /** Scratch for the other fields of a row left to commit, one slot per column. */
  readonly pendingColumns: Int32Array;
  readonly pendingStarts: Int32Array;
  readonly pendingEnds: Int32Array;
  readonly texts: TextBatch;
  /** Commits field j of `row` from the unescaped bytes b[s, e): a number, missing, or the column turns to text. */
  commitField(j: number, b: Uint8Array, s: number, e: number, row: number): void;
  /** Commits the fields of `texts`, whose bytes are in b, and empties it. */
  commitTexts(b: Uint8Array): void;
  /** Room for `needed` rows, `bytesRead` bytes into the file. */
  makeRoom(needed: number, bytesRead: number): void;
}

/**
 * The fast path over a buffer: in blocks, with room made in the columns first, and paused where
 * rows keep being handed back.
 */
export class PlainRows {
  /** Rows handed back in a row with none read between, and rows left to the general path alone. */
  private misses = 0;
  private pause = 0;

  constructor(
    private readonly t: PlainRowsTarget,
    private readonly delimiter: number,
  ) {}

  /** False for the rows the general path reads alone (see PLAIN_MISSES). */
  ready(): boolean {
    if (this.pause === 0) return true;
    this.pause--;
    return false;
  }

  /**
   * Reads and commits rows from b[i] on, up to `end` (just past a line break), b starting
   * `bytesBefore` bytes into the file. Returns where it stopped: `end`, or a row handed back.
   */
  read(b: Uint8Array, i: number, end: number, bytesBefore: number): number {
    const LF = 10;
    const CR = 13;
    const t = this.t;
    while (i < end) {
      // In blocks, so that it returns early and often: optimized code has no type feedback for a
      // path that has never run (such as the function's exit) and is thrown away when it first takes one.
      let stop = i + PLAIN_BLOCK_BYTES;
      if (stop >= end) stop = end;
      else {
        while (b[stop - 1] !== LF && b[stop - 1] !== CR) stop++;
        if (stop < end && b[stop - 1] === CR && b[stop] === LF) stop++; // not between the CR and LF of a CRLF
      }
      // Room for every row the block can hold (a row has at least one byte per field), so that
      // scanPlainRows need not check.
      const before = t.rows;
      const needed = before + Math.ceil((stop - i) / t.kinds.length);
      if (needed > t.capacity) t.makeRoom(needed, bytesBefore + i);
      i = scanPlainRows(t, b, i, stop, this.delimiter);
      t.commitTexts(b);
      if (i < stop) {
        // A row handed back costs a second scan of its start: where every row is (escaped quotes
        // in each, say), the general path alone is faster, so it reads the next rows alone.
        this.misses = t.rows === before ? this.misses + 1 : 0;
        if (this.misses === PLAIN_MISSES) {
          this.misses = 0;
          this.pause = PLAIN_PAUSE_ROWS;
        }
        return i;
      }
    }
    return i;
  }
}

/**
 * Reads rows from b[i] on, up to `end` (just past a line break), and commits them, but for the
 * text left in `t.texts`. Returns where it stopped: `end`, or the start of a row left to the
 * general path. The columns must have room for every row up to `end`; a width of at least 2.
 *
 * All state is written back row by row, so that the function's exit is a bare return: code
 * optimized while the first call was still running has no type feedback for what it has not
 * run yet, and in V8 that costs a deoptimization each time such code reaches it.
 */
export function scanPlainRows(t: PlainRowsTarget, b: Uint8Array, i: number, end: number, d: number): number {
  // Locals, not module constants: those are loaded from the module on every use, even in optimized code.
  const QUOTE = 34;
  const LF = 10;
  const CR = 13;
  const MINUS = 45;
  const DOT = 46;
  const ZERO = 48;
  const text = TEXT;
  const whole = WHOLE;
  const SEED = HASH_SEED;
  const pow10 = POW10;
  const maxMantissa = TWO_53;
  const maxScale = MAX_EXACT_POW;
  const kinds = t.kinds;
  const numbers = t.numbers;
  const last = kinds.length - 1;
  const columns = t.pendingColumns;
  const starts = t.pendingStarts;
  const ends = t.pendingEnds;
  const texts = t.texts;
  const textRows = texts.rows;
  const textColumns = texts.columns;
  const textStarts = texts.starts;
  const textEnds = texts.ends;
  const textHashes = texts.hashes;
  const textRoom = textRows.length - kinds.length;
  let row = t.rows;
  let rowStart = i;
  // Text fields in the batch: `committed` of complete rows, `m` with those of the row being read.
  let committed = texts.count;
  let m = 0;
  rows: while (i < end) {
    rowStart = i;
    if (committed > textRoom) {
      t.commitTexts(b);
      committed = 0;
    }
    m = committed;
    let np = 0;
    let j = 0;
    for (;;) {
      const start = i;
      const kind = kinds[j]!;
      let c = b[i]!;
      if (kind !== text) {
        // Sign, digits, '.', digits, then the field's end: the value is exact (see number.ts).
        // The sign is read without a branch: random signs would mispredict one on every field.
        const negative = c === MINUS ? 1 : 0;
        i += negative;
        // Each run of digits is read two at a time into an int32, which holds 9 of them (longer
        // runs are read again as a double). b[i + 1] is in bounds: b[i] is a digit, and a line
        // break ends the bytes.
        const intStart = i;
        let run = 0;
        let x = b[i]! - ZERO;
        while (x >>> 0 <= 9) {
          const y = b[i + 1]! - ZERO;
          if (y >>> 0 > 9) {
            run = (Math.imul(run, 10) + x) | 0;
            x = y;
            i++;
            break;
          }
          run = (Math.imul(run, 100) + Math.imul(x, 10) + y) | 0;
          i += 2;
          x = b[i]! - ZERO;
        }
        let digits = i - intStart;
        let mantissa = digits <= 9 ? run : appendDigits(0, b, intStart, i);
        let scale = 0;
        if (x === DOT - ZERO) {
          const fracStart = ++i;
          run = 0;
          x = b[i]! - ZERO;
          while (x >>> 0 <= 9) {
            const y = b[i + 1]! - ZERO;
            if (y >>> 0 > 9) {
              run = (Math.imul(run, 10) + x) | 0;
              x = y;
              i++;
              break;
            }
            run = (Math.imul(run, 100) + Math.imul(x, 10) + y) | 0;
            i += 2;
            x = b[i]! - ZERO;
          }
          scale = i - fracStart;
          digits += scale;
          // Exact while below 2^53, as mantissa * 10 + digit each time would be; checked below.
          mantissa = scale <= 9 ? mantissa * pow10[scale]! + run : appendDigits(mantissa, b, fracStart, i);
        }
        c = x + ZERO;
        if (c === d || c === LF || c === CR) {
          if (digits > 0 && mantissa < maxMantissa && scale <= maxScale) {
            const magnitude = scale === 0 ? mantissa : mantissa / pow10[scale]!;
            // A whole-number column's first fraction is left to the general path, which counts it only for a complete row.
            if (kind === whole && scale !== 0 && magnitude !== Math.floor(magnitude)) break rows;
            // × ±1 keeps "-0" as -0, as Number("-0") is.
            numbers[j]![row] = magnitude * (1 - 2 * negative);
          } else if (i === start || isMissingBytes(b, start, i)) {
            numbers[j]![row] = NaN; // empty, or "-"
          } else {
            columns[np] = j;
            starts[np] = start;
            ends[np++] = i;
          }
        } else {
          // Not a plain number ("NA", "1e5", " 3", quoted…): a missing marker, or read as text
          // and committed with the row.
          i = start;
          c = b[i]!;
          if (c === QUOTE) {
            const q = closingQuote(b, start, end, d);
            if (q < 0) break rows;
            columns[np] = j;
            starts[np] = start + 1;
            ends[np++] = q;
            i = q + 1;
            c = b[i]!;
          } else {
            while (c !== d && c !== LF && c !== CR) c = b[++i]!;
            if (isMissingBytes(b, start, i)) {
              numbers[j]![row] = NaN;
            } else {
              columns[np] = j;
              starts[np] = start;
              ends[np++] = i;
            }
          }
        }
      } else {
        textRows[m] = row;
        textColumns[m] = j;
        if (c === QUOTE) {
          const q = closingQuote(b, start, end, d);
          if (q < 0) break rows;
          textStarts[m] = start + 1;
          textEnds[m] = q;
          textHashes[m++] = hashBytes(b, start + 1, q);
          i = q + 1;
          c = b[i]!;
        } else {
          // Hashed while scanned, a word per four bytes as hashBytes does, so that the
          // dictionary needs no second pass over the bytes.
          let h = SEED;
          let word = 0;
          let shift = 0;
          while (c !== d && c !== LF && c !== CR) {
            word |= c << shift;
            shift += 8;
            if (shift === 32) {
              h = hashWord(h, word);
              word = shift = 0;
            }
            c = b[++i]!;
          }
          if (shift !== 0) h = hashWord(h, word);
          textStarts[m] = start;
          textEnds[m] = i;
          textHashes[m++] = hashFinish(h, i - start);
        }
      }
      // b[i] is the field's end: a delimiter, or a line break (CRLF: the LF is skipped with it).
      i++;
      if (c === d) {
        if (j === last) break rows;
        j++;
        continue;
      }
      if (j !== last) break rows;
      if (c === CR && i < end && b[i] === LF) i++;
      break;
    }
    for (let p = 0; p < np; p++) t.commitField(columns[p]!, b, starts[p]!, ends[p]!, row);
    texts.count = committed = m;
    t.rows = ++row;
    rowStart = i;
  }
  return rowStart;
}

/**
 * Where the quoted field opening at b[start] closes, if the fast path can read it: the closing
 * quote comes before `end` and the field's end right after it, with no "" inside. Else -1.
 */
function closingQuote(b: Uint8Array, start: number, end: number, d: number): number {
  let i = start + 1;
  while (i < end && b[i] !== 34) i++;
  if (i + 1 >= end) return -1;
  const c = b[i + 1]!;
  return c === d || c === 10 || c === 13 ? i : -1;
}

/** `mantissa` followed by the digits b[start, end), as a double (exact below 2^53). */
function appendDigits(mantissa: number, b: Uint8Array, start: number, end: number): number {
  for (let k = start; k < end; k++) mantissa = mantissa * 10 + (b[k]! - 48);
  return mantissa;
}
