'use client';
import { CellId } from '@/lib/ids';
import { METRICS } from '@/lib/ml/metrics/registry';
import { SharedBlobStatus } from '@/components/project/shared-blob-status';
import { useEvaluateCell } from '@/lib/react/use-evaluate-cell';
import { useWriteCellConfig } from '@/lib/react/use-cell-config';
import type { InputSource } from '@/lib/react/use-predict-cell';
import type { CellView } from '@/lib/sync/project-doc';
import { EvaluationCharts } from '@/components/charts';
import { MetricsTable } from '@/components/train/metrics-table';
import { useRunSignal } from '@/components/notebook/use-run-signal';
import { CellNotReadyError, finished, modelForRun, useCellRunner } from '@/components/notebook/cell-runners';
import { AUTO_RERUN_MAX_ROWS, useStaleResult } from '@/components/notebook/use-stale-result';
import { ProgressBar } from '@/components/ui/progress-bar';
import { DownloadArtifact } from './download-artifact';
import { ModelSelect } from './model-select';
import { PHASE_TEXT } from './phase-text';
import { RowsSource } from './rows-source';

interface EvaluateCellProps {
  readonly cell: CellView;
  /** Increments on Shift+Enter. */
  readonly runSignal: number;
}

/** An evaluate cell: a model and labelled rows in; metrics and charts out, kept under the model. */
export function EvaluateCell({ cell, runSignal }: EvaluateCellProps) {
  const write = useWriteCellConfig(cell.id);
  const e = useEvaluateCell(cell);
  const { config } = cell;
  const source: InputSource = config.inputSource === 'file' || e.sources.length === 0 ? 'file' : 'cell';
  const ready = e.model !== undefined && (e.modelBlob.phase === 'here' || e.modelBlob.phase === 'absent') && !e.job.running;
  const run = () => {
    if (ready) void e.run(source);
  };
  useRunSignal(runSignal, run);
  useCellRunner(cell.id, async () => {
    if (e.job.running) throw new CellNotReadyError('This cell is already evaluating.');
    const model = await modelForRun(e.resolve);
    finished(await e.run(source, model), e.job.failure);
  });
  useStaleResult({
    cellId: cell.id,
    artifactId: config.artifactId,
    now: { modelId: e.model?.id, modelName: e.model?.name, datasetHash: source === 'cell' ? e.source?.config.datasetHash : undefined },
    cheap: source === 'cell' && e.rowCount !== undefined && e.rowCount <= AUTO_RERUN_MAX_ROWS,
    running: e.job.running,
    rerun: run,
  });
  const result = e.result?.stored;



  return (
    <div className="train-cell evaluate-cell">
      <fieldset className="train-form" disabled={e.job.running}>
        <ModelSelect value={config.model} models={e.models} stages={e.stages} chosen={e.chosen} onChange={(model) => write({ model })} />
        <RowsSource
          value={source}
          allowRow={false}
          sources={e.sources.map((s) => ({ id: s.id, name: s.config.fileName ?? 'Data cell' }))}
          sourceCellId={e.source?.id}
          fileName={e.file?.name}
          onSource={(inputSource) => write({ inputSource })}
          onSourceCell={(id) => write({ sourceCellId: CellId.is(id) ? id : undefined })}
          onFile={e.setFile}
        />
      </fieldset>
      {e.model && <SharedBlobStatus state={e.modelBlob} what={`the model of ${e.model.name}`} />}
      <div className="train-actions">
        {e.job.running ? (
          <button type="button" onClick={e.job.cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="primary" onClick={run} disabled={!ready}>
            Evaluate
          </button>
        )}
        {e.chosen?.type === 'none' && <span className="muted">{e.chosen.message}</span>}
        {!e.job.running && <span className="muted">The rows need the label column{e.manifest ? ` “${e.manifest.label}”` : ''}; rows without it are left out.</span>}
      </div>
      {(e.job.error ?? e.modelError) && (
        <p role="alert" className="message error">
          {(e.job.error ?? e.modelError)!.message}
        </p>
      )}
      {e.job.running && (
        <div className="train-progress">
          <ProgressBar value={e.job.progress?.fraction} label="Evaluation progress" />
          <p className="muted">{PHASE_TEXT[e.job.progress?.phase ?? 'loading-model']}</p>
        </div>
      )}
      {result && e.result && (
        <section aria-label="Evaluation" className="train-results">
          <h3>
            {result.model} on {result.data}: {result.evaluation.rows.toLocaleString('en')} labelled rows
            {result.unlabelled > 0 ? ` (${result.unlabelled.toLocaleString('en')} without a label left out)` : ''}
          </h3>
          {result.trainingData && (
            <p className="message warn" role="note">
              These rows are the dataset {result.model} was trained on, so these scores are optimistic: most rows were seen in training. Its
              experiment’s held-out evaluation is the honest one; evaluate on rows the model never saw to check it.
            </p>
          )}
          <MetricsTable evaluation={result.evaluation} label="Evaluation metrics" />
          {result.notices.length > 0 && (
            <ul className="notices" aria-label="Notices">
              {result.notices.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <div className="train-actions">
            <DownloadArtifact artifactId={e.result.predictionsId} fileName={`${result.model}-evaluation-predictions.csv`} label="Download predictions CSV" />
          </div>
          <EvaluationCharts rowsName="evaluated rows" targetLabel={e.manifest?.label} evaluation={result.evaluation} metricLabel={METRICS[result.evaluation.metric].label} higherIsBetter={METRICS[result.evaluation.metric].higherIsBetter} />
        </section>
      )}
    </div>
  );
}
