'use client';
import { METRICS, metricsForTask } from '@/lib/ml/metrics/registry';
import type { ExperimentResult } from '@/lib/jobs/train-records';
import { EvaluationCharts, LearningCurveChart } from '@/components/charts';

/** A completed experiment's held-out metrics, notices and charts (the train cell, the experiments view). */
export function TrainResults({ result }: { readonly result: ExperimentResult }) {
  return (
    <section aria-label="Held-out results" className="train-results">
      <h3>Held-out evaluation ({result.evaluation.rows} rows never used in training)</h3>
      <table className="metrics" aria-label="Held-out metrics">
        <tbody>
          {metricsForTask(result.evaluation.task).map((m) => (
            <tr key={m}>
              <th scope="row">{METRICS[m].label}</th>
              <td className="num">{formatMetric(result.evaluation.metrics[m])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.notices.length > 0 && (
        <ul className="notices">
          {result.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {result.learningCurve && (
        <LearningCurveChart
          title={`How trial #${result.learningCurve.trial} learned`}
          xLabel={result.learningCurve.xLabel}
          yLabel="Loss"
          series={result.learningCurve.series.map((s) => ({ name: s.name, values: s.values.map((v) => v ?? Number.NaN) }))}
        />
      )}
      <EvaluationCharts evaluation={result.evaluation} metricLabel={METRICS[result.evaluation.metric].label} higherIsBetter={METRICS[result.evaluation.metric].higherIsBetter} />
    </section>
  );
}

export function formatMetric(v: number | null | undefined): string {
  return v === null || v === undefined ? '–' : v.toFixed(4);
}
