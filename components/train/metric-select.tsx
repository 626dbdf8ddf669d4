'use client';
import { METRICS, metricsForTask, type MetricName } from '@/lib/ml/metrics/registry';
import type { Task } from '@/lib/data/types';

/** The metrics that apply to `task`, by their labels (train and sweep cells). */
export function MetricSelect({ label, task, value, onChange }: { readonly label: string; readonly task: Task | undefined; readonly value: MetricName | undefined; readonly onChange: (metric: MetricName | undefined) => void }) {
  const metrics = task ? metricsForTask(task) : [];
  return (
    <label>
      {label}
      <select aria-label="Metric" value={value ?? ''} onChange={(e) => onChange(metrics.find((m) => m === e.target.value))}>
        {metrics.map((m) => (
          <option key={m} value={m}>
            {METRICS[m].label}
          </option>
        ))}
      </select>
    </label>
  );
}
