'use client';
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import type { CellId } from '@/lib/ids';
import { cellInputs, type CellInputs } from '@/lib/pipeline/bindings';
import { useProject } from '@/lib/react/project-context';
import { useCellActions } from '@/lib/react/use-cell-actions';
import { useCells } from '@/lib/react/use-cells';
import type { CellKind, CellView } from '@/lib/sync/project-doc';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DataCell } from '@/components/data/data-cell';
import { TrainCell } from '@/components/train/train-cell';
import { SweepCell } from '@/components/sweep/sweep-cell';
import { PredictCell } from '@/components/predict/predict-cell';
import { EvaluateCell } from '@/components/predict/evaluate-cell';
import { CodeCell } from '@/components/code/code-cell';
import { addCodeCell } from '@/components/code/new-code-cell';
import { CellFrame } from './cell-frame';
import { CellRunnersContext } from './cell-runners';
import { CommandBar } from './command-bar';
import { InputMapping } from './input-mapping';
import { PipelinePanel } from './pipeline-panel';
import { usePipelineRun, type CellRunState } from './use-pipeline-run';
import { MarkdownCell } from './markdown-cell';

/**
 * The notebook: cells in order, with Jupyter-like keys. A focused cell (not its editor) takes
 * ↑/↓ to move between cells, Enter to edit, Alt+↑/↓ to move the cell; Shift+Enter anywhere in a
 * cell runs it and moves to the next one.
 */
