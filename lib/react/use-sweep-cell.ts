'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { runSweep, type SweepEnd, type SweepInput, type SweepJob, type SweepProgress } from '../jobs/sweep-runner';
import { HEARTBEAT_STALE_MS } from '../store/experiments';
import { advanceRuns, heartbeatRun, readRuns, type Run } from '../store/runs';
import { publishRun } from '../store/records-mirror';
import { APP_VERSION } from '../version';
import { useProject } from './project-context';
import { resolveTrialWorkers } from './use-trial-workers';
import { useWorkers } from './workers-context';

/** Sweeps this tab runs, by cell: only these can be canceled from here. */
const OWN_SWEEPS = new Map<string, SweepJob>();

export type SweepStart = Omit<SweepInput, 'projectId' | 'cellId' | 'codeVersion' | 'concurrency'>;

/** A run as shown: a `running` record nobody keeps alive reads as interrupted. */
export type ShownRun = Run & { readonly shownStatus: Run['status'] };

function shown(runs: readonly Run[]): ShownRun[] {
  const now = Date.now();
  return runs.map((r) => ({ ...r, shownStatus: r.status === 'running' && now - r.heartbeatAt > HEARTBEAT_STALE_MS ? 'interrupted' : r.status }));
}

/** How often a sweep running in this tab re-reads its runs for the view. */
const SWEEP_REFRESH_MS = 1000;

/**
 * A sweep cell's runs, read live from Dexie (another tab's progress shows too), and the actions
 * that start, resume and cancel its sweep.
 */
export function useSweepCell(cellId: string) {
  const { projectId, doc } = useProject();
  const workers = useWorkers();
  const [progress, setProgress] = useState<SweepProgress | null>(null);
  const [running, setRunning] = useState(OWN_SWEEPS.has(cellId));
  const [end, setEnd] = useState<SweepEnd | null>(null);
  // Read live (on every write), and also on a clock: a run left `running` by a closed tab stops
  // getting heartbeats, not writes. While this tab's own sweep writes several records a second, it
  // reads on a clock only (a live query would re-read every run after every write).
  const [tick, setTick] = useState(0);
  const live = useLiveQuery(async () => (running ? null : shown(await readRuns(cellId))), [cellId, tick, running]);
  const [polled, setPolled] = useState<ShownRun[] | null>(null);
  useEffect(() => {
    if (!running) return undefined;
    let on = true;
    const read = () => void readRuns(cellId).then((r) => on && setPolled(shown(r)));
    read();
    const timer = setInterval(read, SWEEP_REFRESH_MS);
    return () => {
      on = false;
      clearInterval(timer);
    };
  }, [running, cellId]);
  const runs = running ? (polled ?? live) : live;
  const othersRunning = !running && (runs ?? []).some((r) => r.shownStatus === 'running');
  useEffect(() => {
    if (!othersRunning) return undefined;
    const timer = setInterval(() => setTick((t) => t + 1), HEARTBEAT_STALE_MS / 2);
    return () => clearInterval(timer);
  }, [othersRunning]);

  /** Starts the sweep; its end, or undefined when this cell's sweep is already running here. */
  const start = useCallback(
    (input: SweepStart): Promise<SweepEnd> | undefined => {
      if (OWN_SWEEPS.has(cellId)) return undefined;
      setEnd(null);
      setProgress(null);
      // Runs at once: one per worker of the pool ("Workers per training"), each worker one run at a time.
      const pool = workers.sweepWorkers?.(resolveTrialWorkers()) ?? [workers.train()];
      const free = [...pool];
      const byJob = new Map<string, (typeof pool)[number]>();
      let measured = 0;
      const job = runSweep(
        { ...input, projectId, cellId, codeVersion: APP_VERSION, concurrency: pool.length },
        {
          expand: (spec, task) => pool[0]!.expandSweep(spec, task),
          readRuns,
          advance: async (finished, next) => {
            const { ended, started } = await advanceRuns(finished, next, HEARTBEAT_STALE_MS);
            // Collaborators get it; the sweep does not wait for the document's own write.
            if (ended) publishRun(doc, ended);
            return started;
          },
          heartbeat: heartbeatRun,
          train: async (request) => {
            const api = free.shift() ?? pool[0]!;
            byJob.set(request.jobId, api);
            try {
              return await api.run(request);
            } finally {
              byJob.delete(request.jobId);
              free.push(api);
            }
          },
          cancelTrain: async (jobId) => byJob.get(jobId)?.cancel(jobId),
          onProgress: (p) => {
            // In the performance timeline: each run's cost beyond its training (read by bench/sweep.ts).
            for (const ms of p.overheadMs.slice(measured)) performance.measure('loopbook:sweep-run-overhead', { start: Math.max(0, performance.now() - ms), duration: ms });
            measured = p.overheadMs.length;
            setProgress(p);
          },
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
      return job.done;
    },
    [cellId, projectId, doc, workers],
  );

  const cancel = useCallback(() => OWN_SWEEPS.get(cellId)?.cancel(), [cellId]);

  return { runs: runs ?? [], progress, end, running, start, cancel };
}
