'use client';
import { METRICS } from '@/lib/ml/metrics/registry';
import type { ExperimentResult } from '@/lib/jobs/train-records';
import type { Experiment } from '@/lib/store/experiments';
import { EvaluationCharts, LearningCurveChart } from '@/components/charts';
import { ExportModelButton } from '@/components/experiments/export-model-button';
import { MetricsTable } from './metrics-table';

interface TrainResultsProps {
  readonly result: ExperimentResult;
  /** The experiment the result is of: its model gets an "Export model.zip" button (the train cell; the experiments view has its own). */
  readonly experiment?: Pick<Experiment, 'id' | 'name' | 'status' | 'modelHash'>;
}

/** A completed experiment's held-out metrics, notices and charts (the train cell, the experiments view). */
export function TrainResults({ result, experiment }: TrainResultsProps) {
  return (
    <section aria-label="Held-out results" className="train-results">
      {experiment && (
        <div className="row">
          <ExportModelButton experiment={experiment} />
        </div>
      )}
      <h3>Held-out evaluation ({result.evaluation.rows} rows never used in training)</h3>
      <MetricsTable evaluation={result.evaluation} label="Held-out metrics" />
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
