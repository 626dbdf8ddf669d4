'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import type { Analysis, ColumnOverrides } from '../data/analyze';
import type { IngestProgress } from '../jobs/ingest-protocol';
import { readDataset } from '../store/datasets';
import { toShownError, type ShownError } from './error-text';
import { useWorkers } from './workers-context';
import { IMPORT_POLL_MS } from './use-data-import';

export interface DatasetViewInput {
  readonly hash: string;
  readonly overrides: ColumnOverrides;
  readonly label: string | null;
}

/**
 * A stored dataset as the data cell shows it. The stored record (schema and profile at import)
 * shows at once; the worker loads the table back from its blob (after a reload) for the preview,
 * and re-analyzes it whenever the user's column overrides or label change.
 */
export function useDatasetView({ hash, overrides, label }: DatasetViewInput) {
  const workers = useWorkers();
  const record = useLiveQuery(() => readDataset(hash), [hash]);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState<IngestProgress | undefined>(undefined);
  const [error, setError] = useState<ShownError | null>(null);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  // Overrides arrive as a new object on every render; re-analyze only when their content changes.
  const overridesKey = JSON.stringify(overrides);
  const overridesRef = useRef(overrides);
  overridesRef.current = overrides;
  const latest = useRef(0);

  useEffect(() => {
    if (!record) return undefined;
    let live = true;
    const worker = workers.ingest();
    const jobId = `open-${hash}-${Date.now()}`;
    setLoaded(false);
    setError(null);
    const timer = setInterval(() => {
      void worker.progress(jobId).then((p) => live && setLoading(p));
    }, IMPORT_POLL_MS);
    (async () => {
      if (!(await worker.isLoaded(hash))) {
        await worker.openStored(jobId, hash, { delimiter: record.delimiter, encoding: record.encoding });
      }
      if (live) setLoaded(true);
    })()
      .catch((e: unknown) => live && setError(toShownError(e)))
      .finally(() => {
        clearInterval(timer);
        if (live) setLoading(undefined);
      });
    return () => {
      live = false;
      clearInterval(timer);
      void worker.cancel(jobId);
    };
    // The record's identity changes on every liveQuery tick; what matters is which dataset it is.
  }, [hash, record === undefined, workers]);

  useEffect(() => {
    if (!loaded) return;
    const ticket = ++latest.current;
    workers
      .ingest()
      .analyze(hash, overridesRef.current, label)
      .then((next) => {
        if (ticket === latest.current) setAnalysis(next);
      })
      .catch((e: unknown) => setError(toShownError(e)));
  }, [loaded, hash, overridesKey, label, workers]);

  return { record, loaded, loading, error, analysis };
}
