'use client';
import { useCallback, useRef, useState } from 'react';
import { CodeSyntaxError, compileCode } from '@/lib/code/compile';
import { codeConfig } from '@/lib/code/config';
import { failureText } from '@/lib/code/failure-text';
import type { CodeLanguage } from '@/lib/code/languages';
import { DEFAULT_MEMORY_LIMIT_MB, DEFAULT_TIME_LIMIT_S } from '@/lib/code/limits';
import type { SandboxPhase } from '@/lib/code/protocol';
import { CodeResultError, predictionsCsv, readPredicted, toCodeTable, type PredictedColumns } from '@/lib/code/table';
import type { Table, Task } from '@/lib/data/types';
import { fieldText } from '@/lib/data/write-csv';
import { parseBlob } from '@/lib/jobs/load-table';
import { toShownError, type ShownError } from '@/lib/react/error-text';
import { useProject } from '@/lib/react/project-context';
import { useWriteCellConfig } from '@/lib/react/use-cell-config';
import { saveCodeRun } from '@/lib/store/code-runs';
import { readDataset, readDatasetBlob } from '@/lib/store/datasets';
import { publishArtifacts } from '@/lib/store/records-mirror';
import type { CellView } from '@/lib/sync/project-doc';
import { runInSandbox } from '@/workers/sandbox/host';

export interface CodeRunRequest {
  readonly name: string;
  readonly source: string;
  readonly language: CodeLanguage;
  readonly configText: string;
  readonly label: string | undefined;
  readonly task: Task | undefined;
  /** The training rows: a data cell's dataset. */
  readonly data: { readonly hash: string; readonly name: string };
  readonly future: { readonly hash: string; readonly name: string } | null;
}

export interface CodeRunResult {
  readonly startMs: number;
  readonly trainMs: number;
  readonly predictMs: number;
  readonly modelBytes: number;
  /** The first rows of what predict returned, for the screen (the CSV holds them all). */
  readonly preview: { readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly total: number } | null;
}

export interface LogLine {
  readonly level: 'log' | 'info' | 'warn' | 'error';
  readonly text: string;
}

const PREVIEW_ROWS = 10;

/** A code cell's run: load the rows, run the code in its sandbox, check and store what it returned. */
export function useCodeRun(cell: CellView) {
  const { projectId, doc } = useProject();
  const write = useWriteCellConfig(cell.id);
  const [running, setRunning] = useState(false);
  const [phase, setPhase] = useState<SandboxPhase | 'loading-data' | 'saving' | null>(null);
  const [logs, setLogs] = useState<readonly LogLine[]>([]);
  const [error, setError] = useState<ShownError | null>(null);
  const [result, setResult] = useState<CodeRunResult | null>(null);
  const abort = useRef<AbortController | null>(null);
  const lastError = useRef<ShownError | null>(null);
  const timeLimitS = cell.config.timeLimitS ?? DEFAULT_TIME_LIMIT_S;
  const memoryLimitMb = cell.config.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB;

  const run = useCallback(
    async (request: CodeRunRequest): Promise<boolean> => {
      const controller = new AbortController();
      abort.current = controller;
      setRunning(true);
      setError(null);
      setLogs([]);
      lastError.current = null;
      const fail = (shown: ShownError): false => {
        lastError.current = shown;
        setError(shown);
        return false;
      };
      try {
        const code = compileCode(request.source, request.language);
        const config = codeConfig(request.configText, { ...(request.label ? { label: request.label } : {}), ...(request.task ? { task: request.task } : {}) });
        setPhase('loading-data');
        const data = await loadTable(request.data.hash);
        const future = request.future ? await loadTable(request.future.hash) : null;
        const outcome = await runInSandbox(
          { code, config, data: toCodeTable(data), future: future ? toCodeTable(future) : null, timeLimitMs: timeLimitS * 1000, memoryLimitBytes: memoryLimitMb * 1024 * 1024 },
          { onPhase: setPhase, onLog: (line) => setLogs((l) => [...l, line]), signal: controller.signal },
        );
        if (!outcome.ok && controller.signal.aborted) return fail({ name: 'AbortError', message: 'Stopped. Nothing was stored.' });
        if (!outcome.ok) {
          return fail({ name: outcome.failure === 'code' ? 'CodeError' : outcome.failure, message: failureText({ ...outcome, timeLimitS }) });
        }
        try {
          JSON.parse(outcome.model);
        } catch {
          throw new CodeResultError('The model the code sent back is not JSON, so nothing was stored.');
        }
        const predicted = future ? readPredicted(outcome.predictions, future.rowCount) : null;
        setPhase('saving');
        const saved = await saveCodeRun({
          projectId,
          name: request.name,
          language: request.language,
          source: request.source,
          config,
          datasetHash: request.data.hash,
          modelJson: outcome.model,
          ...(future && predicted && request.future ? { predictions: { csv: predictionsCsv(future, predicted), datasetHash: request.future.hash, on: request.future.name } } : {}),
        });
        publishArtifacts(doc, [saved.config, saved.model, ...(saved.predictions ? [saved.predictions] : [])]);
        write({ modelArtifactId: saved.model.id, artifactId: saved.predictions?.id });
        setResult({
          startMs: outcome.startMs,
          trainMs: outcome.trainMs,
          predictMs: outcome.predictMs,
          modelBytes: outcome.model.length,
          preview: future && predicted ? previewOf(predicted, future) : null,
        });
        return true;
      } catch (e) {
        return fail(e instanceof CodeSyntaxError ? { name: e.name, message: e.message } : toShownError(e));
      } finally {
        abort.current = null;
        setRunning(false);
        setPhase(null);
      }
    },
    [projectId, doc, write, timeLimitS, memoryLimitMb],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);
  const failure = useCallback(() => lastError.current, []);
  return { run, cancel, running, phase, logs, error, result, failure, timeLimitS, memoryLimitMb };
}

async function loadTable(hash: string): Promise<Table> {
  const [blob, dataset] = await Promise.all([readDatasetBlob(hash), readDataset(hash)]);
  if (!blob || !dataset) throw new Error('The dataset of the chosen data cell is not stored in this browser. Import the file into the data cell again.');
  return parseBlob(blob, { ...(dataset.delimiter ? { delimiter: dataset.delimiter } : {}), encoding: dataset.encoding });
}

/** Predicted columns first, then the rows' own, as the predict cell shows them. */
function previewOf(predicted: PredictedColumns, future: Table): NonNullable<CodeRunResult['preview']> {
  const returned = new Set(predicted.columns.map((c) => c.name));
  const inputs = future.columns.filter((c) => !returned.has(c.name));
  const columns = [...predicted.columns.map((c) => c.name), ...inputs.map((c) => c.name)];
  const rows: string[][] = [];
  for (let r = 0; r < Math.min(PREVIEW_ROWS, future.rowCount); r++) {
    rows.push([
      ...predicted.columns.map((c) => shown(c.values[r] ?? null)),
      ...inputs.map((c) => fieldText(c, r)),
    ]);
  }
  return { columns, rows, total: future.rowCount };
}

function shown(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  return String(value);
}
