/**
 * One column as it fills: numbers until the first value that is neither a number nor missing,
 * then dictionary-encoded text. The parsers write `values` and `codes` directly in their hot
 * loops; this class only grows, switches and finishes a column.
 */
import { MISSING_CODE, type RawColumn } from '../types';
import type { Dictionary } from './dictionary';
import { MAX_SLACK_FOR_VIEW } from './flags';

const NO_NUMBERS = new Float64Array(0);
const NO_CODES = new Int32Array(0);

export class ColumnBuilder<D extends Dictionary> {
  isNumber = true;
  allInteger = true;
  /** NaN marks a missing value. Valid while `isNumber`. */
  values: Float64Array;
  /** Dictionary codes, MISSING_CODE for missing. Valid once text. */
  codes: Int32Array = NO_CODES;
  capacity: number;

  constructor(
    capacity: number,
    readonly dict: D,
  ) {
    this.capacity = capacity;
    this.values = new Float64Array(capacity);
  }

  /**
   * Makes room for `capacity` rows, keeping the first `rows`. Only those are copied: copying the
   * unused rest would write (and make the system commit) every page of the new array at once.
   */
  grow(capacity: number, rows: number): void {
    if (capacity <= this.capacity) return;
    if (this.isNumber) {
      const values = new Float64Array(capacity);
      values.set(this.values.subarray(0, rows));
      this.values = values;
    } else {
      const codes = new Int32Array(capacity);
      codes.set(this.codes.subarray(0, rows));
      this.codes = codes;
    }
    this.capacity = capacity;
  }

  /**
   * Switches the column to text at `row`: the numbers of earlier rows become `String(n)` in the
   * dictionary ("1.50" reads back as "1.5", an accepted loss).
   */
  toText(row: number): void {
    const codes = new Int32Array(this.capacity);
    const known = new Map<number, number>();
    for (let r = 0; r < row; r++) {
      const v = this.values[r]!;
      if (v !== v) {
        codes[r] = MISSING_CODE;
        continue;
      }
      let code = known.get(v);
      if (code === undefined) {
        code = this.dict.codeOfAscii(String(v));
        known.set(v, code);
      }
      codes[r] = code;
    }
    this.codes = codes;
    this.values = NO_NUMBERS;
    this.isNumber = false;
  }

  /**
   * The finished column of `rows` rows; `remap` rewrites codes whose strings were merged.
   * Arrays are exact-length views, or copies when much of the buffer is unused: a view posted to
   * another thread drags its whole buffer along.
   */
  finish(name: string, rows: number, strings: readonly string[], remap: Int32Array | null = null): RawColumn {
    if (this.isNumber) {
      const values = this.values.length > rows * MAX_SLACK_FOR_VIEW ? this.values.slice(0, rows) : this.values.subarray(0, rows);
      return { kind: 'number', name, values, allInteger: this.allInteger };
    }
    const codes = this.codes.length > rows * MAX_SLACK_FOR_VIEW ? this.codes.slice(0, rows) : this.codes.subarray(0, rows);
    if (remap !== null) {
      for (let r = 0; r < rows; r++) {
        const code = codes[r]!;
        if (code !== MISSING_CODE) codes[r] = remap[code]!;
      }
    }
    return { kind: 'string', name, codes, dictionary: strings };
  }
}

