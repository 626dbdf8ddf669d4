'use client';
import type { MetricName } from '@/lib/ml/metrics/registry';
import type { LearnerName } from '@/lib/ml/types';
import { TASKS, type Task } from '@/lib/data/types';
import { TargetFields } from './target-fields';
import { WorkersSelect } from './workers-select';
import { MetricSelect } from './metric-select';
import { LearnerChecks } from './learner-checks';

export { LEARNER_LABELS } from './learner-checks';

export interface TrainFormValues {
  readonly sourceCellId: string | undefined;
  readonly label: string | undefined;
  readonly task: Task | undefined;
  readonly metric: MetricName | undefined;
  readonly timeBudgetS: number;
  readonly seed: number;
  readonly learners: readonly LearnerName[];
  readonly backend: 'auto' | 'wasm' | 'cpu' | 'webgpu';
}

interface TrainFormProps {
  readonly values: TrainFormValues;
  readonly sources: readonly { readonly id: string; readonly name: string }[];
  readonly columns: readonly string[];
  readonly disabled: boolean;
  readonly onChange: (patch: Partial<TrainFormValues>) => void;
  /** The browser-wide limit of trainings at once, and its setter. */
  readonly concurrency: number;
  readonly onConcurrency: (n: number) => void;
}

/** The settings of a train cell: what to learn from, what to predict, how long to search. */
export function TrainForm({ values, sources, columns, disabled, onChange, concurrency, onConcurrency }: TrainFormProps) {
  return (
    <fieldset className="train-form" disabled={disabled}>
      <TargetFields sources={sources} sourceCellId={values.sourceCellId} columns={columns} label={values.label} dataLabel="Data cell to train on" onChange={onChange} />
      <label>
        Task
        <select aria-label="Task" value={values.task ?? ''} onChange={(e) => onChange({ task: TASKS.find((t) => t === e.target.value) })}>
          <option value="">Choose</option>
          {TASKS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <MetricSelect label="Metric" task={values.task} value={values.metric} onChange={(metric) => onChange({ metric })} />
      <label>
        Time budget (s)
        <input
          aria-label="Time budget in seconds"
          type="number"
          min={1}
          max={3600}
          value={values.timeBudgetS}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isFinite(n) && n >= 1 && n <= 3600) onChange({ timeBudgetS: n });
          }}
        />
      </label>
      <label>
        Seed
        <input
          aria-label="Seed"
          type="number"
          step={1}
          value={values.seed}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n)) onChange({ seed: n });
          }}
        />
      </label>
      <LearnerChecks label="Learners" value={values.learners} onChange={(learners) => onChange({ learners })} />
      <label>
        Backend
        <select aria-label="Backend" value={values.backend} onChange={(e) => onChange({ backend: BACKENDS.find((b) => b === e.target.value) ?? 'auto' })}>
          <option value="auto">Automatic</option>
          <option value="wasm">WASM</option>
          <option value="cpu">CPU</option>
          <option value="webgpu">WebGPU</option>
        </select>
      </label>
      <label>
        Trainings at once (this browser)
        <select aria-label="Trainings at once" value={concurrency} onChange={(e) => onConcurrency(Number(e.target.value))}>
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <WorkersSelect label="Workers per training" />
    </fieldset>
  );
}

const BACKENDS = ['auto', 'wasm', 'cpu', 'webgpu'] as const;
