/**
 * The ingest worker's logic, kept out of the worker file so that tests can call it directly.
 * Holds the most recently used tables in memory so that previews and re-analysis need no re-parse.
 */
import { analyzeTable } from '../data/analyze';
import { ImportCanceledError, ingestBlob, type IngestSummary } from '../data/ingest';
import { MISSING_CODE, type ParseOptions, type RawColumn, type Table } from '../data/types';
import type { IngestApi, IngestProgress, RowPage } from './ingest-protocol';
import { INGEST_PROTOCOL_VERSION } from './ingest-protocol';

/** Tables kept in memory at once: the one on screen and the one before it. More would cost GBs. */
export const TABLE_CACHE_SIZE = 2;

/** The longest page `rows` returns, so a careless caller cannot clone a million rows at once. */
export const MAX_ROWS_PER_PAGE = 1000;

/** Finished jobs whose progress is kept for a late poll; older ones are forgotten. */
export const KEPT_JOBS = 16;

export type LoadStoredBlob = (hash: string) => Promise<Blob | undefined>;

export class DatasetMissingError extends Error {
  override name = 'DatasetMissingError';
  constructor(hash: string) {
    super(`The dataset ${hash.slice(0, 12)}… is not stored in this browser any more. Import the file again.`);
  }
}

export function createIngestService(loadStoredBlob: LoadStoredBlob): IngestApi {
  const tables = new Map<string, Table>();
  const jobs = new Map<string, { progress: IngestProgress; canceled: boolean }>();

  function remember(hash: string, table: Table): void {
    tables.delete(hash);
    tables.set(hash, table);
    while (tables.size > TABLE_CACHE_SIZE) {
      const oldest = tables.keys().next().value;
      if (oldest === undefined) break;
      tables.delete(oldest);
    }
  }

  function tableOf(hash: string): Table {
    const table = tables.get(hash);
    if (!table) throw new DatasetMissingError(hash);
    return table;
  }

  async function run(jobId: string, source: Blob, options: ParseOptions): Promise<IngestSummary> {
    const job = {
      canceled: false,
      progress: { phase: 'reading', bytesRead: 0, totalBytes: source.size, rows: 0 } as IngestProgress,
    };
    jobs.set(jobId, job);
    // Every import and re-open is a job; keep only the recent ones so a long session does not grow.
    for (const [id, old] of jobs) {
      if (jobs.size <= KEPT_JOBS) break;
      if (old !== job) jobs.delete(id);
    }
    try {
      const { summary, table } = await ingestBlob(source, options, {
        isCanceled: () => job.canceled,
        onProgress: (p) => {
          const phase = p.bytesRead >= p.totalBytes ? 'analyzing' : 'reading';
          job.progress = { phase, ...p };
        },
      });
      remember(summary.hash, table);
      job.progress = { ...job.progress, phase: 'done', rows: table.rowCount };
      return summary;
    } catch (e) {
      job.progress = { ...job.progress, phase: e instanceof ImportCanceledError ? 'canceled' : 'failed' };
      throw e;
    }
  }

  return {
    version: INGEST_PROTOCOL_VERSION,
    importBlob: run,
    async openStored(jobId, hash, options) {
      const blob = await loadStoredBlob(hash);
      if (!blob) throw new DatasetMissingError(hash);
      return run(jobId, blob, options);
    },
    progress: (jobId) => jobs.get(jobId)?.progress,
    cancel(jobId) {
      const job = jobs.get(jobId);
      if (job) job.canceled = true;
    },
    async analyze(hash, overrides, label) {
      return analyzeTable(tableOf(hash), overrides, label);
    },
    async rows(hash, start, count) {
      return formatRows(tableOf(hash), start, Math.min(count, MAX_ROWS_PER_PAGE));
    },
    isLoaded: (hash) => tables.has(hash),
    forget(hash) {
      tables.delete(hash);
    },
  };
}

function formatRows(table: Table, start: number, count: number): RowPage {
  const from = Math.max(0, Math.min(start, table.rowCount));
  const to = Math.min(table.rowCount, from + Math.max(0, count));
  const page: (string | null)[][] = [];
  for (let row = from; row < to; row++) page.push(table.columns.map((column) => formatCell(column, row)));
  return page;
}

function formatCell(column: RawColumn, row: number): string | null {
  if (column.kind === 'number') {
    const value = column.values[row];
    return value === undefined || Number.isNaN(value) ? null : String(value);
  }
  const code = column.codes[row];
  return code === undefined || code === MISSING_CODE ? null : (column.dictionary[code] ?? null);
}
