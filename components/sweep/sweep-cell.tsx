'use client';
import { useMemo, useState } from 'react';
import { CONFIRM_RUNS_ABOVE, countRuns, parseSweepSpec, SweepSpecError, type SweepSpec } from '@/lib/experiments/sweep-spec';
import { parseSeeds, parseSweepParams } from '@/lib/experiments/sweep-text';
import { CellId } from '@/lib/ids';
import { useWriteCellConfig } from '@/lib/react/use-cell-config';
import { useSweepCell } from '@/lib/react/use-sweep-cell';
import { useTrainTarget } from '@/lib/react/use-train-target';
import type { CellView } from '@/lib/sync/project-doc';
import { useRunSignal } from '@/components/notebook/use-run-signal';
import { CellNotReadyError, useCellRunner } from '@/components/notebook/cell-runners';
import { ProgressBar } from '@/components/ui/progress-bar';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DEFAULT_SWEEP, SweepForm, type SweepFields } from './sweep-form';
import { SweepResults } from './sweep-results';

interface SweepCellProps {
  readonly cell: CellView;
  /** Increments on Shift+Enter. */
  readonly runSignal: number;
}

/** The fields as a spec, or what is wrong with them (checked again, with the learner's rules, when the sweep runs). */
function specOf(fields: SweepFields): { spec: SweepSpec; count: number } | { error: string } {
  try {
    const spec = parseSweepSpec({
      learner: fields.learner,
      mode: fields.mode,
      params: parseSweepParams(fields.params),
      seeds: parseSeeds(fields.seeds),
      ...(fields.samples !== undefined ? { samples: fields.samples } : {}),
    });
    return { spec, count: countRuns(spec) };
  } catch (e) {
    if (e instanceof SweepSpecError) return { error: e.message };
    throw e;
  }
}

