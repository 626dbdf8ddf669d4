'use client';
import type { Evaluation } from '@/lib/ml/evaluate';
import { METRICS, metricsForTask } from '@/lib/ml/metrics/registry';

/** Every metric of an evaluation's task, as a two-column table (training results, evaluate cells). */
export function MetricsTable({ evaluation, label }: { readonly evaluation: Evaluation; readonly label: string }) {
  return (
    <table className="metrics" aria-label={label}>
      <tbody>
        {metricsForTask(evaluation.task).map((m) => (
          <tr key={m}>
            <th scope="row">{METRICS[m].label}</th>
            <td className="num">{formatMetric(evaluation.metrics[m])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function formatMetric(v: number | null | undefined): string {
  return v === null || v === undefined ? '–' : v.toFixed(4);
}
