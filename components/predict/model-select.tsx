'use client';
import type { ChosenModel } from '@/lib/experiments/choose-model';
import type { Experiment } from '@/lib/store/experiments';
import { METRICS, type MetricName } from '@/lib/ml/metrics/registry';

interface ModelSelectProps {
  readonly value: string | undefined;
  readonly models: readonly Experiment[];
  readonly stages: { readonly production?: string; readonly staging?: string };
  readonly chosen: ChosenModel | undefined;
  readonly onChange: (value: string | undefined) => void;
}

const WHY: Record<string, string> = { production: 'the production model', staging: 'the staging model', latest: 'the newest model (nothing is in production)', chosen: 'chosen' };

/** Which model a cell uses: automatic (production, else the newest), a registry stage, or one experiment's. */
export function ModelSelect({ value, models, stages, chosen, onChange }: ModelSelectProps) {
  return (
    <label>
      Model
      <select aria-label="Model" value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}>
        <option value="">Automatic: production, else the newest</option>
        <option value="production">Production{stages.production ? ` (${nameOf(models, stages.production)})` : ' (none yet)'}</option>
        <option value="staging">Staging{stages.staging ? ` (${nameOf(models, stages.staging)})` : ' (none yet)'}</option>
        {models.map((e) => (
          <option key={e.id} value={e.id}>
            {describe(e)}
          </option>
        ))}
        {value !== undefined && value !== 'production' && value !== 'staging' && !models.some((m) => m.id === value) && <option value={value}>A model no longer here</option>}
      </select>
      {chosen?.type === 'model' && (
        <span className="field-note">
          Using {chosen.experiment.name}: {WHY[chosen.why]}
        </span>
      )}
    </label>
  );
}

function nameOf(models: readonly Experiment[], id: string): string {
  return models.find((m) => m.id === id)?.name ?? 'not in this browser';
}

function describe(e: Experiment): string {
  const metric = e.heldOut?.metric as MetricName | undefined;
  const score = e.heldOut?.score;
  const parts = [e.name, e.heldOut?.learners || undefined, metric && metric in METRICS && typeof score === 'number' ? `${METRICS[metric].label} ${score.toFixed(4)}` : undefined, e.imported ? 'imported' : undefined];
  return parts.filter(Boolean).join(' · ');
}