/** A sweep cell: one learner's params × seeds, each combination a run that is computed once; results over seeds. */
export function SweepCell({ cell, runSignal }: SweepCellProps) {
  const write = useWriteCellConfig(cell.id);
  const target = useTrainTarget(cell);
  const fields: SweepFields = cell.config.sweep ?? DEFAULT_SWEEP;
  const sweep = useSweepCell(cell.id);
  const [confirming, setConfirming] = useState<number | null>(null);
  const checked = useMemo(() => specOf(fields), [fields]);
  const { runs, progress, end, running } = sweep;
  const stored = useMemo(() => {
    const mine = runs.filter((r) => r.learner === fields.learner);
    const count = (s: string) => mine.filter((r) => r.shownStatus === s).length;
    return { completed: count('completed'), failed: count('failed'), interrupted: count('interrupted') + count('canceled') };
  }, [runs, fields.learner]);
  const ready = target.source?.config.datasetHash !== undefined && target.label !== undefined && target.task !== undefined && target.metric !== undefined && 'spec' in checked;

  const start = (retryFailed: boolean, confirmed = false) => {
    if (!ready || running || !('spec' in checked) || !target.label || !target.task || !target.metric || !target.source?.config.datasetHash) return;
    if (checked.count > CONFIRM_RUNS_ABOVE && !confirmed) {
      setConfirming(checked.count);
      return;
    }
    return sweep.start({
      spec: checked.spec,
      label: target.label,
      task: target.task,
      metric: target.metric,
      datasetHash: target.source.config.datasetHash,
      parseOptions: target.parseOptions,
      columnOverrides: target.source.config.columnOverrides ?? {},
      retryFailed,
    });
  };
  useRunSignal(runSignal, () => void start(false));
  useCellRunner(cell.id, async () => {
    if (!target.source?.config.datasetHash) throw new CellNotReadyError('No data cell above holds a dataset: import a file into one.');
    if (!target.label || !target.task || !target.metric) throw new CellNotReadyError('Choose the column to predict and the task.');
    if (!('spec' in checked)) throw new CellNotReadyError(`The sweep's settings need fixing first: ${checked.error}`);
    if (checked.count > CONFIRM_RUNS_ABOVE) throw new CellNotReadyError(`This sweep has ${checked.count.toLocaleString('en')} runs: start it from its cell, which asks first.`);
    const done = start(false, true);
    if (!done) throw new CellNotReadyError('This sweep is already running.');
    const end = await done;
    if (end.status === 'invalid') throw new Error(end.message);
    if (end.status === 'canceled') throw new Error('The sweep was canceled.');
  });

  const missing = 'count' in checked ? Math.max(0, checked.count - stored.completed) : 0;
  const done = progress ? progress.reused + progress.completed + progress.failed : 0;
  return (
    <div className="train-cell sweep-cell">
      <SweepForm
        fields={fields}
        sources={target.sources.map((s) => ({ id: s.id, name: s.config.fileName ?? 'Data cell' }))}
        sourceCellId={target.source?.id}
        columns={target.columns}
        label={target.label}
        task={target.task}
        metric={target.metric}
        disabled={running}
        onFields={(patch) => write({ sweep: { ...fields, ...patch } })}
        onTarget={(patch) => {
          const { sourceCellId, ...rest } = patch;
          write({ ...rest, ...('sourceCellId' in patch ? { sourceCellId: sourceCellId && CellId.is(sourceCellId) ? sourceCellId : undefined } : {}) });
        }}
      />
      {'error' in checked ? (
        <p role="alert" className="message error">
          {checked.error}
        </p>
      ) : (
        <p className="muted small" aria-live="polite">
          {checked.count.toLocaleString('en-US')} runs ({checked.spec.seeds.length} seed{checked.spec.seeds.length === 1 ? '' : 's'} each); {stored.completed} completed
          {stored.failed > 0 ? `, ${stored.failed} failed` : ''}
          {stored.interrupted > 0 ? `, ${stored.interrupted} interrupted` : ''}.
        </p>
      )}
      <div className="train-actions">
        {running ? (
          <button type="button" onClick={sweep.cancel}>
            Cancel sweep
          </button>
        ) : (
          <>
            <button type="button" className="primary" disabled={!ready || missing === 0} onClick={() => start(false)}>
              {stored.completed > 0 && missing > 0 ? `Resume: run the ${missing} missing` : missing === 0 && stored.completed > 0 ? 'All runs done' : 'Run sweep'}
            </button>
            {stored.failed > 0 && (
              <button type="button" disabled={!ready} onClick={() => start(true)}>
                Retry {stored.failed} failed
              </button>
            )}
          </>
        )}
        {!ready && target.sources.length === 0 && <span className="muted">Import a dataset in a data cell above first.</span>}
      </div>
      {running && progress && (
        <div className="train-progress">
          <ProgressBar value={progress.total > 0 ? done / progress.total : undefined} label="Sweep progress" />
          <p className="muted">
            {done} of {progress.total} runs{progress.reused > 0 ? ` (${progress.reused} were already done)` : ''}
            {progress.concurrency > 1 ? ` · ${progress.concurrency} at once` : ''}
            {progress.failed > 0 ? ` · ${progress.failed} failed` : ''}
          </p>
        </div>
      )}
      {end?.status === 'invalid' && (
        <p role="alert" className="message error">
          {end.message}
        </p>
      )}
      {end?.status === 'canceled' && <p className="message info">The sweep was canceled; its completed runs are kept, and Resume runs the rest.</p>}
      {runs.some((r) => r.shownStatus === 'failed') && (
        <details className="small">
          <summary>Failed runs</summary>
          <ul className="notices">
            {runs
              .filter((r) => r.shownStatus === 'failed')
              .map((r) => (
                <li key={r.id}>
                  {Object.entries(r.params)
                    .map(([k, v]) => `${k}=${String(v)}`)
                    .join(' ')}{' '}
                  seed {r.seed}: {r.error?.message ?? 'no reason given'}
                </li>
              ))}
          </ul>
        </details>
      )}
      {target.metric && runs.some((r) => r.learner === fields.learner) && <SweepResults runs={runs.filter((r) => r.learner === fields.learner)} metric={target.metric} />}
      <ConfirmDialog
        open={confirming !== null}
        title={`Run ${confirming?.toLocaleString('en-US') ?? ''} runs?`}
        confirmLabel="Run them"
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          setConfirming(null);
          start(false, true);
        }}
      >
        <p>This sweep has {confirming?.toLocaleString('en-US')} runs, more than {CONFIRM_RUNS_ABOVE.toLocaleString('en-US')}: it may take hours. Completed runs are kept if you stop it.</p>
      </ConfirmDialog>
    </div>
  );
}
