'use client';
import { useLineage, type LineageNode } from '@/lib/react/use-experiments';

const KIND_LABELS: Record<string, string> = { config: 'Config', model: 'Trained model', predictions: 'Predictions', evaluation: 'Evaluation', workspace: 'Workspace' };

/** Where an experiment's artifacts come from (its dataset and config) and everything derived from them. */
export function LineageView({ projectId, experimentId, datasetName }: { readonly projectId: string; readonly experimentId: string; readonly datasetName?: string }) {
  const lineage = useLineage(projectId, experimentId);
  if (lineage === undefined) return null;
  if (lineage === null) return <p className="muted">No artifacts are recorded for this experiment.</p>;
  return (
    <ul className="lineage" aria-label="Lineage">
      <li>
        <span className="lineage-kind">Dataset</span> {datasetName ?? 'dataset'} <code className="muted small">{lineage.datasetHash?.slice(0, 12) ?? 'unknown'}</code>
        <ul>
          <Node node={lineage.root} />
        </ul>
      </li>
    </ul>
  );
}

function Node({ node }: { readonly node: LineageNode }) {
  const a = node.artifact;
  return (
    <li>
      <span className="lineage-kind">{KIND_LABELS[a.kind] ?? a.kind}</span> {a.name}
      {a.blobHash ? <code className="muted small"> {a.blobHash.slice(0, 12)}</code> : null}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <Node key={c.artifact.id} node={c} />
          ))}
        </ul>
      )}
    </li>
  );
}
