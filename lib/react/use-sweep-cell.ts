'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { runSweep, type SweepEnd, type SweepInput, type SweepJob, type SweepProgress } from '../jobs/sweep-runner';
import { HEARTBEAT_STALE_MS } from '../store/experiments';
import { finishRun, heartbeatRun, readRuns, startRun, type Run } from '../store/runs';
import { APP_VERSION } from '../version';
import { useProject } from './project-context';
import { readTrainConcurrency } from './use-train-concurrency';
import { useWorkers } from './workers-context';

/** Sweeps this tab runs, by cell: only these can be canceled from here. */
const OWN_SWEEPS = new Map<string, SweepJob>();

export type SweepStart = Omit<SweepInput, 'projectId' | 'cellId' | 'codeVersion' | 'concurrency'>;

/** A run as shown: a `running` record nobody keeps alive reads as interrupted. */
export type ShownRun = Run & { readonly shownStatus: Run['status'] };

/**
 * A sweep cell's runs, read live from Dexie (another tab's progress shows too), and the actions
 * that start, resume and cancel its sweep.
 */
export function useSweepCell(cellId: string) {
  const { projectId } = useProject();
  const workers = useWorkers();
  const [progress, setProgress] = useState<SweepProgress | null>(null);
  const [running, setRunning] = useState(OWN_SWEEPS.has(cellId));
  const [end, setEnd] = useState<SweepEnd | null>(null);
  // A run left `running` by a closed tab stops getting heartbeats, not writes: look again now and then.
  const [tick, setTick] = useState(0);
  const runs = useLiveQuery(async () => {
    const now = Date.now();
    return (await readRuns(cellId)).map((r): ShownRun => ({ ...r, shownStatus: r.status === 'running' && now - r.heartbeatAt > HEARTBEAT_STALE_MS ? 'interrupted' : r.status }));
  }, [cellId, tick]);
  const othersRunning = !running && (runs ?? []).some((r) => r.shownStatus === 'running');
  useEffect(() => {
    if (!othersRunning) return;
    const timer = setInterval(() => setTick((t) => t + 1), HEARTBEAT_STALE_MS / 2);
    return () => clearInterval(timer);
  }, [othersRunning]);

  const start = useCallback(
    (input: SweepStart) => {
      if (OWN_SWEEPS.has(cellId)) return;
      setEnd(null);
      setProgress(null);
      const api = workers.train();
      const job = runSweep(
        { ...input, projectId, cellId, codeVersion: APP_VERSION, concurrency: readTrainConcurrency() },
        {
          expand: (spec, task) => api.expandSweep(spec, task),
          readRuns,
          startRun: (run) => startRun(run, HEARTBEAT_STALE_MS),
          heartbeat: heartbeatRun,
          finishRun,
          train: (request) => api.run(request),
          cancelTrain: (jobId) => api.cancel(jobId),
          onProgress: setProgress,
          staleMs: HEARTBEAT_STALE_MS,
        },
      );
      OWN_SWEEPS.set(cellId, job);
      setRunning(true);
      void job.done
        .then(setEnd, (error: unknown) => setEnd({ status: 'invalid', message: error instanceof Error ? error.message : String(error) }))
        .finally(() => {
          OWN_SWEEPS.delete(cellId);
          setRunning(false);
        });
    },
    [cellId, projectId, workers],
  );

  const cancel = useCallback(() => OWN_SWEEPS.get(cellId)?.cancel(), [cellId]);

  return { runs: runs ?? [], progress, end, running, start, cancel };
}
