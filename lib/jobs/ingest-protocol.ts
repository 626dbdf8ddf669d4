/**
 * The ingest worker's API: what crosses between the page and `workers/ingest.worker.ts`.
 * Types only; the page imports this module as a type.
 */
import type { Analysis, ColumnOverrides } from '../data/analyze';
import type { IngestSummary } from '../data/ingest';
import type { ParseOptions } from '../data/types';

export const INGEST_PROTOCOL_VERSION = 1;

export interface IngestProgress {
  readonly phase: 'reading' | 'analyzing' | 'done' | 'failed' | 'canceled';
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly rows: number;
}

/** One page of the preview table: cell texts row by row; missing values are null. */
export type RowPage = readonly (readonly (string | null)[])[];

export interface IngestApi {
  readonly version: number;
  /** Parse, hash and analyze a file; the table stays in the worker for previews and re-analysis. */
  importBlob(jobId: string, source: Blob, options: ParseOptions): Promise<IngestSummary>;
  /** Load a stored dataset back into the worker (after a reload); returns its summary. */
  openStored(jobId: string, hash: string, options: ParseOptions): Promise<IngestSummary>;
  /** Progress of a running import or open; polled by the page (pull-based, like training). */
  progress(jobId: string): IngestProgress | undefined;
  /** Ask a running job to stop; it stops at the next slice it reads. */
  cancel(jobId: string): void;
  /** Schema, profile, label, task and warnings with the user's overrides. Needs the table loaded. */
  analyze(hash: string, overrides: ColumnOverrides, label: string | null): Promise<Analysis>;
  /** Rows [start, start + count) formatted for display. */
  rows(hash: string, start: number, count: number): Promise<RowPage>;
  isLoaded(hash: string): boolean;
  /** Drop a table from the worker's memory (for example when its import was refused). */
  forget(hash: string): void;
}
