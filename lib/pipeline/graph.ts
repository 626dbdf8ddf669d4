/**
 * The notebook as a DAG: an edge from each cell to the cells whose inputs it feeds (bindings.ts).
 * Orders are topological with ties in notebook order, so a run reads top to bottom wherever the
 * edges allow; a cycle (a cell that reads, through others, what it produces) is refused with the
 * cells on it named.
 */
import type { CellId } from '../ids';
import type { CellKind } from '../sync/project-doc';
import { upstreamCell, type CellInputs } from './bindings';

/** Over cell ids, or (a pipeline file's) node ids. */
export interface PipelineGraph<Id extends string = CellId> {
  /** Every cell, in notebook order. */
  readonly cells: readonly Id[];
  readonly kinds: ReadonlyMap<Id, CellKind>;
  /** Direct upstream cells (each once), in notebook order. */
  readonly parents: ReadonlyMap<Id, readonly Id[]>;
  /** Direct downstream cells (each once), in notebook order. */
  readonly children: ReadonlyMap<Id, readonly Id[]>;
}

export type TopologicalOrder<Id extends string = CellId> =
  | {
      readonly ok: true;
      /** Every cell after all of its upstream cells. */
      readonly order: readonly Id[];
      /** Cells that may run side by side: level k needs only cells of levels below k. */
      readonly levels: readonly (readonly Id[])[];
    }
  | { readonly ok: false; readonly cycle: readonly Id[] };

export function buildGraph(cells: readonly CellInputs[]): PipelineGraph {
  const ids = cells.map((c) => c.cellId);
  const position = new Map(ids.map((id, i) => [id, i]));
  const parents = new Map<CellId, CellId[]>();
  const children = new Map<CellId, CellId[]>(ids.map((id) => [id, []]));
  for (const cell of cells) {
    const from = new Set<CellId>();
    for (const source of Object.values(cell.inputs)) {
      const up = upstreamCell(source);
      // A source that is not in the notebook (deleted since) feeds nothing; bindings say why.
      if (up !== undefined && position.has(up)) from.add(up);
    }
    const sorted = [...from].sort((a, b) => position.get(a)! - position.get(b)!);
    parents.set(cell.cellId, sorted);
    for (const up of sorted) children.get(up)!.push(cell.cellId);
  }
  for (const list of children.values()) list.sort((a, b) => position.get(a)! - position.get(b)!);
  return { cells: ids, kinds: new Map(cells.map((c) => [c.cellId, c.kind])), parents, children };
}

/** Kahn's algorithm over `only` (every cell when absent); edges from cells outside it count as met. */
export function topologicalOrder<Id extends string>(graph: PipelineGraph<Id>, only?: ReadonlySet<Id>): TopologicalOrder<Id> {
  const cells = only ? graph.cells.filter((c) => only.has(c)) : graph.cells;
  const inside = only ?? new Set(graph.cells);
  const position = new Map(graph.cells.map((id, i) => [id, i]));
  const waiting = new Map<Id, number>();
  const level = new Map<Id, number>();
  for (const c of cells) waiting.set(c, graph.parents.get(c)!.filter((p) => inside.has(p)).length);
  // Ready cells, kept in reverse notebook order so that the next is the last.
  const ready: Id[] = [];
  const push = (c: Id) => {
    const p = position.get(c)!;
    let lo = 0;
    let hi = ready.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (position.get(ready[mid]!)! > p) lo = mid + 1;
      else hi = mid;
    }
    ready.splice(lo, 0, c);
  };
  for (const c of cells) if (waiting.get(c) === 0) push(c);
  const order: Id[] = [];
  const levels: Id[][] = [];
  for (let c = ready.pop(); c !== undefined; c = ready.pop()) {
    order.push(c);
    const k = level.get(c) ?? 0;
    (levels[k] ??= []).push(c);
    for (const child of graph.children.get(c)!) {
      if (!inside.has(child)) continue;
      level.set(child, Math.max(level.get(child) ?? 0, k + 1));
      const left = waiting.get(child)! - 1;
      waiting.set(child, left);
      if (left === 0) push(child);
    }
  }
  if (order.length === cells.length) return { ok: true, order, levels };
  return { ok: false, cycle: findCycle(graph, cells.filter((c) => waiting.get(c)! > 0), inside) };
}

/** `id` and every cell it needs, transitively. */
export function upstreamOf(graph: PipelineGraph, id: CellId): Set<CellId> {
  return reach(graph.parents, id);
}

/** `id` and every cell that needs it, transitively. */
export function downstreamOf(graph: PipelineGraph, id: CellId): Set<CellId> {
  return reach(graph.children, id);
}

function reach(edges: ReadonlyMap<CellId, readonly CellId[]>, id: CellId): Set<CellId> {
  const seen = new Set<CellId>([id]);
  const stack = [id];
  for (let c = stack.pop(); c !== undefined; c = stack.pop()) {
    for (const next of edges.get(c) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/** A cycle among `stuck` (cells Kahn could not order), in edge order, starting at its first cell in the notebook. */
function findCycle<Id extends string>(graph: PipelineGraph<Id>, stuck: readonly Id[], inside: ReadonlySet<Id>): Id[] {
  const candidates = new Set(stuck);
  // Walk upstream through stuck cells: every stuck cell has a stuck parent, so the walk must repeat.
  const path: Id[] = [];
  const at = new Map<Id, number>();
  let c: Id | undefined = stuck[0];
  while (c !== undefined && !at.has(c)) {
    at.set(c, path.length);
    path.push(c);
    c = graph.parents.get(c)!.find((p) => candidates.has(p) && inside.has(p));
  }
  if (c === undefined) return [...stuck];
  const cycle = path.slice(at.get(c)!).reverse(); // parent before child
  const position = new Map(graph.cells.map((id, i) => [id, i]));
  const first = cycle.reduce((best, id, i) => (position.get(id)! < position.get(cycle[best]!)! ? i : best), 0);
  return [...cycle.slice(first), ...cycle.slice(0, first)];
}
