/**
 * Delimited text (CSV, TSV, semicolon, pipe) read as a byte-level state machine.
 *
 * Each chunk is scanned row by row: a row's field boundaries are recorded first, and only a
 * complete row is committed, field by field, into its columns (numbers straight into a
 * Float64Array). A row cut by the end of a chunk is kept and scanned again with the next chunk,
 * so chunk boundaries may fall anywhere: mid-field, mid-quote, mid-UTF-8 sequence, between CR and
 * LF. CRLF needs no special case: the CR ends the row and the LF ends a blank one, which is skipped.
 *
 * Text is not decoded while scanning. Header names and dictionary entries keep their bytes and
 * are decoded at finish, once it is known whether all of them are UTF-8; if one is not, the whole
 * file reads as Latin-1 (see dictionary.ts). Everything else (numbers, missing markers,
 * delimiters, quotes) is ASCII and reads the same either way.
 *
 * Most rows never reach the state machine here: plain-rows.ts reads rows of simple fields in one
 * pass and hands anything else back, a row at a time, to `scan` below.
 *
 * Over 300 lines on purpose: the scan loop, its fused number parse and the row commit share
 * field bounds that the hot path reads from locals; split across modules it would go through
 * getters. The columns, and committing values to them, are in table-columns.ts.
 */
import type { Notice, ParseResult, TextEncoding } from '../types';
import { LATIN1_NOTICE, decodeBytes, isValidUtf8 } from './decode';
import { EmptyFileError, HeaderOnlyError, RaggedRowsError } from './errors';
import { JOIN_BYTES, RESCAN_MIN_BYTES } from './flags';
import { nameColumns } from './headers';
import { MAX_EXACT_POW, POW10, TWO_53 } from './number';
import { PlainRows, TEXT } from './plain-rows';
import { RaggedRowsTracker, plural, raggedNotice } from './ragged';
import { decimalCommaNotice, readDecimalCommas } from './decimal-comma';
import { delimiterFormat, delimiterName } from './sniff';
import { TableColumns } from './table-columns';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
/**
 * Field flags: opened with a quote; needs unescaping ("" inside, text after the closing quote, no
 * closing quote); number already stored; number stored, and the column's first non-whole one.
 */
const QUOTED = 1;
const UNESCAPE = 2;
const DONE = 4;
const FRACTION = 8;

export interface DelimitedOptions {
  readonly delimiter: number;
  readonly totalBytes: number;
  readonly encoding?: TextEncoding;
  /** False reads every row with the general state machine; tests compare the two. */
  readonly plainRows?: boolean;
}

export class DelimitedParser {
  private readonly delimiter: number;
  private readonly totalBytes: number;
  private readonly forcedEncoding: TextEncoding | undefined;
  private readonly plainRows: boolean;
  /** An unfinished row carried to the next chunk, in buffer[0, length). */
  private buffer = new Uint8Array(0);
  private length = 0;
  /** The carried row is not rescanned before `length` reaches this (see RESCAN_MIN_BYTES). */
  private rescanAt = 0;
  /** Bytes before `buffer` (or before the chunk being read): those of the rows already read. */
  private consumed = 0;
  private fieldStarts = new Int32Array(64);
  private fieldEnds = new Int32Array(64);
  private fieldFlags = new Uint8Array(64);
  /** The fields of the row being scanned that were not DONE. */
  private pending = new Int32Array(64);
  private scratch = new Uint8Array(256);
  private header: Uint8Array[] | null = null;
  /** The columns, none before the header is read. */
  private table: TableColumns;
  /** False when the delimiter could be part of a number ("." or "-"), which the fused parse would cross. */
  private readonly fused: boolean;
  /** The fast path, once the header is read, where it applies. */
  private plain: PlainRows | null = null;
  /** Non-blank rows after the header, ragged ones included: the row numbers users see. */
  private dataRows = 0;
  private ragged = new RaggedRowsTracker(0);

  constructor(options: DelimitedOptions) {
    this.delimiter = options.delimiter;
    this.totalBytes = options.totalBytes;
    this.forcedEncoding = options.encoding;
    this.plainRows = options.plainRows ?? true;
    this.table = new TableColumns(0, options.totalBytes);
    const d = options.delimiter;
    this.fused = !((d >= ZERO && d <= ZERO + 9) || d === DOT || d === MINUS || d === PLUS);
  }

