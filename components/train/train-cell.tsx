'use client';
import { METRICS } from '@/lib/ml/metrics/registry';
import { useWriteCellConfig } from '@/lib/react/use-cell-config';
import { useTrainCell, type TrainStart } from '@/lib/react/use-train-cell';
import { useTrainTarget } from '@/lib/react/use-train-target';
import { useProjectSettings } from '@/lib/react/use-project-settings';
import { BUILT_IN_TRAIN_DEFAULTS, resolveSetting } from '@/lib/sync/project-settings';
import type { ConfigSource } from '@/lib/store/experiments';
import { useTrainConcurrency } from '@/lib/react/use-train-concurrency';
import type { CellView } from '@/lib/sync/project-doc';
import type { TrainSnapshot } from '@/lib/jobs/train-protocol';
import { CellId } from '@/lib/ids';
import { canonicalOverrides } from '@/lib/data/column-overrides';
import { useRunSignal } from '@/components/notebook/use-run-signal';
import { CellNotReadyError, useCellRunner, useReportStale } from '@/components/notebook/cell-runners';
import { modelStaleness, settingsStaleness } from '@/lib/pipeline/stale';
import { ProgressBar } from '@/components/ui/progress-bar';
import { BestScoreChart } from '@/components/charts';
import { Leaderboard } from './leaderboard';
import { TrainResults } from './train-results';
import { TrainForm, type TrainFormValues } from './train-form';

interface TrainCellProps {
  readonly cell: CellView;
  /** Increments on Shift+Enter. */
  readonly runSignal: number;
}

/** What the progress line adds for a phase that fits no model. */
const PHASE_TEXT: Partial<Record<TrainSnapshot['phase'], string>> = {
  calibrating: ' · measuring this device’s backends (once)',
  evaluate: ' · evaluating the best model',
};

