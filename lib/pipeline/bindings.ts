/**
 * Where each cell's inputs come from, read off the notebook as the cells already choose them: a
 * train cell's data cell (`sourceCellId`, else the nearest data cell above that holds a dataset),
 * a predict cell's model (a registry stage, an experiment, or automatic) and rows (a data cell, a
 * picked file, a typed row). The pipeline's edges (graph.ts) are the inputs fed by other cells.
 */
import type { CellId } from '../ids';
import type { CellKind, CellView } from '../sync/project-doc';
import { CELL_INPUTS } from './ports';

export type InputSource =
  /** Another cell's output; `automatic` when the cell did not choose it (the nearest one above). */
  | { readonly type: 'cell'; readonly cellId: CellId; readonly output: string; readonly automatic: boolean }
  | { readonly type: 'registry'; readonly stage: 'production' | 'staging' }
  | { readonly type: 'experiment'; readonly experimentId: string }
  /**
   * The production model, else the newest: chosen when the cell runs. It runs after `after`, the
   * nearest train cell above, whose model is the newest once it has run.
   */
  | { readonly type: 'automatic'; readonly after: CellId | undefined }
  | { readonly type: 'file' }
  | { readonly type: 'row' }
  /** An optional input left empty (a code cell with no rows to predict): the cell runs without it. */
  | { readonly type: 'unused' }
  /** Nothing feeds the input yet: the cell cannot run, and `reason` says what to do. */
  | { readonly type: 'none'; readonly reason: string };

export interface CellInputs {
  readonly cellId: CellId;
  readonly kind: CellKind;
  /** By input name (CELL_INPUTS of the kind). */
  readonly inputs: Readonly<Record<string, InputSource>>;
}

/**
 * The data cells a cell at `index` may read (those above it that hold a dataset, and the one it
 * chose wherever it is) and the one it reads: its choice, else the nearest.
 */
export function dataSources(cells: readonly CellView[], index: number, sourceCellId: string | undefined): { sources: CellView[]; source: CellView | undefined } {
  const sources = cells.filter((c, i) => c.kind === 'data' && c.config.datasetHash && (i < index || c.id === sourceCellId));
  return { sources, source: sources.find((s) => s.id === sourceCellId) ?? sources.at(-1) };
}

/** Every cell's inputs, in notebook order. */
export function cellInputs(cells: readonly CellView[]): CellInputs[] {
  return cells.map((cell, index) => {
    const inputs: Record<string, InputSource> = {};
    for (const name of Object.keys(CELL_INPUTS[cell.kind])) inputs[name] = name === 'model' ? modelInput(cells, index) : name === 'future' ? futureInput(cells, index) : datasetInput(cells, index);
    return { cellId: cell.id, kind: cell.kind, inputs };
  });
}

function datasetInput(cells: readonly CellView[], index: number): InputSource {
  const { config, kind } = cells[index]!;
  if (kind === 'predict' || kind === 'evaluate') {
    if (config.inputSource === 'file') return { type: 'file' };
    if (config.inputSource === 'row' && kind === 'predict') return { type: 'row' };
  }
  const { source } = dataSources(cells, index, config.sourceCellId);
  if (!source) return { type: 'none', reason: 'No data cell above holds a dataset: add one, or import a file into it.' };
  return { type: 'cell', cellId: source.id, output: 'dataset', automatic: source.id !== config.sourceCellId };
}

/** A code cell's rows to predict: only the data cell it chose (predicting on a guess would mislead). */
function futureInput(cells: readonly CellView[], index: number): InputSource {
  const chosen = cells[index]!.config.futureCellId;
  if (chosen === undefined) return { type: 'unused' };
  const source = cells.find((c) => c.id === chosen && c.kind === 'data');
  if (!source?.config.datasetHash) return { type: 'none', reason: 'The data cell chosen for the rows to predict is gone or holds no dataset: choose another.' };
  return { type: 'cell', cellId: source.id, output: 'dataset', automatic: false };
}

function modelInput(cells: readonly CellView[], index: number): InputSource {
  const choice = cells[index]!.config.model;
  if (choice === 'production' || choice === 'staging') return { type: 'registry', stage: choice };
  if (choice !== undefined) return { type: 'experiment', experimentId: choice };
  const train = cells.slice(0, index).findLast((c) => c.kind === 'train');
  return { type: 'automatic', after: train?.id };
}

/** The cell whose output feeds `source`, or that it waits for; undefined for sources outside the notebook. */
export function upstreamCell(source: InputSource): CellId | undefined {
  if (source.type === 'cell') return source.cellId;
  if (source.type === 'automatic') return source.after;
  return undefined;
}
