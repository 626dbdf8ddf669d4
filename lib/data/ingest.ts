/**
 * Import a file: read it in slices, parse as it streams, hash its bytes, then analyze the table.
 *
 * The dataset's identity is the SHA-256 of the file's bytes as imported (its canonical bytes), so
 * the same file imported twice is stored once. Runs in a worker in the app and in Node in tests:
 * it only needs `Blob`, which both have.
 */
import { createSHA256 } from 'hash-wasm';
import { analyzeTable, type Analysis } from './analyze';
import { createParser } from './parse';
import type { ParseOptions, ParseProgress, ParseResult, Table } from './types';

/**
 * Bytes read per slice. Large enough that per-slice overhead (a promise, a copy into the parser)
 * is negligible, small enough that cancel and progress answer within a few tens of milliseconds.
 */
export const READ_SLICE_BYTES = 4 * 1024 * 1024;

export class ImportCanceledError extends Error {
  override name = 'ImportCanceledError';
  constructor() {
    super('The import was canceled. Nothing was stored.');
  }
}

export interface IngestControl {
  readonly isCanceled: () => boolean;
  readonly onProgress: (progress: ParseProgress) => void;
}

export interface IngestTimings {
  readonly parseMs: number;
  readonly analyzeMs: number;
  readonly totalMs: number;
}

export type ParseSummary = Omit<ParseResult, 'table'>;

export interface IngestSummary extends Analysis {
  readonly hash: string;
  readonly parse: ParseSummary;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly timings: IngestTimings;
}

export interface Ingested {
  readonly summary: IngestSummary;
  readonly table: Table;
}

const NO_CONTROL: IngestControl = { isCanceled: () => false, onProgress: () => {} };

/** Parse and hash a blob in one pass over its bytes, then analyze it. */
export async function ingestBlob(blob: Blob, options: ParseOptions = {}, control: IngestControl = NO_CONTROL): Promise<Ingested> {
  const started = performance.now();
  const totalBytes = blob.size;
  const hasher = await createSHA256();
  hasher.init();
  const parser = createParser({ ...options, totalBytes });
  let bytesRead = 0;
  while (bytesRead < totalBytes) {
    if (control.isCanceled()) throw new ImportCanceledError();
    const end = Math.min(totalBytes, bytesRead + READ_SLICE_BYTES);
    const chunk = new Uint8Array(await blob.slice(bytesRead, end).arrayBuffer());
    hasher.update(chunk);
    parser.push(chunk);
    bytesRead = end;
    control.onProgress({ bytesRead, totalBytes, rows: parser.rows });
  }
  if (control.isCanceled()) throw new ImportCanceledError();
  const result = parser.finish();
  const parsed = performance.now();
  const analysis = analyzeTable(result.table);
  const done = performance.now();
  const { table, ...parse } = result;
  return {
    table,
    summary: {
      ...analysis,
      hash: hasher.digest('hex'),
      parse,
      rowCount: table.rowCount,
      columnCount: table.columns.length,
      timings: { parseMs: parsed - started, analyzeMs: done - parsed, totalMs: done - started },
    },
  };
}