/** The settings that change the model a train cell makes (the backend changes only its speed). */
const TRAIN_SETTING_WORDS = { label: 'label', task: 'task', metric: 'metric', timeBudgetS: 'time budget', seed: 'seed', learners: 'learners', columns: 'column types or exclusions' } as const;

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** A train cell: settings, Run / Cancel, live progress, then the leaderboard, metrics and charts. */
export function TrainCell({ cell, runSignal }: TrainCellProps) {
  const write = useWriteCellConfig(cell.id);
  const { config } = cell;
  const { sources, source, columns, label, task, metric, parseOptions } = useTrainTarget(cell);
  const [project] = useProjectSettings();
  const timeBudget = resolveSetting(config.timeBudgetS, project.timeBudgetS, BUILT_IN_TRAIN_DEFAULTS.timeBudgetS);
  const seed = resolveSetting(config.seed, project.seed, BUILT_IN_TRAIN_DEFAULTS.seed);
  const learners = resolveSetting(config.learners, project.learners, BUILT_IN_TRAIN_DEFAULTS.learners);
  const backend = resolveSetting(config.backend, project.backend, BUILT_IN_TRAIN_DEFAULTS.backend);
  // Where each value of a run came from, kept with the experiment (its config view shows it).
  const configSources: Record<string, ConfigSource> = {
    label: config.label !== undefined ? 'cell' : 'data cell',
    task: config.task !== undefined ? 'cell' : label === source?.config.label && source?.config.task !== undefined ? 'data cell' : 'default',
    metric: config.metric !== undefined && metric === config.metric ? 'cell' : 'default',
    timeBudgetS: timeBudget.source,
    seed: seed.source,
    learners: learners.source,
    ensemble: 'default',
    backend: backend.source,
  };
  const values: TrainFormValues = {
    sourceCellId: source?.id,
    label,
    task,
    metric,
    timeBudgetS: timeBudget.value,
    seed: seed.value,
    learners: learners.value,
    backend: backend.value,
  };
  const columnsNow = canonicalOverrides(source?.config.columnOverrides ?? {});
  const train = useTrainCell(cell.id, config.experimentId);
  const [concurrency, setConcurrency] = useTrainConcurrency();
  const { experiment, trials } = train;
  const running = experiment?.status === 'running';
  const ready = source?.config.datasetHash !== undefined && label !== undefined && task !== undefined && metric !== undefined;

  /** What a run starts with, or what is missing for one. */
  const startInput = (): TrainStart | string => {
    if (!source?.config.datasetHash) return 'No data cell above holds a dataset: import a file into one.';
    if (!label) return 'Choose the column to predict.';
    if (!task || !metric) return 'Choose the task and the metric.';
    if (running) return 'This cell is already training.';
    return {
      sourceCellId: CellId.parse(source.id),
      datasetHash: source.config.datasetHash,
      ...(source.config.fileName ? { datasetName: source.config.fileName } : {}),
      columnOverrides: columnsNow,
      parseOptions,
      config: { label, task, metric, timeBudgetS: values.timeBudgetS, seed: values.seed, learners: [...values.learners], ensemble: true, backend: values.backend, columns: columnsNow },
      configSources: { ...configSources, columns: 'data cell' },
    };
  };
  const run = () => {
    const input = startInput();
    if (typeof input !== 'string') train.start(input);
  };
  useRunSignal(runSignal, run);
  // Heavy: a stale model only says so; it trains again when asked.
  useReportStale(
    cell.id,
    experiment?.status === 'completed'
      ? (modelStaleness(experiment.datasetHash, source?.config.datasetHash) ?? settingsStaleness<keyof typeof TRAIN_SETTING_WORDS>(asRecord(experiment.config), { ...values, columns: experiment.config?.columns && columnsNow }, TRAIN_SETTING_WORDS))
      : null,
  );
  useCellRunner(cell.id, () => {
    const input = startInput();
    return typeof input === 'string' ? Promise.reject(new CellNotReadyError(input)) : train.runToEnd(input);
  });

  const snapshot = experiment?.snapshot;
  const result = experiment?.status === 'completed' ? experiment.result : undefined;
  const expMetric = experiment?.config?.metric ?? metric;
  return (
    <div className="train-cell">
      <TrainForm
        values={values}
        sources={sources.map((s) => ({ id: s.id, name: s.config.fileName ?? 'Data cell' }))}
        columns={columns}
        disabled={running}
        concurrency={concurrency}
        onConcurrency={setConcurrency}
        onChange={(patch) => {
          const { sourceCellId, learners, ...rest } = patch;
          const source = 'sourceCellId' in patch ? { sourceCellId: sourceCellId && CellId.is(sourceCellId) ? sourceCellId : undefined } : {};
          // A new label has its own task: the cell's task choice goes, and inference answers again.
          const task = 'label' in patch && !('task' in patch) ? { task: undefined } : {};
          write({ ...rest, ...task, ...source, ...(learners ? { learners: [...learners] } : {}) });
        }}
      />
      <div className="train-actions">
        {running ? (
          <button type="button" onClick={train.cancel} disabled={!train.canCancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="primary" onClick={run} disabled={!ready}>
            {experiment ? 'Train again' : 'Train'}
          </button>
        )}
        {!ready && !running && <span className="muted">{sources.length === 0 ? 'Import a dataset in a data cell above first.' : 'Choose the column to predict and the task.'}</span>}
        {experiment && (
          <span className="muted" aria-live="polite">
            {experiment.name}: {statusText(experiment.status)}
            {result ? ` in ${(result.elapsedMs / 1000).toFixed(1)} s on ${result.backend}${result.adapter ? ` (${result.adapter})` : ''}${(result.trialWorkers ?? 1) > 1 ? `, ${result.trialWorkers} workers` : ''}` : ''}
          </span>
        )}
      </div>
      {train.startError && <p role="alert" className="message error">{train.startError.message}</p>}
      {running && snapshot && (
        <div className="train-progress">
          <ProgressBar value={snapshot.phase === 'queued' ? undefined : snapshot.budgetMs > 0 ? snapshot.elapsedMs / snapshot.budgetMs : undefined} label="Training progress" />
          {snapshot.phase === 'queued' ? (
            <p className="muted">Waiting for another training to finish ({concurrency} at once; change it under “Trainings at once”).</p>
          ) : (
          <p className="muted">
            {(snapshot.elapsedMs / 1000).toFixed(0)} s of {(snapshot.budgetMs / 1000).toFixed(0)} s · {snapshot.trials} trials
            {snapshot.bestScore !== null && expMetric ? ` · best ${METRICS[expMetric].label} ${snapshot.bestScore.toFixed(4)} (${snapshot.bestLearner ?? ''})` : ''}
            {snapshot.fitting ? ` · fitting ${snapshot.fitting}${(snapshot.running ?? 0) > 1 ? ` and ${(snapshot.running ?? 1) - 1} more at once` : ''}` : (PHASE_TEXT[snapshot.phase] ?? '')}
          </p>
          )}
        </div>
      )}
      {experiment && (experiment.status === 'failed' || experiment.status === 'interrupted' || experiment.status === 'canceled') && (
        <p role={experiment.status === 'failed' ? 'alert' : 'status'} className={experiment.status === 'failed' ? 'message error' : 'message info'}>
          {experiment.error?.message ?? statusText(experiment.status)} {experiment.status !== 'canceled' && 'Run it again with Train again.'}
        </p>
      )}
      {experiment && expMetric && experiment.bestOverTime.length > 0 && (
        <BestScoreChart points={experiment.bestOverTime} metricLabel={METRICS[expMetric].label} />
      )}
      {experiment && expMetric && trials.length > 0 && <Leaderboard trials={trials} metric={expMetric} chosen={result?.chosen ?? []} />}
      {result && expMetric && <TrainResults result={result} experiment={experiment} />}
    </div>
  );
}

function statusText(status: string): string {
  switch (status) {
    case 'running':
      return 'training…';
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed.';
    case 'canceled':
      return 'canceled.';
    case 'interrupted':
      return 'interrupted: the tab closed or reloaded before it finished.';
    default:
      return status;
  }
}