  push(chunk: Uint8Array): void {
    if (this.length > 0 && this.length + chunk.length < this.rescanAt) {
      this.append(chunk); // a long row still being gathered (see RESCAN_MIN_BYTES)
      return;
    }
    let rest = chunk;
    if (this.length > 0) {
      // Finish the carried row with the chunk's first bytes, then read the rest of the chunk in
      // place: appending the whole chunk to the carried row would copy every byte once more.
      const carried = this.length;
      const joined = Math.min(chunk.length, JOIN_BYTES);
      this.append(chunk.subarray(0, joined));
      const done = this.scan(this.buffer.subarray(0, this.length), false);
      this.consumed += done;
      this.buffer.copyWithin(0, done, this.length);
      this.length -= done;
      rest = chunk.subarray(joined);
      if (done >= carried) {
        // What is left in the buffer is the start of one of the chunk's rows: read it from the chunk.
        rest = chunk.subarray(done - carried);
        this.length = 0;
      }
    }
    if (rest.length > 0) {
      if (this.length === 0) {
        // Nothing carried: scan the caller's chunk in place and copy only its unfinished row.
        const done = this.scan(rest, false);
        this.consumed += done;
        this.carry(rest.subarray(done));
      } else {
        // A row longer than JOIN_BYTES: gather the whole chunk.
        this.append(rest);
        const done = this.scan(this.buffer.subarray(0, this.length), false);
        this.consumed += done;
        this.buffer.copyWithin(0, done, this.length);
        this.length -= done;
      }
    }
    this.rescanAt = this.length > RESCAN_MIN_BYTES ? this.length * 2 : 0;
    this.table.reserveEstimate(this.consumed);
  }

  /** Data rows committed to the table so far. */
  get rows(): number {
    return this.table.rows;
  }

  finish(): Omit<ParseResult, 'bytes'> {
    if (this.length > 0) this.scan(this.buffer.subarray(0, this.length), true);
    this.length = 0;
    const header = this.header;
    if (header === null) throw new EmptyFileError();
    const expected = header.length;
    if (this.rows === 0) {
      if (!this.ragged.any) throw new HeaderOnlyError();
      throw new RaggedRowsError(
        `No data row has the ${plural(expected, 'field')} of the header when split on ${delimiterName(this.delimiter)}: ` +
          `the rows have ${plural(this.ragged.typicalFields(), 'field')}. ` +
          'The delimiter is probably wrong: choose it by hand and import again.',
      );
    }
    const utf8 =
      header.every((bytes) => isValidUtf8(bytes, 0, bytes.length)) &&
      this.table.columns.every((c) => c.isNumber || c.dict.isValidUtf8());
    const encoding = this.forcedEncoding ?? (utf8 ? 'utf-8' : 'latin-1');
    const { names, notice } = nameColumns(header.map((bytes) => decodeBytes(bytes, encoding)));
    const finished = this.table.finish(names, encoding);
    // Only where the comma is not the delimiter (0x2c): in a comma-separated file "39,1" was quoted text.
    const { columns, converted } = this.delimiter === 0x2c ? { columns: finished, converted: [] } : readDecimalCommas(finished);
    const notices: Notice[] = [];
    if (converted.length > 0) notices.push(decimalCommaNotice(converted));
    if (encoding === 'latin-1' && this.forcedEncoding === undefined) notices.push({ code: 'latin-1', message: LATIN1_NOTICE });
    if (notice) notices.push(notice);
    const ragged = this.ragged.result();
    if (ragged) notices.push(raggedNotice(ragged));
    return {
      table: { rowCount: this.rows, columns },
      format: delimiterFormat(this.delimiter),
      delimiter: String.fromCharCode(this.delimiter),
      encoding,
      notices,
      ...(ragged ? { ragged } : {}),
    };
  }

