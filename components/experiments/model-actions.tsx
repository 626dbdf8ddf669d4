'use client';
import { useState } from 'react';
import { canDeleteModel, STAGES, type Stage } from '@/lib/experiments/registry';
import type { Registry } from '@/lib/react/use-registry';
import { deleteExperimentRecords, derivedArtifactCount } from '@/lib/react/use-experiments';
import type { Experiment } from '@/lib/store/experiments';
import { toShownError } from '@/lib/react/error-text';
import { useProject } from '@/lib/react/project-context';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ExportModelButton } from './export-model-button';

interface ModelActionsProps {
  readonly experiment: Experiment;
  readonly registry: Registry;
  readonly onDeleted: () => void;
}

/**
 * Promote the experiment's model to staging or production, export it as model.zip, or delete the
 * experiment (asks first; refused while its model holds a stage).
 */
export function ModelActions({ experiment: e, registry, onDeleted }: ModelActionsProps) {
  const { doc } = useProject();
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [derived, setDerived] = useState(0);
  // The model's registry id is its experiment's id: one trained model per experiment.
  const model = { id: e.id, experimentId: e.id, status: e.status, name: e.name };
  const stage = STAGES.find((s) => registry.state[s]?.modelId === e.id);
  const promoteTo = (s: Stage) => setMessage(registry.promote(model, s)?.message ?? null);
  const askDelete = () => {
    const allowed = canDeleteModel(registry.events, e.id);
    if (allowed !== true) {
      setMessage(allowed.message);
      return;
    }
    void derivedArtifactCount(e.id).then((n) => {
      setDerived(n);
      setConfirming(true);
    });
  };
  const remove = async () => {
    setConfirming(false);
    try {
      await deleteExperimentRecords(doc, e.id);
      onDeleted();
    } catch (error) {
      setMessage(toShownError(error).message);
    }
  };
  return (
    <div className="stack">
      <div className="row">
        {stage ? <span className={`stage-badge ${stage}`}>in {stage}</span> : null}
        <button type="button" disabled={e.status !== 'completed' || stage === 'staging' || stage === 'production'} onClick={() => promoteTo('staging')}>
          Promote to staging
        </button>
        <button type="button" disabled={e.status !== 'completed' || stage === 'production'} onClick={() => promoteTo('production')}>
          Promote to production
        </button>
        <ExportModelButton experiment={e} />
        <span className="spacer" />
        <button type="button" className="danger" onClick={askDelete}>
          Delete {e.name}
        </button>
      </div>
      {message && (
        <p role="alert" className="message error">
          {message}
        </p>
      )}
      <ConfirmDialog open={confirming} title={`Delete ${e.name}?`} confirmLabel="Delete" danger onConfirm={() => void remove()} onCancel={() => setConfirming(false)}>
        <p>
          Its trials, results and trained model are removed from this browser
          {derived > 0 ? `, with the ${derived} artifact${derived === 1 ? '' : 's'} derived from them (predictions, evaluations)` : ''}. Its number is not used again.
        </p>
      </ConfirmDialog>
    </div>
  );
}
