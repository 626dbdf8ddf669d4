'use client';
import { useState } from 'react';
import { CellId } from '@/lib/ids';
import { useWriteCellConfig } from '@/lib/react/use-cell-config';
import { SharedBlobStatus } from '@/components/project/shared-blob-status';
import { usePredictCell, type InputSource } from '@/lib/react/use-predict-cell';
import type { CellView } from '@/lib/sync/project-doc';
import { useRunSignal } from '@/components/notebook/use-run-signal';
import { CellNotReadyError, finished, modelForRun, useCellRunner } from '@/components/notebook/cell-runners';
import { AUTO_RERUN_MAX_ROWS, useStaleResult } from '@/components/notebook/use-stale-result';
import { ProgressBar } from '@/components/ui/progress-bar';
import { ModelSelect } from './model-select';
import { PredictionsView } from './predictions-view';
import { PHASE_TEXT } from './phase-text';
import { RowForm } from './row-form';
import { RowsSource } from './rows-source';

interface PredictCellProps {
  readonly cell: CellView;
  /** Increments on Shift+Enter. */
  readonly runSignal: number;
}

/**
 * A predict cell: a model (the production one by default) and rows — a data cell's, a file's, or
 * one typed into a form made from the model's features — in; the rows with `prediction` and
 * `prob_<class>` out, as a chart, a preview and a CSV, stored as an artifact under the model.
 */
export function PredictCell({ cell, runSignal }: PredictCellProps) {
  const write = useWriteCellConfig(cell.id);
  const p = usePredictCell(cell);
  const { config } = cell;
  const source: InputSource = config.inputSource ?? (p.sources.length > 0 ? 'cell' : 'row');
  const [row, setRow] = useState<Record<string, string>>(() => ({ ...config.row }));
  const modelHere = p.modelBlob.phase === 'here' || p.modelBlob.phase === 'absent';
  const ready = p.model !== undefined && modelHere && !p.job.running && (source !== 'row' || p.manifest !== undefined);
  const run = () => {
    if (ready) void p.run(source, row);
  };
  useRunSignal(runSignal, run);
  useCellRunner(cell.id, async () => {
    if (p.job.running) throw new CellNotReadyError('This cell is already predicting.');
    const model = await modelForRun(p.resolve);
    finished(await p.run(source, row, model), p.job.failure);
  });
  useStaleResult({
    cellId: cell.id,
    artifactId: config.artifactId,
    now: { modelId: p.model?.id, modelName: p.model?.name, datasetHash: source === 'cell' ? p.source?.config.datasetHash : undefined },
    cheap: source === 'row' || (source === 'cell' && p.rowCount !== undefined && p.rowCount <= AUTO_RERUN_MAX_ROWS),
    running: p.job.running,
    rerun: run,
  });
  const label = p.manifest?.label ?? 'value';

  return (
    <div className="train-cell predict-cell">
      <fieldset className="train-form" disabled={p.job.running}>
        <ModelSelect value={config.model} models={p.models} stages={p.stages} chosen={p.chosen} onChange={(model) => write({ model })} />
        <RowsSource
          value={source}
          allowRow
          sources={p.sources.map((s) => ({ id: s.id, name: s.config.fileName ?? 'Data cell' }))}
          sourceCellId={p.source?.id}
          fileName={p.file?.name}
          onSource={(inputSource) => write({ inputSource })}
          onSourceCell={(id) => write({ sourceCellId: CellId.is(id) ? id : undefined })}
          onFile={p.setFile}
        />
      </fieldset>
      {p.model && <SharedBlobStatus state={p.modelBlob} what={`the model of ${p.model.name}`} />}
      {source === 'row' && p.manifest && <RowForm features={p.manifest.features} values={row} onChange={(name, value) => setRow((r) => ({ ...r, [name]: value }))} />}
      <div className="train-actions">
        {p.job.running ? (
          <button type="button" onClick={p.job.cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="primary" onClick={run} disabled={!ready}>
            Predict
          </button>
        )}
        {p.chosen?.type === 'none' && <span className="muted">{p.chosen.message}</span>}
      </div>
      {p.modelError && (
        <p role="alert" className="message error">
          This model cannot be read: {p.modelError.message}
        </p>
      )}
      {p.job.error && (
        <p role="alert" className="message error">
          {p.job.error.message}
        </p>
      )}
      {p.job.running && (
        <div className="train-progress">
          <ProgressBar value={p.job.progress?.fraction} label="Prediction progress" />
          <p className="muted">{PHASE_TEXT[p.job.progress?.phase ?? 'loading-model']}</p>
        </div>
      )}
      {p.result && (
        <PredictionsView
          view={p.result.view}
          artifactId={p.result.artifactId}
          label={label}
          notices={p.result.notices}
          fileName={`${p.result.model || 'model'}-predictions.csv`}
        />
      )}
    </div>
  );
}
