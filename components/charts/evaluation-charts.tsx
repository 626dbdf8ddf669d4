'use client';
/**
 * CONTEXT — which chart applies when. An `Evaluation` (lib/ml/evaluate) is drawn as:
 *
 * - binary only: the ROC curve and the precision–recall curve, side by side. Either may be missing
 *   from the evaluation (ROC when the held-out rows hold one class, PR when they hold no positive);
 *   the chart then stays in place and says why, so the layout does not jump between models;
 * - binary and multiclass: the confusion matrix (always, even for a single class);
 * - regression: predicted vs actual and residuals vs predicted, side by side;
 * - every task: permutation importance (top 15), in the search metric's units.
 *
 * Charts sit in a grid that gives each at least 280 px: two columns in a ~640 px notebook cell,
 * one on a phone. Wide charts (confusion matrix, residuals, importance) take a whole row: the
 * matrix grows with the class count, the others need width for names or for two plots.
 *
 * This folder imports only types from lib/ml; no Dexie, Yjs or workers: it draws plain values.
 */
import type { Evaluation } from '@/lib/ml/evaluate';
import { ConfusionMatrixChart } from './confusion-matrix-chart';
import { ImportanceChart } from './importance-chart';
import { PrChart } from './pr-chart';
import { ResidualsChart } from './residuals-chart';
import { RocChart } from './roc-chart';

export interface EvaluationChartsProps {
  readonly evaluation: Evaluation;
  /** Label of `evaluation.metric` ("ROC AUC"), the units of the importance bars. */
  readonly metricLabel: string;
  /** Whether that metric is higher-is-better: words importance as a drop or a rise. */
  readonly higherIsBetter?: boolean | undefined;
  /** The label column's name, for the residual axes. */
  readonly targetLabel?: string | undefined;
  /** What the scored rows are called: "held-out rows" (training's evaluation) by default. */
  readonly rowsName?: string;
}

export function EvaluationCharts({ evaluation, metricLabel, higherIsBetter, targetLabel, rowsName = 'held-out rows' }: EvaluationChartsProps) {
  const { task, classes = [], confusion = [] } = evaluation;
  const isClassification = task !== 'regression';
  return (
    <section className="chart-grid" aria-label={`Evaluation charts on ${evaluation.rows.toLocaleString('en')} ${rowsName}`}>
      {task === 'binary' && (
        <>
          <RocChart roc={evaluation.roc} positiveClass={classes[1]} />
          <PrChart pr={evaluation.pr} positiveClass={classes[1]} baseRate={positiveRate(confusion)} />
        </>
      )}
      {isClassification && <ConfusionMatrixChart confusion={confusion} classes={classes} rowsName={rowsName} />}
      {task === 'regression' && <ResidualsChart residuals={evaluation.residuals} targetLabel={targetLabel} rowsName={rowsName} />}
      <ImportanceChart importance={evaluation.importance} metricLabel={metricLabel} higherIsBetter={higherIsBetter} />
    </section>
  );
}

/** Share of held-out rows whose true class is 1, from the confusion matrix; null without rows. */
function positiveRate(confusion: readonly (readonly number[])[]): number | null {
  const sum = (row: readonly number[] | undefined) => (row ?? []).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  const total = confusion.reduce((a, row) => a + sum(row), 0);
  return total > 0 ? sum(confusion[1]) / total : null;
}
