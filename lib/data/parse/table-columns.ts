/**
 * The columns of a delimited table as its rows are committed, for both scans of delimited.ts:
 * numbers straight into Float64Arrays, text into byte dictionaries, and what the scans need to
 * parse each column on the fly (its kind, its current `values`).
 */
import type { RawColumn, TextEncoding } from '../types';
import { MISSING_CODE } from '../types';
import { ColumnBuilder } from './column-builder';
import { ByteDictionary } from './dictionary';
import { ESTIMATE_MIN_ROWS, INITIAL_ROW_CAPACITY, ROW_ESTIMATE_HEADROOM } from './flags';
import { isMissingBytes, parseNumberBytes } from './number';
import { FRACTIONAL, type PlainRowsTarget, TEXT, TextBatch, WHOLE } from './plain-rows';

const NO_NUMBERS = new Float64Array(0);

export class TableColumns implements PlainRowsTarget {
  /** Data rows committed. */
  rows = 0;
  readonly columns: ColumnBuilder<ByteDictionary>[];
  /** Per column TEXT, WHOLE or FRACTIONAL: the scans parse the plain numbers of non-TEXT ones on the fly. */
  readonly kinds: Uint8Array;
  /** Each numeric column's `values`, kept current when they grow (an empty array once text). */
  readonly numbers: Float64Array[];
  readonly pendingColumns: Int32Array;
  readonly pendingStarts: Int32Array;
  readonly pendingEnds: Int32Array;
  readonly texts: TextBatch;
  /** Rows the columns have room for. */
  capacity = INITIAL_ROW_CAPACITY;
  private estimated = false;

  constructor(
    width: number,
    private readonly totalBytes: number,
  ) {
    this.columns = Array.from({ length: width }, () => new ColumnBuilder(INITIAL_ROW_CAPACITY, new ByteDictionary()));
    this.kinds = new Uint8Array(width).fill(WHOLE);
    this.numbers = this.columns.map((column) => column.values);
    this.pendingColumns = new Int32Array(width);
    this.pendingStarts = new Int32Array(width);
    this.pendingEnds = new Int32Array(width);
    this.texts = new TextBatch(width);
  }

  commitField(j: number, src: Uint8Array, s: number, e: number, row: number): void {
    const column = this.columns[j]!;
    if (column.isNumber) {
      const v = parseNumberBytes(src, s, e);
      if (v === v) {
        column.values[row] = v;
        // Infinity - Infinity is NaN, so an overflow counts as not whole, as Number.isInteger says.
        if (v - Math.floor(v) !== 0) this.markFraction(j);
        return;
      }
      if (isMissingBytes(src, s, e)) {
        column.values[row] = NaN;
        return;
      }
      column.toText(row);
      this.kinds[j] = TEXT;
      this.numbers[j] = NO_NUMBERS;
    }
    column.codes[row] = isMissingBytes(src, s, e) ? MISSING_CODE : column.dict.codeOf(src, s, e);
  }

  commitTexts(b: Uint8Array): void {
    const texts = this.texts;
    const { count, rows, columns, starts, ends, hashes } = texts;
    texts.count = 0;
    for (let q = 0; q < count; q++) {
      const column = this.columns[columns[q]!]!;
      const s = starts[q]!;
      const e = ends[q]!;
      column.codes[rows[q]!] = isMissingBytes(b, s, e) ? MISSING_CODE : column.dict.codeOfHashed(b, s, e, hashes[q]!);
    }
  }

  /** Column j holds a number that is not whole. */
  markFraction(j: number): void {
    this.columns[j]!.allInteger = false;
    if (this.kinds[j] === WHOLE) this.kinds[j] = FRACTIONAL;
  }

  /**
   * Room for `needed` rows, `bytesRead` bytes into the file: doubled, or sized for the whole file
   * once ESTIMATE_MIN_ROWS rows are in, which spares copying the columns each time they would double.
   */
  makeRoom(needed: number, bytesRead: number): void {
    let capacity = Math.max(this.capacity * 2, needed);
    if (!this.estimated && this.rows >= ESTIMATE_MIN_ROWS) {
      this.estimated = true;
      capacity = Math.max(capacity, this.rowEstimate(bytesRead));
    }
    this.resize(capacity);
  }

  /** After the first chunk: sizes the columns for the whole file, however few rows it held. */
  reserveEstimate(bytesRead: number): void {
    if (this.estimated || this.rows === 0) return;
    this.estimated = true;
    const estimate = this.rowEstimate(bytesRead);
    if (estimate > this.capacity) this.resize(estimate);
  }

  /** The finished columns, named, with text decoded in `encoding`. */
  finish(names: readonly string[], encoding: TextEncoding): RawColumn[] {
    return this.columns.map((column, j) => {
      if (column.isNumber) return column.finish(names[j]!, this.rows, []);
      const { strings, remap } = column.dict.decode(encoding);
      return column.finish(names[j]!, this.rows, strings, remap);
    });
  }

  /** The rows the whole file should hold, from the bytes per row of its first `bytesRead` bytes. */
  private rowEstimate(bytesRead: number): number {
    return Math.ceil((this.totalBytes / (bytesRead / this.rows)) * ROW_ESTIMATE_HEADROOM);
  }

  private resize(capacity: number): void {
    this.columns.forEach((column, j) => {
      column.grow(capacity, this.rows);
      if (column.isNumber) this.numbers[j] = column.values;
    });
    this.capacity = capacity;
  }
}
