/** Notebooks for the pipeline tests: cells named by a short label, with real cell ids. */
import { CellId, ContentHash } from '../../ids';
import type { CellConfig, CellKind, CellView } from '../../sync/project-doc';
import { cellInputs } from '../bindings';
import { buildGraph, type PipelineGraph } from '../graph';

const HASH = ContentHash.parse('a'.repeat(64));

export interface Notebook {
  readonly cells: CellView[];
  readonly graph: PipelineGraph;
  /** Cell id by label. */
  readonly id: (label: string) => CellId;
  /** Labels of ids. */
  readonly labels: (ids: Iterable<CellId>) => string[];
}

/**
 * `spec` is [label, kind, config] in notebook order; a config's `sourceCellId` may be a label. Data
 * cells hold a dataset unless their config says `datasetHash: undefined`.
 */
export function notebook(spec: readonly (readonly [string, CellKind, (CellConfig & { from?: string })?])[]): Notebook {
  const ids = new Map(spec.map(([label]) => [label, CellId.create()]));
  const labelOf = new Map([...ids].map(([label, id]) => [id, label]));
  const cells = spec.map(([label, kind, config = {}]): CellView => {
    const { from, ...rest } = config;
    return {
      id: ids.get(label)!,
      kind,
      collapsed: false,
      source: '',
      config: { ...(kind === 'data' && !('datasetHash' in config) ? { datasetHash: HASH } : {}), ...rest, ...(from ? { sourceCellId: ids.get(from) ?? CellId.create() } : {}) },
    };
  });
  return {
    cells,
    graph: buildGraph(cellInputs(cells)),
    id: (label) => ids.get(label)!,
    labels: (list) => [...list].map((id) => labelOf.get(id) ?? id),
  };
}
