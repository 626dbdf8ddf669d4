'use client';
import { useMemo, useRef, useState } from 'react';
import { CODE_LANGUAGES, type CodeLanguage } from '@/lib/code/languages';
import { MAX_MEMORY_LIMIT_MB, MAX_TIME_LIMIT_S, MIN_MEMORY_LIMIT_MB } from '@/lib/code/limits';
import { CellId } from '@/lib/ids';
import { formatBytes } from '@/lib/units';
import { useProject } from '@/lib/react/project-context';
import { useWriteCellConfig } from '@/lib/react/use-cell-config';
import { useCells } from '@/lib/react/use-cells';
import { useTrainTarget } from '@/lib/react/use-train-target';
import { useYText } from '@/lib/react/use-y-text';
import { cellText, type CellView } from '@/lib/sync/project-doc';
import { CellNotReadyError, finished, useCellRunner } from '@/components/notebook/cell-runners';
import { useRunSignal } from '@/components/notebook/use-run-signal';
import { DownloadArtifact } from '@/components/predict/download-artifact';
import { formatDuration } from '@/components/experiments/experiments-table';
import { LineageView } from '@/components/experiments/lineage-view';
import { ProgressBar } from '@/components/ui/progress-bar';
import { useCodeRun, type CodeRunRequest } from './use-code-run';
import { useCodeStaleness } from './use-code-staleness';
import { useCodeTrust } from './use-code-trust';

interface CodeCellProps {
  readonly cell: CellView;
  /** "Cell 4 (code)": the start of its artifacts' names. */
  readonly name: string;
  /** Increments on Shift+Enter. */
  readonly runSignal: number;
}

const LANGUAGE_LABELS: Record<CodeLanguage, string> = { javascript: 'JavaScript', typescript: 'TypeScript' };
const PHASE_TEXT = {
  'loading-data': 'Reading the rows…',
  starting: 'Starting the sandbox…',
  'loading-tf': 'Loading TF.js in the sandbox…',
  training: 'Running train…',
  predicting: 'Running predict…',
  saving: 'Storing the model and predictions…',
} as const;

/**
 * A code cell: the user's `train(config, data)` and `predict(config, model, historic, future)`,
 * run in a sandbox (workers/sandbox) on a data cell's rows; the model and predictions are stored
 * as artifacts. Code written elsewhere (a collaborator, an imported project) runs only once allowed.
 */