  /**
   * Scans complete rows of b and commits them. Returns where the first unfinished row
   * starts (n when none), unless `final`, when the end of the bytes ends the last row.
   *
   * Rows go to the fast path (plain-rows.ts) first; the loop below reads only those it hands
   * back, one at a time. There too a plain decimal in a numeric column is parsed while it is
   * scanned and written straight to `values[row]` (DONE): the row is not committed yet, but an
   * unfinished or ragged row is simply overwritten by the next one. Anything else is left to commitRow.
   */
  private scan(b: Uint8Array, final: boolean): number {
    // n is b.length, which lets the compiler drop most bounds checks.
    const n = b.length;
    const d = this.delimiter;
    const fused = this.fused;
    // The fast path reads up to just past a line break, so that its loops need no bounds tests.
    let end = n;
    while (end > 0 && b[end - 1] !== LF && b[end - 1] !== CR) end--;
    let i = 0;
    while (i < n) {
      const plain = this.plain;
      if (plain !== null && i < end && plain.ready()) {
        const before = this.table.rows;
        i = plain.read(b, i, end, this.consumed);
        this.dataRows += this.table.rows - before;
        if (i >= n) break;
      }
      const rowStart = i;
      const table = this.table;
      const columns = table.columns;
      const width = columns.length;
      const numeric = table.kinds;
      const row = table.rows;
      if (row === table.capacity && width > 0) table.makeRoom(row + 1, this.consumed + i);
      let nf = 0;
      let np = 0;
      let pending = this.pending;
      let fieldStarts = this.fieldStarts;
      let fieldEnds = this.fieldEnds;
      let fieldFlags = this.fieldFlags;
      for (;;) {
        const start = i;
        let flags = 0;
        if (i < n && b[i] === QUOTE) {
          flags = QUOTED;
          i++;
          for (;;) {
            if (i >= n) {
              if (!final) return rowStart;
              flags |= UNESCAPE; // no closing quote: the field runs to the end of the file
              break;
            }
            if (b[i] === QUOTE) {
              if (i + 1 >= n && !final) return rowStart; // "" or a closing quote? The next chunk says.
              if (i + 1 < n && b[i + 1] === QUOTE) {
                flags |= UNESCAPE;
                i += 2;
                continue;
              }
              i++;
              break;
            }
            i++;
          }
          // Text after the closing quote is kept as it is, as spreadsheets do.
          while (i < n) {
            const c = b[i];
            if (c === d || c === LF || c === CR) break;
            flags |= UNESCAPE;
            i++;
          }
        } else {
          if (fused && nf < width && numeric[nf] !== TEXT && i < n) {
            // Sign, digits, '.', digits, then the field's end: the number is exact (see number.ts).
            let negative = false;
            if (b[i] === MINUS) {
              negative = true;
              i++;
            } else if (b[i] === PLUS) i++;
            let mantissa = 0;
            const intStart = i;
            while (i < n) {
              const x = b[i]! - ZERO;
              if (x < 0 || x > 9) break;
              mantissa = mantissa * 10 + x;
              i++;
            }
            let digits = i - intStart;
            let exponent = 0;
            if (i < n && b[i] === DOT) {
              i++;
              const fracStart = i;
              while (i < n) {
                const x = b[i]! - ZERO;
                if (x < 0 || x > 9) break;
                mantissa = mantissa * 10 + x;
                i++;
              }
              exponent = fracStart - i;
              digits -= exponent;
            }
            if (i < n && digits > 0 && mantissa < TWO_53 && exponent >= -MAX_EXACT_POW) {
              const c = b[i];
              if (c === d || c === LF || c === CR) {
                const magnitude = exponent === 0 ? mantissa : mantissa / POW10[-exponent]!;
                const column = columns[nf]!;
                column.values[row] = negative ? -magnitude : magnitude;
                // The first fraction in a whole-number column is left to commitRow: a ragged row must not count.
                flags = exponent !== 0 && column.allInteger && magnitude !== Math.floor(magnitude) ? FRACTION : DONE;
              }
            }
          }
          // Bytes passed so far were signs, digits and dots, never a delimiter (see `fused`).
          if (flags !== DONE) {
            while (i < n) {
              const c = b[i];
              if (c === d || c === LF || c === CR) break;
              i++;
            }
          }
        }
        if (nf === fieldStarts.length) {
          this.growFields();
          fieldStarts = this.fieldStarts;
          fieldEnds = this.fieldEnds;
          fieldFlags = this.fieldFlags;
          pending = this.pending;
        }
        fieldStarts[nf] = start;
        fieldEnds[nf] = i;
        fieldFlags[nf] = flags;
        if (flags !== DONE) pending[np++] = nf;
        nf++;
        if (i >= n) {
          if (!final) return rowStart;
          break;
        }
        const c = b[i];
        i++;
        if (c !== d) break; // CR or LF
      }
      this.commitRow(b, nf, np);
    }
    return n;
  }

