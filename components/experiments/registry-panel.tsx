'use client';
import { useState } from 'react';
import { registryHistory, STAGES, type RegistryError, type Stage } from '@/lib/experiments/registry';
import type { Registry } from '@/lib/react/use-registry';
import { RelativeTime } from '@/components/ui/relative-time';

interface RegistryPanelProps {
  readonly registry: Registry;
  /** exp-007 for an experiment id, when it is still in the project. */
  readonly nameOf: (experimentId: string) => string | undefined;
  readonly onOpen: (experimentId: string) => void;
}

/** Which model is in production and in staging, with demote, roll back and the history of changes. */
export function RegistryPanel({ registry, nameOf, onOpen }: RegistryPanelProps) {
  const [error, setError] = useState<RegistryError | undefined>();
  const history = registryHistory(registry.events).reverse();
  const label = (experimentId: string) => nameOf(experimentId) ?? 'a deleted experiment';
  return (
    <section aria-label="Model registry" className="card stack">
      <h2>Model registry</h2>
      <div className="registry-stages">
        {STAGES.slice()
          .reverse()
          .map((stage: Stage) => {
            const holder = registry.state[stage];
            return (
              <div key={stage} className="registry-stage" aria-label={`${stage} model`} role="group">
                <span className={`stage-badge ${stage}`}>{stage}</span>
                {holder ? (
                  <span>
                    <button type="button" className="link" onClick={() => onOpen(holder.experimentId)}>
                      {label(holder.experimentId)}
                    </button>{' '}
                    <span className="muted small">
                      since <RelativeTime at={holder.since} />, by {holder.by}
                    </span>
                  </span>
                ) : (
                  <span className="muted">none</span>
                )}
                <span className="spacer" />
                <button type="button" disabled={!holder} onClick={() => setError(registry.demote(stage))}>
                  Demote {stage}
                </button>
                <button
                  type="button"
                  disabled={registry.state.previous[stage].length === 0}
                  onClick={() => setError(registry.rollback(stage, (id) => nameOf(id) !== undefined))}
                >
                  Roll back {stage}
                </button>
              </div>
            );
          })}
      </div>
      {error && (
        <p role="alert" className="message error">
          {error.message}
        </p>
      )}
      {history.length > 0 ? (
        <details>
          <summary>History ({history.length})</summary>
          <ol className="log" aria-label="Registry history">
            {history.map((e) => (
              <li key={e.id}>
                <RelativeTime at={e.at} /> · {e.by} {e.action === 'promote' ? 'promoted' : e.action === 'demote' ? 'demoted' : 'rolled back to'} {label(e.experimentId)}{' '}
                {e.action === 'demote' ? 'from' : 'in'} {e.stage}
              </li>
            ))}
          </ol>
        </details>
      ) : (
        <p className="muted small">No model has been promoted yet: open a completed experiment and promote its model.</p>
      )}
    </section>
  );
}