export function CodeCell({ cell, name, runSignal }: CodeCellProps) {
  const { doc, projectId } = useProject();
  const cells = useCells(doc);
  const write = useWriteCellConfig(cell.id);
  const text = useMemo(() => cellText(doc, cell.id), [doc, cell.id]);
  const editor = useRef<HTMLTextAreaElement>(null);
  const [source, setSource] = useYText(text, editor);
  const trust = useCodeTrust(cell.id, source);
  const target = useTrainTarget(cell);
  const code = useCodeRun(cell);
  const [asking, setAsking] = useState(false);
  const [notReady, setNotReady] = useState<string | null>(null);
  const { config } = cell;
  const language = config.language ?? 'javascript';
  const futureSources = cells.filter((c) => c.kind === 'data' && c.config.datasetHash);
  const future = futureSources.find((c) => c.id === config.futureCellId);

  const request = (): CodeRunRequest => {
    const hash = target.source?.config.datasetHash;
    if (!target.source || !hash) throw new CellNotReadyError('No data cell above holds a dataset to train on: add one, or import a file into it.');
    if (config.futureCellId && !future?.config.datasetHash) throw new CellNotReadyError('The data cell chosen for the rows to predict holds no dataset: choose another, or none.');
    return {
      name,
      source,
      language,
      configText: config.codeConfig ?? '',
      label: target.label,
      task: target.task,
      data: { hash, name: target.source.config.fileName ?? 'the data cell' },
      future: future?.config.datasetHash ? { hash: future.config.datasetHash, name: future.config.fileName ?? 'a data cell' } : null,
    };
  };

  /** Runs when the code is trusted; otherwise asks (from the cell) or refuses (from a pipeline run). */
  const start = async (fromPipeline: boolean): Promise<boolean> => {
    if (code.running) throw new CellNotReadyError('This cell is already running.');
    const ready = request();
    if (!(await trust.check())) {
      if (fromPipeline) throw new CellNotReadyError('Its code was written outside this browser: read it in the cell and allow it to run first.');
      setAsking(true);
      return false;
    }
    setAsking(false);
    return code.run(ready);
  };
  const runFromCell = () => {
    void start(false).catch((e: unknown) => setNotReady(e instanceof Error ? e.message : String(e)));
  };
  useRunSignal(runSignal, runFromCell);
  useCellRunner(cell.id, async () => finished(await start(true), code.failure));
  useCodeStaleness(
    cell.id,
    config.modelArtifactId,
    config.artifactId,
    { source, language, configText: config.codeConfig ?? '', label: target.label, task: target.task, dataHash: target.source?.config.datasetHash, futureHash: future?.config.datasetHash },
    code.running,
  );

  const edit = (next: string) => {
    trust.edited(source, next);
    setSource(next);
    setNotReady(null);
  };

  return (
    <div className="train-cell code-cell">
      <textarea
        ref={editor}
        className="code-editor"
        aria-label="Code"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        value={source}
        rows={Math.min(30, Math.max(8, source.split('\n').length + 1))}
        readOnly={code.running}
        onChange={(e) => edit(e.target.value)}
      />
      <fieldset className="train-form" disabled={code.running}>
        <label>
          Language
          <select aria-label="Language" value={language} onChange={(e) => write({ language: e.target.value as CodeLanguage })}>
            {CODE_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_LABELS[l]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Train on
          <select aria-label="Train on" value={target.source?.id ?? ''} onChange={(e) => write({ sourceCellId: CellId.is(e.target.value) ? e.target.value : undefined })} disabled={target.sources.length === 0}>
            {target.sources.length === 0 && <option value="">No data cell above</option>}
            <DataCellOptions cells={target.sources} />
          </select>
        </label>
        <label>
          Predict on
          <select aria-label="Predict on" value={future?.id ?? ''} onChange={(e) => write({ futureCellId: CellId.is(e.target.value) ? e.target.value : undefined })}>
            <option value="">Nothing (train only)</option>
            <DataCellOptions cells={futureSources} />
          </select>
        </label>
        <label>
          Time limit (s)
          <input type="number" aria-label="Time limit in seconds" min={1} max={MAX_TIME_LIMIT_S} value={code.timeLimitS} onChange={(e) => write({ timeLimitS: bounded(e.target.valueAsNumber, 1, MAX_TIME_LIMIT_S) })} />
        </label>
        <label>
          Memory limit (MiB)
          <input
            type="number"
            aria-label="Memory limit in MiB"
            min={MIN_MEMORY_LIMIT_MB}
            max={MAX_MEMORY_LIMIT_MB}
            step={64}
            value={code.memoryLimitMb}
            onChange={(e) => write({ memoryLimitMb: bounded(Math.round(e.target.valueAsNumber), MIN_MEMORY_LIMIT_MB, MAX_MEMORY_LIMIT_MB) })}
          />
        </label>
      </fieldset>
      <label className="code-config">
        Config (JSON; the label and task come from the data cell)
        <textarea aria-label="Config (JSON)" spellCheck={false} rows={Math.max(3, (config.codeConfig ?? '').split('\n').length)} value={config.codeConfig ?? ''} readOnly={code.running} onChange={(e) => write({ codeConfig: e.target.value })} />
      </label>
      {asking && (
        <div className="message warn" role="alert" aria-label="Allow this code?">
          <strong>This code was written or changed outside this browser.</strong>
          It came from a collaborator, or an imported project or pipeline. Read it before it runs: it runs in a sandbox without access to your projects or the
          network, but it uses your time and memory, and what it returns goes into this project.
          <div className="row" style={{ marginTop: 8 }}>
            <button
              type="button"
              className="primary"
              onClick={() => {
                void trust.allow().then(runFromCell);
              }}
            >
              Allow this code and run
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              Not now
            </button>
          </div>
        </div>
      )}
      <div className="train-actions">
        {code.running ? (
          <button type="button" onClick={code.cancel}>
            Stop
          </button>
        ) : (
          <button type="button" className="primary" onClick={runFromCell} disabled={!target.source}>
            Run code
          </button>
        )}
        {!code.running && (
          <span className="muted small">
            {target.label ? `Label “${target.label}”${target.task ? `, ${target.task}` : ''}. ` : ''}Runs in a sandbox: no storage, no network, {code.timeLimitS} s at most.
          </span>
        )}
      </div>
      {notReady && (
        <p role="alert" className="message error">
          {notReady}
        </p>
      )}
      {code.running && code.phase && (
        <div className="train-progress">
          <ProgressBar value={undefined} label="Code cell progress" />
          <p className="muted">{PHASE_TEXT[code.phase]}</p>
        </div>
      )}
      {code.error && (
        <p role="alert" className="message error">
          {code.error.message}
        </p>
      )}
      {code.logs.length > 0 && (
        <pre className="code-console" aria-label="Console output">
          {code.logs.map((l, i) => (
            <span key={i} className={`log-${l.level}`}>
              {l.text}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
      {code.result && (
        <section aria-label="Code cell result" className="train-results">
          <p className="muted small">
            Model stored ({formatBytes(code.result.modelBytes)} as JSON). Sandbox started in {Math.round(code.result.startMs)} ms · train {formatDuration(code.result.trainMs)}
            {code.result.preview ? ` · predict ${formatDuration(code.result.predictMs)}` : ''}.
          </p>
          {code.result.preview && (
            <>
              <p>
                <strong>{code.result.preview.total.toLocaleString('en')} rows predicted</strong>
                {code.result.preview.total > code.result.preview.rows.length ? ` (the first ${code.result.preview.rows.length} below)` : ''}
              </p>
              <div className="table-scroll">
                <table className="grid" aria-label="Predictions">
                  <thead>
                    <tr>
                      {code.result.preview.columns.map((c) => (
                        <th key={c}>{c}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {code.result.preview.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((v, c) => (
                          <td key={c}>{v}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}
      {config.artifactId && !code.running && (
        <div className="train-actions">
          <DownloadArtifact artifactId={config.artifactId} fileName={`${name.replace(/[^\w-]+/g, '-').toLowerCase()}-predictions.csv`} label="Download predictions CSV" />
        </div>
      )}
      {config.modelArtifactId && (
        <details className="code-lineage">
          <summary>Lineage of the latest run</summary>
          <LineageView projectId={projectId} artifactId={config.modelArtifactId} {...(target.source?.config.fileName ? { datasetName: target.source.config.fileName } : {})} />
        </details>
      )}
    </div>
  );
}

/** One option per data cell, named by its file. */
function DataCellOptions({ cells }: { readonly cells: readonly CellView[] }) {
  return cells.map((c) => (
    <option key={c.id} value={c.id}>
      {c.config.fileName ?? 'Data cell'}
    </option>
  ));
}

function bounded(value: number, min: number, max: number): number | undefined {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : undefined;
}
