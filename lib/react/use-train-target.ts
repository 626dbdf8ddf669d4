'use client';
import { useMemo } from 'react';
import { inferTask } from '../data/infer';
import { defaultMetric, metricAppliesTo, type MetricName } from '../ml/metrics/registry';
import { dataSources } from '../pipeline/bindings';
import type { CellView } from '../sync/project-doc';
import type { Task } from '../data/types';
import { useCells } from './use-cells';
import { useProject } from './project-context';
import { useStoredDataset } from './use-stored-dataset';

/**
 * What a train or sweep cell trains on: the data cells above it that hold a dataset, the chosen one
 * (else the nearest), and the label, task and metric — the cell's own choice, else the data cell's,
 * else inferred from the stored profile (with the data cell's type overrides).
 */
export function useTrainTarget(cell: CellView) {
  const { doc } = useProject();
  const cells = useCells(doc);
  const { config } = cell;
  const index = cells.findIndex((c) => c.id === cell.id);
  const { sources, source } = dataSources(cells, index, config.sourceCellId);
  const dataset = useStoredDataset(source?.config.datasetHash);
  const columns = useMemo(() => (dataset ? dataset.schema.map((c) => c.name) : []), [dataset]);
  const label = config.label ?? source?.config.label;
  const inferredTask = useMemo(() => {
    if (!dataset || !label) return undefined;
    const overrides = source?.config.columnOverrides ?? {};
    const schema = dataset.schema.map((c) => ({ ...c, type: overrides[c.name]?.type ?? c.type }));
    return inferTask({ rowCount: dataset.rowCount, columns: [] }, schema, dataset.profile, label).task ?? undefined;
  }, [dataset, label, source?.config.columnOverrides]);
  const task: Task | undefined = config.task ?? (label === source?.config.label ? source?.config.task : undefined) ?? inferredTask;
  const metric: MetricName | undefined = config.metric && task && metricAppliesTo(config.metric, task) ? config.metric : task ? defaultMetric(task) : undefined;
  const parseOptions = dataset ? { ...(dataset.delimiter ? { delimiter: dataset.delimiter } : {}), encoding: dataset.encoding } : {};
  return { sources, source, dataset, columns, label, task, metric, parseOptions };
}
