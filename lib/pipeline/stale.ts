/**
 * Staleness: when a cell changes (its settings, its data, its result), everything downstream was
 * computed from the old version. Each such cell gets a reason naming the change, and whether it
 * may re-run by itself: cheap cells do, heavy ones (HEAVY_KINDS) wait to be asked.
 */
import type { CellId } from '../ids';
import { downstreamOf, topologicalOrder, type PipelineGraph } from './graph';
import { HEAVY_KINDS, RUNNABLE_KINDS } from './ports';

export interface StaleCell {
  readonly cellId: CellId;
  /** The edited cell this one (directly or through others) reads from. */
  readonly because: CellId;
  /** True for a cheap runnable cell: re-run it without asking. */
  readonly rerunsByItself: boolean;
}

/**
 * The cells made stale by a change to `changed`, in the order they would re-run. The changed cell
 * itself is not among them: it is the one that was edited.
 */
export function staleAfter(graph: PipelineGraph, changed: CellId): StaleCell[] {
  const below = downstreamOf(graph, changed);
  below.delete(changed);
  const ordered = topologicalOrder(graph, below);
  const cells = ordered.ok ? ordered.order : graph.cells.filter((c) => below.has(c));
  return cells.map((cellId) => {
    const kind = graph.kinds.get(cellId)!;
    return { cellId, because: changed, rerunsByItself: RUNNABLE_KINDS.has(kind) && !HEAVY_KINDS.has(kind) };
  });
}
