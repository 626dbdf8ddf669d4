/**
 * Runs a set of cells in pipeline order: a cell starts once every cell it needs (within the set)
 * has finished, independent cells run side by side up to `limit`, and a failure stops only what
 * depends on it; every other cell still runs. A cycle is refused before anything starts.
 *
 * @example
 * const graph = buildGraph(cellInputs(cells));
 * const outcomes = await runCells(graph, upstreamOf(graph, id), { limit: 2, run: (id) => runCell(id) });
 */
import type { CellId } from '../ids';
import { topologicalOrder, type PipelineGraph } from './graph';

export type CellOutcome =
  | { readonly status: 'done' }
  | { readonly status: 'failed'; readonly error: string }
  /** Not run: `because` (a cell it needs, directly or not) failed. */
  | { readonly status: 'skipped'; readonly because: CellId };

export type CellProgress = { readonly status: 'running' } | CellOutcome;

export interface RunOptions {
  /** Cells running at once, at least 1. */
  readonly limit: number;
  /** Runs one cell; a rejection fails it. */
  readonly run: (id: CellId) => Promise<void>;
  readonly onProgress?: (id: CellId, progress: CellProgress) => void;
  /** Once aborted, no further cell starts; those not started are left out of the outcomes. */
  readonly signal?: AbortSignal;
  /** A cell as the user knows it ("Train 2"), for the cycle refusal; the id by default. */
  readonly name?: (id: CellId) => string;
}

/** A run refused because the cells form a cycle. */
export class PipelineCycleError extends Error {
  constructor(
    readonly cycle: readonly CellId[],
    name: (id: CellId) => string = String,
  ) {
    const names = cycle.map(name);
    super(`These cells read from each other in a cycle, so none of them can run first: ${[...names, names[0]].join(' → ')}. Change one cell's input to break it.`);
    this.name = 'PipelineCycleError';
  }
}

/** Runs `cells` (a subset of the graph's); resolves with each started or skipped cell's outcome. */
export function runCells(graph: PipelineGraph, cells: ReadonlySet<CellId>, options: RunOptions): Promise<Map<CellId, CellOutcome>> {
  const ordered = topologicalOrder(graph, cells);
  if (!ordered.ok) return Promise.reject(new PipelineCycleError(ordered.cycle, options.name));
  const { run, onProgress, signal } = options;
  const limit = Math.max(1, Math.floor(options.limit));
  const outcomes = new Map<CellId, CellOutcome>();
  const waiting = new Map<CellId, number>();
  for (const c of ordered.order) waiting.set(c, graph.parents.get(c)!.filter((p) => cells.has(p)).length);
  // Ready cells in pipeline order, so that a run reads top to bottom where the edges allow.
  const rank = new Map(ordered.order.map((c, i) => [c, i]));
  const ready = ordered.order.filter((c) => waiting.get(c) === 0);
  let running = 0;

  return new Promise((resolve) => {
    const settle = (id: CellId, outcome: CellOutcome) => {
      outcomes.set(id, outcome);
      onProgress?.(id, outcome);
    };
    const skipBelow = (failed: CellId) => {
      const stack = [failed];
      for (let c = stack.pop(); c !== undefined; c = stack.pop()) {
        for (const child of graph.children.get(c)!) {
          if (!cells.has(child) || outcomes.has(child)) continue;
          settle(child, { status: 'skipped', because: failed });
          stack.push(child);
        }
      }
    };
    const finish = (id: CellId, outcome: CellOutcome) => {
      running--;
      settle(id, outcome);
      if (outcome.status === 'failed') skipBelow(id);
      else {
        for (const child of graph.children.get(id)!) {
          if (!cells.has(child) || outcomes.has(child)) continue;
          const left = waiting.get(child)! - 1;
          waiting.set(child, left);
          if (left === 0) insert(child);
        }
      }
      pump();
    };
    const insert = (c: CellId) => {
      const r = rank.get(c)!;
      let i = ready.length;
      while (i > 0 && rank.get(ready[i - 1]!)! > r) i--;
      ready.splice(i, 0, c);
    };
    const pump = () => {
      while (running < limit && ready.length > 0 && !signal?.aborted) {
        const id = ready.shift()!;
        if (outcomes.has(id)) continue;
        running++;
        onProgress?.(id, { status: 'running' });
        let started: Promise<void>;
        try {
          started = run(id);
        } catch (error) {
          started = Promise.reject(error);
        }
        started.then(
          () => finish(id, { status: 'done' }),
          (error: unknown) => finish(id, { status: 'failed', error: error instanceof Error ? error.message : String(error) }),
        );
      }
      if (running === 0) resolve(outcomes);
    };
    pump();
  });
}