export function Notebook() {
  const { doc } = useProject();
  const cells = useCells(doc);
  const actions = useCellActions();
  const frames = useRef(new Map<CellId, HTMLElement>());
  const [editingId, setEditingId] = useState<CellId | null>(null);
  const [runSignals, setRunSignals] = useState<Readonly<Record<string, number>>>({});
  const [pendingDelete, setPendingDelete] = useState<CellView | null>(null);
  // Stable while the cells are, so that what the pipeline derives from it is not redone every render.
  const nameOf = useCallback(
    (id: CellId) => {
      const index = cells.findIndex((c) => c.id === id);
      return index < 0 ? 'a deleted cell' : cellName(cells[index]!, index);
    },
    [cells],
  );
  const pipeline = usePipelineRun(cells, nameOf);
  const bindings = new Map(cellInputs(cells).map((c) => [c.cellId, c]));

  const focusCell = useCallback((id: CellId | undefined) => {
    if (!id) return;
    // After a move or an add, React renders first; focus on the next frame.
    requestAnimationFrame(() => frames.current.get(id)?.focus());
  }, []);

  function add(kind: CellKind, index?: number) {
    const id = kind === 'code' ? addCodeCell(doc, index) : actions.add(kind, index);
    if (kind === 'markdown') setEditingId(id);
    focusCell(id);
  }

  function run(cell: CellView, index: number) {
    if (cell.kind === 'markdown') setEditingId(null);
    else setRunSignals((s) => ({ ...s, [cell.id]: (s[cell.id] ?? 0) + 1 }));
    const next = cells[index + 1];
    focusCell(next ? next.id : cell.id);
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>, cell: CellView, index: number) {
    if (event.key === 'Enter' && event.shiftKey) {
      event.preventDefault();
      run(cell, index);
      return;
    }
    // The rest only in command mode: when the cell frame itself has focus, not an input inside it.
    if (event.target !== event.currentTarget) return;
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      const to = index + (event.key === 'ArrowUp' ? -1 : 1);
      if (to < 0 || to >= cells.length) return;
      if (event.altKey) {
        actions.move(cell.id, to);
        focusCell(cell.id);
      } else focusCell(cells[to]?.id);
    } else if (event.key === 'Enter' && cell.kind === 'markdown') {
      event.preventDefault();
      setEditingId(cell.id);
    }
  }

  return (
    <CellRunnersContext.Provider value={pipeline.runners}>
    <div className="notebook">
      {cells.length > 0 && (
        <div className="row pipeline-bar" role="group" aria-label="Run the notebook">
          <button type="button" className="primary" disabled={pipeline.running} onClick={pipeline.runAll}>
            Run all
          </button>
          {pipeline.running && (
            <button type="button" onClick={pipeline.stop}>
              Stop after the cells running now
            </button>
          )}
          <span className="muted small" aria-live="polite">
            {pipeline.running ? runningText(pipeline.states) : pipeline.summary}
          </span>
        </div>
      )}
      <CommandBar cells={cells} />
      {cells.length > 0 && <PipelinePanel cells={cells} nameOf={nameOf} />}
      {cells.length === 0 && (
        <p className="muted" style={{ textAlign: 'center' }}>
          This notebook is empty. Add a data cell to import a table.
        </p>
      )}
      {cells.map((cell, index) => (
        <CellFrame
          key={cell.id}
          ref={(el) => {
            if (el) frames.current.set(cell.id, el);
            else frames.current.delete(cell.id);
          }}
          cell={cell}
          index={index}
          count={cells.length}
          title={cellTitle(cell)}
          onMove={(to) => {
            actions.move(cell.id, to);
            focusCell(cell.id);
          }}
          onDelete={() => (isEmpty(cell) ? actions.remove(cell.id) : setPendingDelete(cell))}
          onToggleCollapsed={() => actions.setCollapsed(cell.id, !cell.collapsed)}
          onKeyDown={(e) => onKeyDown(e, cell, index)}
          runState={pipeline.states[cell.id]}
          stale={pipeline.stale[cell.id]}
          inputs={describeInputs(bindings.get(cell.id)!, nameOf)}
          mapping={<InputMapping cell={cell} inputs={bindings.get(cell.id)!.inputs} cells={cells} nameOf={nameOf} />}
          pipelineRunning={pipeline.running}
          onRunWithInputs={() => pipeline.runWithInputs(cell.id)}
          onRunDownstream={() => pipeline.runDownstream(cell.id)}
          nameOf={nameOf}
        >
          {cell.kind === 'markdown' ? (
            <MarkdownCell
              key={`${cell.id}-${index}`}
              cellId={cell.id}
              editing={editingId === cell.id}
              onEdit={() => setEditingId(cell.id)}
              onDone={() => {
                setEditingId(null);
                focusCell(cell.id);
              }}
            />
          ) : cell.kind === 'train' ? (
            <TrainCell cell={cell} runSignal={runSignals[cell.id] ?? 0} />
          ) : cell.kind === 'sweep' ? (
            <SweepCell cell={cell} runSignal={runSignals[cell.id] ?? 0} />
          ) : cell.kind === 'predict' ? (
            <PredictCell cell={cell} runSignal={runSignals[cell.id] ?? 0} />
          ) : cell.kind === 'evaluate' ? (
            <EvaluateCell cell={cell} runSignal={runSignals[cell.id] ?? 0} />
          ) : cell.kind === 'code' ? (
            <CodeCell cell={cell} name={cellName(cell, index)} runSignal={runSignals[cell.id] ?? 0} />
          ) : (
            <DataCell cell={cell} runSignal={runSignals[cell.id] ?? 0} />
          )}
        </CellFrame>
      ))}
      <div className="add-cells" role="group" aria-label="Add a cell">
        <button type="button" onClick={() => add('data')}>
          + Data cell
        </button>
        <button type="button" onClick={() => add('train')}>
          + Train cell
        </button>
        <button type="button" onClick={() => add('sweep')}>
          + Sweep cell
        </button>
        <button type="button" onClick={() => add('predict')}>
          + Predict cell
        </button>
        <button type="button" onClick={() => add('evaluate')}>
          + Evaluate cell
        </button>
        <button type="button" onClick={() => add('code')}>
          + Code cell
        </button>
        <button type="button" onClick={() => add('markdown')}>
          + Markdown cell
        </button>
      </div>
      <p className="shortcuts" style={{ textAlign: 'center' }}>
        <kbd>↑</kbd>/<kbd>↓</kbd> move between cells · <kbd>Enter</kbd> edit · <kbd>Shift</kbd>+<kbd>Enter</kbd> run ·{' '}
        <kbd>Alt</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd> move the cell · <kbd>Esc</kbd> stop editing
      </p>
      <ConfirmDialog
        open={pendingDelete !== null}
        title="Delete this cell?"
        confirmLabel="Delete cell"
        danger
        onCancel={() => setPendingDelete(null)}
        onConfirm={() => {
          if (pendingDelete) actions.remove(pendingDelete.id);
          setPendingDelete(null);
        }}
      >
        <p style={{ margin: 0 }}>
          {pendingDelete?.kind === 'data'
            ? 'The cell goes; its dataset stays stored with the project until the project is deleted.'
            : pendingDelete?.kind === 'train'
              ? 'The cell goes; its experiments stay stored with the project.'
              : pendingDelete?.kind === 'sweep'
                ? 'The cell goes; its runs stay stored with the project.'
                : pendingDelete?.kind === 'predict' || pendingDelete?.kind === 'evaluate'
                  ? 'The cell goes; its results stay stored under their model (see the lineage view).'
                : pendingDelete?.kind === 'code'
                  ? 'Its code is removed from the notebook; the models and predictions of its runs stay stored with the project.'
                : 'Its text is removed from the notebook.'}
        </p>
      </ConfirmDialog>
    </div>
    </CellRunnersContext.Provider>
  );
}

