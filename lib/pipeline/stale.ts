/**
 * Staleness: when a cell changes (its settings, its data, its result), everything downstream was
 * computed from the old version. Each such cell gets a reason naming the change, and whether it
 * may re-run by itself: cheap cells do, heavy ones (HEAVY_KINDS) wait to be asked.
 *
 * In the notebook a cell's staleness is read off what its stored result was made from (a model,
 * a dataset hash) against what it would use now, so that it holds across reloads and for every
 * collaborator: `resultStaleness`, `modelStaleness`.
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

/** What a cell's stored result was made from. */
export interface UsedInputs {
  /** The experiment whose model made it. */
  readonly modelId?: string | undefined;
  /** The stored dataset it read (absent for a file or a typed row). */
  readonly datasetHash?: string | undefined;
}

/** What the cell would use if it ran now. */
export interface CurrentInputs extends UsedInputs {
  /** exp-007, for the reason. */
  readonly modelName?: string | undefined;
}

/**
 * Why a predict or evaluate cell's result no longer matches what it would use now (a promotion,
 * a new model, a new dataset in its data cell), or null when it still does or nothing is known.
 */
export function resultStaleness(used: UsedInputs, now: CurrentInputs): string | null {
  if (used.modelId && now.modelId && used.modelId !== now.modelId) return `it now uses ${now.modelName ?? 'another model'}, not the model of this result`;
  if (used.datasetHash && now.datasetHash && used.datasetHash !== now.datasetHash) return 'the data cell it reads holds a new dataset';
  return null;
}

/** Why a train cell's model no longer matches its data cell, or null. */
export function modelStaleness(trainedOn: string | undefined, now: string | undefined): string | null {
  return trainedOn && now && trainedOn !== now ? 'its data cell holds a new dataset since this model was trained' : null;
}

/**
 * Why a cell's result no longer matches its own settings: the names of the settings whose value
 * now differs from the one the result was made with (compared as JSON), or null. `words` names
 * the settings compared, in the user's words ("time budget").
 */
export function settingsStaleness<K extends string>(used: Partial<Record<K, unknown>>, now: Partial<Record<K, unknown>>, words: Readonly<Record<K, string>>): string | null {
  const changed = (Object.keys(words) as K[]).filter((key) => JSON.stringify(used[key] ?? null) !== JSON.stringify(now[key] ?? null));
  if (changed.length === 0) return null;
  return `its ${changed.map((key) => words[key]).join(', ')} changed since this result was made`;
}

/**
 * The reasons to show for a notebook: each cell's own (its result against its settings and
 * inputs), and for a cell downstream of one whose own result is out of date, that cell's name:
 * running the pipeline now would change what it was made from. Only cells with a result get one
 * (`hasResult`); a cell's own reason wins.
 */
export function withDownstreamStaleness(
  graph: PipelineGraph,
  own: Readonly<Record<string, string>>,
  hasResult: (id: CellId) => boolean,
  nameOf: (id: CellId) => string,
): Record<string, string> {
  const out: Record<string, string> = { ...own };
  const ordered = topologicalOrder(graph, new Set(graph.cells));
  const order = ordered.ok ? ordered.order : graph.cells;
  for (const changed of order) {
    if (!own[changed]) continue;
    for (const { cellId } of staleAfter(graph, changed)) {
      if (out[cellId] || !hasResult(cellId)) continue;
      out[cellId] = `it comes from ${nameOf(changed)}, which is stale: run both again`;
    }
  }
  return out;
}
