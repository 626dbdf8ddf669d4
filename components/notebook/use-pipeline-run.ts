'use client';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { CellId } from '@/lib/ids';
import { cellInputs } from '@/lib/pipeline/bindings';
import { buildGraph, downstreamOf, upstreamOf } from '@/lib/pipeline/graph';
import { PipelineCycleError, runCells, type CellProgress } from '@/lib/pipeline/schedule';
import { withDownstreamStaleness } from '@/lib/pipeline/stale';
import type { CellView } from '@/lib/sync/project-doc';
import { CellNotReadyError, type CellRunner, type CellRunners } from './cell-runners';

/** Cells of one pipeline run at once: two trainings side by side already share the cores. */
export const PIPELINE_JOB_LIMIT = 2;

/**
 * A cell's state in a pipeline run. A failed cell whose runner refused to start (CellNotReadyError)
 * has `explain`: its frame says why, since the cell itself shows nothing; other failures the cell
 * shows in its own way (a failed experiment, a job's error).
 */
export type CellRunState = { readonly status: 'queued' } | Exclude<CellProgress, { status: 'failed' }> | { readonly status: 'failed'; readonly error: string; readonly explain: boolean };

export interface PipelineRun {
  /** The registry the cells put their runners in (CellRunnersContext). */
  readonly runners: CellRunners;
  /** Why each stale cell's result is out of date, by cell. */
  readonly stale: Readonly<Record<string, string>>;
  /** Each cell's state in the current or last run; absent for cells it did not include. */
  readonly states: Readonly<Record<string, CellRunState>>;
  readonly running: boolean;
  /** The last run's summary, or why it could not start. */
  readonly summary: string | null;
  readonly runAll: () => void;
  /** The cell and every cell it needs. */
  readonly runWithInputs: (id: CellId) => void;
  /** The cell and every cell that needs it. */
  readonly runDownstream: (id: CellId) => void;
  /** No further cell starts; those running finish. */
  readonly stop: () => void;
}

/** Runs the notebook's cells as a pipeline (lib/pipeline), each through the runner its cell registered. */
export function usePipelineRun(cells: readonly CellView[], nameOf: (id: CellId) => string): PipelineRun {
  const registered = useRef(new Map<CellId, CellRunner>());
  const [states, setStates] = useState<Readonly<Record<string, CellRunState>>>({});
  const [running, setRunning] = useState(false);
  const [stale, setStale] = useState<Readonly<Record<string, string>>>({});
  const runners = useMemo<CellRunners>(
    () => ({
      register(id, runner) {
        registered.current.set(id, runner);
        return () => {
          if (registered.current.get(id) === runner) registered.current.delete(id);
        };
      },
      reportStale(id, reason) {
        setStale((s) => {
          if ((s[id] ?? null) === reason) return s;
          const { [id]: _gone, ...rest } = s;
          return reason === null ? rest : { ...rest, [id]: reason };
        });
      },
      pipelineRunning: running,
    }),
    [running],
  );
  const [summary, setSummary] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const latest = useRef({ cells, nameOf });
  latest.current = { cells, nameOf };

  const run = useCallback(async (pick: (graph: ReturnType<typeof buildGraph>) => Set<CellId>) => {
    if (controller.current) return;
    const { cells: now, nameOf: name } = latest.current;
    const graph = buildGraph(cellInputs(now));
    // Markdown cells have nothing to run.
    const chosen = new Set([...pick(graph)].filter((id) => graph.kinds.get(id) !== 'markdown'));
    if (chosen.size === 0) {
      setSummary('There is no cell to run here.');
      return;
    }
    const notReady = new Set<CellId>();
    const abort = new AbortController();
    controller.current = abort;
    setRunning(true);
    setSummary(null);
    setStates(Object.fromEntries([...chosen].map((id) => [id, { status: 'queued' } as const])));
    try {
      const outcomes = await runCells(graph, chosen, {
        limit: PIPELINE_JOB_LIMIT,
        signal: abort.signal,
        name,
        run: (id) => {
          const runner = registered.current.get(id);
          if (!runner) return Promise.reject(new CellNotReadyError('This cell is not on the page: reload it and run again.'));
          return runner().catch((error: unknown) => {
            if (error instanceof CellNotReadyError) notReady.add(id);
            throw error;
          });
        },
        onProgress: (id, progress) => setStates((s) => ({ ...s, [id]: progress.status === 'failed' ? { ...progress, explain: notReady.has(id) } : progress })),
      });
      const count = (status: string) => [...outcomes.values()].filter((o) => o.status === status).length;
      const notRun = chosen.size - outcomes.size;
      const parts = [`${count('done')} done`, count('failed') && `${count('failed')} failed`, count('skipped') && `${count('skipped')} not run because a cell they need failed`, notRun && `${notRun} not started (stopped)`].filter(Boolean);
      setSummary(`Ran ${chosen.size} ${chosen.size === 1 ? 'cell' : 'cells'}: ${parts.join(', ')}.`);
      if (notRun) setStates((s) => Object.fromEntries(Object.entries(s).filter(([, state]) => state.status !== 'queued')));
    } catch (error) {
      setSummary(error instanceof PipelineCycleError ? error.message : `The run could not start: ${error instanceof Error ? error.message : String(error)}`);
      setStates({});
    } finally {
      controller.current = null;
      setRunning(false);
    }
  }, []);

  // A stale cell makes what it feeds stale too (shown only: re-running them alone would change nothing).
  // Once per change of the cells or of a reason, not on every render of the notebook.
  const staleWithDownstream = useMemo(() => {
    const byId = new Map(cells.map((c) => [c.id, c]));
    const hasResult = (id: CellId): boolean => {
      const config = byId.get(id)?.config;
      return Boolean(config && (config.artifactId ?? config.experimentId ?? config.modelArtifactId));
    };
    return withDownstreamStaleness(buildGraph(cellInputs(cells)), stale, hasResult, nameOf);
  }, [cells, stale, nameOf]);
  return {
    runners,
    stale: staleWithDownstream,
    states,
    running,
    summary,
    runAll: () => void run((graph) => new Set(graph.cells)),
    runWithInputs: (id) => void run((graph) => upstreamOf(graph, id)),
    runDownstream: (id) => void run((graph) => downstreamOf(graph, id)),
    stop: () => controller.current?.abort(),
  };
}
