/**
 * The streaming entry point: buffers the first bytes until the format is clear, then hands every
 * chunk to the delimited-text parser or the JSON collector.
 */
import type { ParseOptions, ParseResult } from '../types';
import { DelimitedParser } from './delimited';
import { DelimiterError } from './errors';
import { SNIFF_BYTES } from './flags';
import { JsonCollector } from './json';
import { inspectStart, sniffDelimiter } from './sniff';

export interface CreateParserOptions extends ParseOptions {
  /** The file's size: sizes the column arrays up front and refuses JSON too large to parse. */
  readonly totalBytes: number;
  /** Called after each chunk with the data rows parsed so far. */
  readonly onRows?: (rows: number) => void;
  /** Bytes buffered before sniffing; tests lower it to put chunk boundaries everywhere. */
  readonly sniffBytes?: number;
  /** False turns off the delimited parser's fast path; tests compare the two. */
  readonly plainRows?: boolean;
}

/**
 * A parser fed a file's bytes chunk by chunk.
 *
 * @example
 * const parser = createParser({ totalBytes: file.size });
 * for await (const chunk of file.stream()) parser.push(chunk);
 * const { table, notices, ragged } = parser.finish();
 */
export interface TableParser {
  /**
   * Feeds the next bytes; chunk boundaries may fall anywhere. May already throw a ParseError once
   * the first bytes show the file cannot be read (binary, UTF-16, JSON over the size cap).
   */
  push(chunk: Uint8Array): void;
  /** Ends the input and returns the table; throws a ParseError for input that is not a table. */
  finish(): ParseResult;
  /** Data rows parsed so far, for a progress bar. */
  readonly rows: number;
}

export function createParser(options: CreateParserOptions): TableParser {
  return new StreamingParser(options);
}

/** Parses a whole file's bytes. */
export function parseBytes(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  const parser = createParser({ ...options, totalBytes: bytes.length });
  parser.push(bytes);
  return parser.finish();
}

/** Parses text (pasted, or in tests) as if it were a UTF-8 file. */
export function parseText(text: string, options: ParseOptions = {}): ParseResult {
  return parseBytes(new TextEncoder().encode(text), options);
}

class StreamingParser implements TableParser {
  private readonly options: CreateParserOptions;
  private sniffLimit: number;
  /** Bytes held until the format is decided. */
  private head = new Uint8Array(0);
  private headLength = 0;
  private target: DelimitedParser | JsonCollector | null = null;
  private bytes = 0;
  private finished = false;

  constructor(options: CreateParserOptions) {
    this.options = options;
    this.sniffLimit = options.sniffBytes ?? SNIFF_BYTES;
    if (options.delimiter !== undefined) forcedDelimiter(options.delimiter);
  }

  get rows(): number {
    return this.target instanceof DelimitedParser ? this.target.rows : 0;
  }

  push(chunk: Uint8Array): void {
    if (this.finished) throw new Error('TableParser.push after finish');
    this.bytes += chunk.length;
    if (this.target === null) {
      // A first chunk big enough to decide on is read in place: copying it would touch every byte once more.
      if (this.headLength > 0 || chunk.length < this.sniffLimit || !this.decide(chunk, false)) {
        this.hold(chunk);
        if (this.headLength >= this.sniffLimit) this.decide(this.head.subarray(0, this.headLength), false);
      }
    } else {
      this.target.push(chunk);
    }
    if (this.target instanceof DelimitedParser) this.options.onRows?.(this.target.rows);
  }

  finish(): ParseResult {
    if (this.finished) throw new Error('TableParser.finish called twice');
    this.finished = true;
    if (this.target === null) this.decide(this.head.subarray(0, this.headLength), true);
    if (this.target === null) throw new Error('unreachable: decide(true) always picks a parser');
    return { ...this.target.finish(), bytes: this.bytes };
  }

  /**
   * Picks the parser for the first bytes `head` and hands them over; false, to wait for more,
   * when no row is complete yet.
   */
  private decide(head: Uint8Array, final: boolean): boolean {
    const { kind, start } = inspectStart(head, final);
    const { delimiter, encoding, totalBytes, plainRows } = this.options;
    if (kind === 'json') {
      this.target = new JsonCollector(totalBytes, encoding);
    } else {
      const d = delimiter !== undefined ? forcedDelimiter(delimiter) : sniffDelimiter(head, start, final);
      if (d === null) {
        this.sniffLimit *= 2;
        return false;
      }
      this.target = new DelimitedParser({
        delimiter: d,
        totalBytes,
        plainRows: plainRows !== false,
        ...(encoding ? { encoding } : {}),
      });
    }
    this.target.push(head.subarray(start));
    this.head = new Uint8Array(0);
    this.headLength = 0;
    return true;
  }

  private hold(chunk: Uint8Array): void {
    const needed = this.headLength + chunk.length;
    if (needed > this.head.length) {
      const head = new Uint8Array(Math.max(needed, this.head.length * 2, 1024));
      head.set(this.head.subarray(0, this.headLength));
      this.head = head;
    }
    this.head.set(chunk, this.headLength);
    this.headLength = needed;
  }
}

/** The byte of a forced delimiter: one ASCII character other than a quote or a line break. */
function forcedDelimiter(delimiter: string): number {
  const code = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || code > 127 || code === 34 || code === 10 || code === 13) {
    throw new DelimiterError(
      `The delimiter must be a single character such as , ; | or a tab, not ${JSON.stringify(delimiter)}. Choose another and import again.`,
    );
  }
  return code;
}
