'use client';
import type { MetricName } from '@/lib/ml/metrics/registry';
import { LEARNER_NAMES, type LearnerName } from '@/lib/ml/types';
import type { Task } from '@/lib/data/types';
import { LEARNER_LABELS } from '@/components/train/train-form';
import { TargetFields } from '@/components/train/target-fields';
import { MetricSelect } from '@/components/train/metric-select';
import { WorkersSelect } from '@/components/train/workers-select';

export interface SweepFields {
  readonly learner: LearnerName;
  readonly mode: 'grid' | 'random';
  /** One param per line: "leaves = 15, 63", or in random mode "learningRate = 0.01..0.3 log". */
  readonly params: string;
  /** "1, 2, 3" or "×3". */
  readonly seeds: string;
  readonly samples?: number;
}

export const DEFAULT_SWEEP: SweepFields = { learner: 'gbdt', mode: 'grid', params: 'learningRate = 0.05, 0.1\nleaves = 15, 63', seeds: '1, 2, 3' };

interface SweepFormProps {
  readonly fields: SweepFields;
  readonly sources: readonly { readonly id: string; readonly name: string }[];
  readonly sourceCellId: string | undefined;
  readonly columns: readonly string[];
  readonly label: string | undefined;
  readonly task: Task | undefined;
  readonly metric: MetricName | undefined;
  readonly disabled: boolean;
  readonly onFields: (patch: Partial<SweepFields>) => void;
  readonly onTarget: (patch: { sourceCellId?: string | undefined; label?: string | undefined; metric?: MetricName | undefined }) => void;
}

/** What a sweep trains on and which configurations it tries: one learner, params × seeds. */
export function SweepForm({ fields, sources, sourceCellId, columns, label, task, metric, disabled, onFields, onTarget }: SweepFormProps) {
  return (
    <fieldset className="train-form sweep-form" disabled={disabled}>
      <TargetFields sources={sources} sourceCellId={sourceCellId} columns={columns} label={label} dataLabel="Data cell to sweep on" onChange={onTarget} />
      <MetricSelect label="Metric (held-out)" task={task} value={metric} onChange={(m) => onTarget({ metric: m })} />
      <label>
        Learner
        <select aria-label="Learner" value={fields.learner} onChange={(e) => onFields({ learner: LEARNER_NAMES.find((l) => l === e.target.value) ?? 'gbdt' })}>
          {LEARNER_NAMES.map((l) => (
            <option key={l} value={l}>
              {LEARNER_LABELS[l]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Combinations
        <select aria-label="Sweep mode" value={fields.mode} onChange={(e) => onFields({ mode: e.target.value === 'random' ? 'random' : 'grid' })}>
          <option value="grid">Every combination (grid)</option>
          <option value="random">A random set</option>
        </select>
      </label>
      {fields.mode === 'random' && (
        <label>
          How many
          <input
            type="number"
            aria-label="Random combinations"
            min={1}
            step={1}
            value={fields.samples ?? ''}
            onChange={(e) => {
              const n = Number(e.target.value);
              onFields({ samples: Number.isInteger(n) && n > 0 ? n : undefined });
            }}
          />
        </label>
      )}
      <WorkersSelect label="Runs at once" />
      <label>
        Seeds
        <input type="text" aria-label="Seeds" value={fields.seeds} onChange={(e) => onFields({ seeds: e.target.value })} placeholder="1, 2, 3" />
      </label>
      <label className="sweep-params">
        Params, one per line
        <textarea
          aria-label="Sweep params"
          rows={Math.max(3, fields.params.split('\n').length + 1)}
          value={fields.params}
          spellCheck={false}
          onChange={(e) => onFields({ params: e.target.value })}
          placeholder={fields.mode === 'grid' ? 'leaves = 15, 63' : 'learningRate = 0.01..0.3 log'}
        />
        <span className="muted small">
          {fields.mode === 'grid' ? 'name = value, value, …' : 'name = value, value, … or name = min..max, with “log” or “int” after it'}
        </span>
      </label>
    </fieldset>
  );
}