  /** Commits a scanned row of `nf` fields, of which pending[0, np) still need work. */
  private commitRow(b: Uint8Array, nf: number, np: number): void {
    const starts = this.fieldStarts;
    const ends = this.fieldEnds;
    const flags = this.fieldFlags;
    if (nf === 1 && flags[0] === 0 && isBlank(b, starts[0]!, ends[0]!)) return;
    if (this.header === null) {
      this.startColumns(b, nf);
      return;
    }
    this.dataRows++;
    const table = this.table;
    if (nf !== table.columns.length) {
      this.ragged.add(this.dataRows, nf);
      return;
    }
    const row = table.rows;
    const pending = this.pending;
    for (let p = 0; p < np; p++) {
      const j = pending[p]!;
      const f = flags[j]!;
      if (f === FRACTION) {
        table.markFraction(j);
        continue;
      }
      let src = b;
      let s = starts[j]!;
      let e = ends[j]!;
      if (f === QUOTED) {
        s++;
        e--;
      } else if (f !== 0) {
        e = this.unescape(b, s, e);
        s = 0;
        src = this.scratch;
      }
      table.commitField(j, src, s, e, row);
    }
    table.rows = row + 1;
  }

  private startColumns(b: Uint8Array, nf: number): void {
    const header: Uint8Array[] = [];
    for (let j = 0; j < nf; j++) {
      let s = this.fieldStarts[j]!;
      let e = this.fieldEnds[j]!;
      let src = b;
      const f = this.fieldFlags[j]!;
      if (f === QUOTED) {
        s++;
        e--;
      } else if (f !== 0) {
        e = this.unescape(b, s, e);
        s = 0;
        src = this.scratch;
      }
      header.push(src.slice(s, e));
    }
    this.header = header;
    this.ragged = new RaggedRowsTracker(nf);
    this.table = new TableColumns(nf, this.totalBytes);
    // One column would make a blank line an empty value, not a row to skip; see scanPlainRows.
    if (this.plainRows && this.fused && nf >= 2) this.plain = new PlainRows(this.table, this.delimiter);
  }

  /** Writes the text of the quoted field b[s, e) into `scratch`; returns its length. */
  private unescape(b: Uint8Array, s: number, e: number): number {
    if (this.scratch.length < e - s) this.scratch = new Uint8Array((e - s) * 2);
    const out = this.scratch;
    let k = 0;
    let i = s + 1;
    let inQuotes = true;
    while (i < e) {
      const c = b[i]!;
      i++;
      if (inQuotes && c === QUOTE) {
        if (i < e && b[i] === QUOTE) i++;
        else {
          inQuotes = false;
          continue;
        }
      }
      out[k++] = c;
    }
    return k;
  }

  private growFields(): void {
    const size = this.fieldStarts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const flags = new Uint8Array(size);
    const pending = new Int32Array(size);
    starts.set(this.fieldStarts);
    ends.set(this.fieldEnds);
    flags.set(this.fieldFlags);
    pending.set(this.pending);
    this.fieldStarts = starts;
    this.fieldEnds = ends;
    this.fieldFlags = flags;
    this.pending = pending;
  }

  private carry(rest: Uint8Array): void {
    if (this.buffer.length < rest.length) this.buffer = new Uint8Array(Math.max(rest.length * 2, 4096));
    this.buffer.set(rest);
    this.length = rest.length;
  }

  private append(chunk: Uint8Array): void {
    const needed = this.length + chunk.length;
    if (this.buffer.length < needed) {
      const buffer = new Uint8Array(Math.max(this.buffer.length * 2, needed));
      buffer.set(this.buffer.subarray(0, this.length));
      this.buffer = buffer;
    }
    this.buffer.set(chunk, this.length);
    this.length = needed;
  }
}

function isBlank(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] !== 32 && b[i] !== 9) return false;
  return true;
}
