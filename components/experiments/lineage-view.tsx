'use client';
import { useLineage, type LineageNode } from '@/lib/react/use-experiments';
import type { Experiment } from '@/lib/store/experiments';

const KIND_LABELS: Record<string, string> = { config: 'Config', model: 'Trained model', predictions: 'Predictions', evaluation: 'Evaluation', workspace: 'Workspace' };

interface LineageViewProps {
  readonly projectId: string;
  /** An artifact of the tree to draw: an experiment's config, a code cell's model. */
  readonly artifactId: string;
  readonly datasetName?: string;
  /** An imported experiment: its model.zip stands between the dataset and the config. */
  readonly imported?: NonNullable<Experiment['imported']>;
}

/** Where artifacts come from (their dataset and config) and everything derived from them. */
export function LineageView({ projectId, artifactId, datasetName, imported }: LineageViewProps) {
  const lineage = useLineage(projectId, artifactId);
  if (lineage === undefined) return null;
  if (lineage === null) return <p className="muted">No artifacts are recorded here.</p>;
  const tree = (
    <ul>
      <Node node={lineage.root} />
    </ul>
  );
  return (
    <ul className="lineage" aria-label="Lineage">
      <li>
        <span className="lineage-kind">Dataset</span> {datasetName ?? 'dataset'} <code className="muted small">{lineage.datasetHash?.slice(0, 12) || 'unknown'}</code>
        {imported ? (
          <ul>
            <li>
              <span className="lineage-kind">model.zip</span> {imported.fileName}{' '}
              <span className="muted small">
                trained {imported.createdAt.slice(0, 10)}
                {imported.experimentId ? ` as experiment ${imported.experimentId}` : ''}
              </span>
              {tree}
            </li>
          </ul>
        ) : (
          tree
        )}
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