/** "dataset ← Cell 2 (data) · model ← production, else the newest (after Cell 3 (train))". */
function describeInputs(cell: CellInputs, nameOf: (id: CellId) => string): string | undefined {
  const parts = Object.entries(cell.inputs).map(([input, source]) => {
    const name = input === 'dataset' && (cell.kind === 'predict' || cell.kind === 'evaluate') ? 'rows' : input === 'future' ? 'rows to predict' : input;
    switch (source.type) {
      case 'cell':
        return `${name} ← ${nameOf(source.cellId)}`;
      case 'automatic':
        return `${name} ← production, else the newest${source.after ? ` (after ${nameOf(source.after)})` : ''}`;
      case 'registry':
        return `${name} ← ${source.stage}`;
      case 'experiment':
        return `${name} ← a chosen experiment`;
      case 'file':
        return `${name} ← a file`;
      case 'row':
        return `${name} ← a typed row`;
      case 'none':
        return `${name} ← nothing yet`;
      case 'unused':
        return `${name} ← none`;
    }
  });
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** "Cell 3 (train)", as the frame's accessible name says it. */
function cellName(cell: CellView, index: number): string {
  return `Cell ${index + 1} (${cell.kind})`;
}

function runningText(states: Readonly<Record<string, CellRunState>>): string {
  const all = Object.values(states);
  const finished = all.filter((s) => s.status !== 'queued' && s.status !== 'running').length;
  const now = all.filter((s) => s.status === 'running').length;
  return `Running the notebook: ${finished} of ${all.length} cells finished, ${now} running…`;
}

function isEmpty(cell: CellView): boolean {
  if (cell.kind === 'markdown') return cell.source.trim() === '';
  if (cell.kind === 'sweep') return cell.config.sweep === undefined;
  if (cell.kind === 'predict' || cell.kind === 'evaluate') return cell.config.artifactId === undefined;
  if (cell.kind === 'code') return cell.source.trim() === '' && cell.config.modelArtifactId === undefined;
  return cell.kind === 'train' ? cell.config.experimentId === undefined : cell.config.datasetHash === undefined;
}

function cellTitle(cell: CellView): string {
  if (cell.kind === 'markdown') {
    const heading = cell.source.split('\n').find((line) => line.trim() !== '');
    return heading ? heading.replace(/^#+\s*/, '').slice(0, 80) : '';
  }
  if (cell.kind === 'train') return cell.config.label ? `Predict ${cell.config.label}` : '';
  if (cell.kind === 'sweep') return cell.config.sweep ? `Sweep ${cell.config.sweep.learner}` : '';
  if (cell.kind === 'predict' || cell.kind === 'evaluate') return cell.config.fileName ?? '';
  if (cell.kind === 'code') return (cell.config.language ?? 'javascript') === 'typescript' ? 'TypeScript' : 'JavaScript';
  return cell.config.fileName ?? '';
}
