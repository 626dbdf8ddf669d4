'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import type { CellId } from '@/lib/ids';
import { resultStaleness, type CurrentInputs } from '@/lib/pipeline/stale';
import { readResultInputs } from '@/lib/store/predictions';
import { usePipelineRunning, useReportStale } from './cell-runners';

/** Predictions on up to this many rows re-run by themselves when stale; larger ones wait to be asked. */
export const AUTO_RERUN_MAX_ROWS = 50_000;

interface StaleResultOptions {
  readonly cellId: CellId;
  /** The cell's stored result (predictions or evaluation). */
  readonly artifactId: string | undefined;
  readonly now: CurrentInputs;
  /** Cheap enough to re-run without asking (a typed row, a small data cell). */
  readonly cheap: boolean;
  readonly running: boolean;
  readonly rerun: () => void;
}

/**
 * A predict or evaluate cell's staleness: its stored result against what it would use now (see
 * lib/pipeline/stale). Reported to the frame; a cheap cell re-runs by itself, once per change (a
 * run that fails is not retried in a loop), and never while the notebook runs as a pipeline.
 */
export function useStaleResult({ cellId, artifactId, now, cheap, running, rerun }: StaleResultOptions): string | null {
  const used = useLiveQuery(async () => (artifactId ? readResultInputs(artifactId) : undefined), [artifactId]);
  const reason = used && !running ? resultStaleness(used, now) : null;
  useReportStale(cellId, reason);
  const pipelineRunning = usePipelineRunning();
  const key = reason ? `${now.modelId ?? ''}|${now.datasetHash ?? ''}` : null;
  const tried = useRef<string | null>(null);
  const latest = useRef(rerun);
  latest.current = rerun;
  useEffect(() => {
    if (!key || !cheap || running || pipelineRunning || tried.current === key) return;
    tried.current = key;
    latest.current();
  }, [key, cheap, running, pipelineRunning]);
  return reason;
}
