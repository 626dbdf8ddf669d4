/**
 * A synthetic project's artifacts for tests and benchmarks of the lineage index: `configs` configs,
 * each with `models` models, each model with one predictions artifact carrying an evaluation and a
 * workspace. 5 artifacts per model plus the config. Ids sort in creation order.
 */
import type { ArtifactRecord } from '../lineage';

export function syntheticLineage(configs: number, models: number): ArtifactRecord[] {
  const out: ArtifactRecord[] = [];
  const id = (n: number) => `a${String(n).padStart(9, '0')}`;
  const add = (record: Omit<ArtifactRecord, 'id' | 'projectId' | 'createdAt' | 'name'>): string => {
    const n = out.length;
    out.push({ id: id(n), projectId: 'p', createdAt: n, name: `${record.kind} ${n}`, ...record });
    return id(n);
  };
  for (let c = 0; c < configs; c++) {
    const config = add({ kind: 'config', parentId: null, datasetHash: `dataset-${c % 10}` });
    for (let m = 0; m < models; m++) {
      const model = add({ kind: 'model', parentId: config, experimentId: `exp-${c}`, blobHash: `model-${c}-${m}` });
      const predictions = add({ kind: 'predictions', parentId: model, blobHash: `pred-${c}-${m}` });
      add({ kind: 'evaluation', parentId: predictions, blobHash: `eval-${c}-${m}` });
      add({ kind: 'workspace', parentId: predictions });
    }
  }
  return out;
}
