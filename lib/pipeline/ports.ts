/**
 * What each kind of cell consumes and produces: the typed ports that make a notebook a pipeline
 * (DESIGN.md §7). An input is fed by an upstream cell's output of the same type, or by a source
 * outside the notebook (the registry, a file, a typed row).
 */
import type { CellKind } from '../sync/project-doc';

export const PORT_TYPES = ['dataset', 'model', 'predictions', 'evaluation', 'table', 'value'] as const;
export type PortType = (typeof PORT_TYPES)[number];

/** Outputs by cell kind: port name → type. */
export const CELL_OUTPUTS: Readonly<Record<CellKind, Readonly<Record<string, PortType>>>> = {
  markdown: {},
  data: { dataset: 'dataset' },
  train: { model: 'model' },
  sweep: { results: 'table' },
  predict: { predictions: 'predictions' },
  evaluate: { evaluation: 'evaluation' },
  code: { model: 'model', predictions: 'predictions' },
};

/** Inputs by cell kind: port name → type. */
export const CELL_INPUTS: Readonly<Record<CellKind, Readonly<Record<string, PortType>>>> = {
  markdown: {},
  data: {},
  train: { dataset: 'dataset' },
  sweep: { dataset: 'dataset' },
  predict: { model: 'model', dataset: 'dataset' },
  evaluate: { model: 'model', dataset: 'dataset' },
  /** `future`: the rows its predict function gets; optional (without it the cell only trains). */
  code: { dataset: 'dataset', future: 'dataset' },
};

/**
 * Kinds whose run may cost minutes (a search, a sweep, user code): they re-run only when asked, never because
 * something upstream changed. The others are cheap enough to re-run by themselves.
 */
export const HEAVY_KINDS: ReadonlySet<CellKind> = new Set(['train', 'sweep', 'code']);

/** Kinds that run as a job; markdown has nothing to run and a data cell imports when a file is given. */
export const RUNNABLE_KINDS: ReadonlySet<CellKind> = new Set(['train', 'sweep', 'predict', 'evaluate', 'code']);
