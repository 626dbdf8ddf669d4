'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { assertImportable } from '../data/limits';
import type { IngestSummary } from '../data/ingest';
import type { ParseOptions } from '../data/types';
import type { IngestProgress } from '../jobs/ingest-protocol';
import { ContentHash, type CellId } from '../ids';
import { saveDataset } from '../store/datasets';
import { checkSpace } from '../store/quota';
import { writeCellConfig } from '../sync/project-doc';
import { toShownError, type ShownError } from './error-text';
import { browserMemoryHints } from './memory-hints';
import { useProject } from './project-context';
import { useWorkers } from './workers-context';

/** How often the page asks the worker for progress: smooth enough for a bar, cheap for the worker. */
export const IMPORT_POLL_MS = 150;

export type ImportState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly fileName: string; readonly progress: IngestProgress | undefined }
  | { readonly phase: 'confirm-ragged'; readonly fileName: string; readonly summary: IngestSummary }
  | { readonly phase: 'saving'; readonly fileName: string }
  | { readonly phase: 'failed'; readonly fileName: string; readonly error: ShownError };

/**
 * Imports a file into a data cell: parse in the worker (with progress and cancel), ask before
 * skipping ragged rows, then store the bytes and the dataset record in one transaction and only
 * then point the cell at it. A failure at any step leaves the cell's earlier dataset as it was.
 */
export function useDataImport(cellId: CellId) {
  const { projectId, doc } = useProject();
  const workers = useWorkers();
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const jobRef = useRef<{ id: string; source: Blob } | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  const stopPolling = useCallback(() => {
    clearInterval(timer.current);
    timer.current = undefined;
  }, []);
  useEffect(() => stopPolling, [stopPolling]);

  const save = useCallback(
    /** Stores the dataset; then, unless it restores the cell's own dataset, points the cell at it. */
    async (summary: IngestSummary, source: Blob, fileName: string, pointCell = true) => {
      setState({ phase: 'saving', fileName });
      const { parse } = summary;
      const hash = ContentHash.parse(summary.hash);
      await saveDataset({
        projectId,
        cellId,
        blob: source,
        record: {
          hash,
          name: fileName,
          bytes: parse.bytes,
          format: parse.format,
          delimiter: parse.delimiter,
          encoding: parse.encoding,
          rowCount: summary.rowCount,
          columnCount: summary.columnCount,
          notices: parse.notices,
          schema: summary.schema,
          profile: summary.profile,
        },
      });
      if (!pointCell) return setState({ phase: 'idle' });
      writeCellConfig(doc, cellId, {
        datasetHash: hash,
        sourceUrl: undefined,
        fileName,
        label: summary.label ?? undefined,
        task: summary.task.task ?? undefined,
        columnOverrides: undefined,
        skipRagged: parse.ragged ? true : undefined,
      });
      setState({ phase: 'idle' });
    },
    [projectId, cellId, doc],
  );

  const start = useCallback(
    /**
     * With `restoring`, the bytes are the cell's own dataset fetched from a collaborator: they
     * must hash to it, and the cell's settings (label, column overrides) stay as they are.
     */
    async (source: Blob, fileName: string, options: ParseOptions = {}, restoring?: string) => {
      const worker = workers.ingest();
      const jobId = `${cellId}-${Date.now()}`;
      jobRef.current = { id: jobId, source };
      setState({ phase: 'running', fileName, progress: undefined });
      try {
        assertImportable(source.size, browserMemoryHints());
        await checkSpace(source.size);
        stopPolling();
        timer.current = setInterval(() => {
          void worker.progress(jobId).then((progress) => {
            if (jobRef.current?.id === jobId) setState((s) => (s.phase === 'running' ? { ...s, progress } : s));
          });
        }, IMPORT_POLL_MS);
        const startedAt = performance.now();
        const summary = await worker.importBlob(jobId, source, options);
        stopPolling();
        // Visible in the browser's performance timeline (and read by the ingest benchmark).
        performance.measure('loopbook:import', {
          start: startedAt,
          detail: { bytes: source.size, rows: summary.rowCount, ...summary.timings },
        });
        if (jobRef.current?.id !== jobId) return;
        if (restoring !== undefined) {
          if (summary.hash !== restoring) throw new Error('The downloaded file is not this cell’s dataset.');
          await save(summary, source, fileName, false);
        } else if (summary.parse.ragged) setState({ phase: 'confirm-ragged', fileName, summary });
        else await save(summary, source, fileName);
      } catch (error) {
        stopPolling();
        if (jobRef.current?.id !== jobId) return;
        const shown = toShownError(error);
        setState(shown.name === 'ImportCanceledError' ? { phase: 'idle' } : { phase: 'failed', fileName, error: shown });
      }
    },
    [workers, cellId, save, stopPolling],
  );

  const cancel = useCallback(() => {
    const job = jobRef.current;
    if (job) void workers.ingest().cancel(job.id);
  }, [workers]);

  const confirmSkip = useCallback(async () => {
    const job = jobRef.current;
    if (state.phase !== 'confirm-ragged' || !job) return;
    try {
      await save(state.summary, job.source, state.fileName);
    } catch (error) {
      setState({ phase: 'failed', fileName: state.fileName, error: toShownError(error) });
    }
  }, [state, save]);

  const dismiss = useCallback(() => {
    if (state.phase === 'confirm-ragged') void workers.ingest().forget(state.summary.hash);
    jobRef.current = null;
    setState({ phase: 'idle' });
  }, [state, workers]);

  /** Shows why a source could not even be read (for example a sample that failed to load). */
  const fail = useCallback((fileName: string, error: unknown) => {
    setState({ phase: 'failed', fileName, error: toShownError(error) });
  }, []);

  return { state, start, cancel, confirmSkip, dismiss, fail };
}
