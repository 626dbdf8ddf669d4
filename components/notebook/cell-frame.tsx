'use client';
import { forwardRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { CellId } from '@/lib/ids';
import type { CellView } from '@/lib/sync/project-doc';
import { PeersInCell } from '@/components/project/presence-bar';
import type { CellRunState } from './use-pipeline-run';

const KIND_LABELS: Record<CellView['kind'], string> = { markdown: 'Markdown', data: 'Data', train: 'Train', sweep: 'Sweep', predict: 'Predict', evaluate: 'Evaluate', code: 'Code' };

interface CellFrameProps {
  readonly cell: CellView;
  readonly index: number;
  readonly count: number;
  readonly title: string;
  readonly children: ReactNode;
  readonly onMove: (toIndex: number) => void;
  readonly onDelete: () => void;
  readonly onToggleCollapsed: () => void;
  /** Keyboard handling shared by every cell (navigation, run); see Notebook. */
  readonly onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  /** The cell's state in the notebook's current or last pipeline run, if it was part of it. */
  readonly runState: CellRunState | undefined;
  /** Why the cell's result is out of date, when it is. */
  readonly stale: string | undefined;
  /** Where its inputs come from ("dataset ← Cell 1 (data)"), for a cell that has inputs. */
  readonly inputs: string | undefined;
  /** The controls that change where its inputs come from, shown from the header. */
  readonly mapping: ReactNode;
  readonly pipelineRunning: boolean;
  readonly onRunWithInputs: () => void;
  readonly onRunDownstream: () => void;
  readonly nameOf: (id: CellId) => string;
}

const STATE_LABELS: Record<CellRunState['status'], string> = { queued: 'queued', running: 'running…', done: 'done', failed: 'failed', skipped: 'not run' };

/** The frame every cell shares: kind, title, move / collapse / delete, and keyboard focus. */
export const CellFrame = forwardRef<HTMLElement, CellFrameProps>(function CellFrame(
  { cell, index, count, title, children, onMove, onDelete, onToggleCollapsed, onKeyDown, runState, stale, inputs, mapping, pipelineRunning, onRunWithInputs, onRunDownstream, nameOf },
  ref,
) {
  const [mappingOpen, setMappingOpen] = useState(false);
  const name = `Cell ${index + 1}, ${KIND_LABELS[cell.kind].toLowerCase()}`;
  const runnable = cell.kind !== 'markdown';
  return (
    <section
      ref={ref}
      className={`cell cell-${cell.kind}`}
      tabIndex={0}
      aria-label={name}
      data-cell-id={cell.id}
      onKeyDown={onKeyDown}
    >
      <div className="cell-toolbar">
        <button
          type="button"
          className="icon"
          aria-expanded={!cell.collapsed}
          aria-label={cell.collapsed ? `Expand ${name}` : `Collapse ${name}`}
          onClick={onToggleCollapsed}
        >
          {cell.collapsed ? '▸' : '▾'}
        </button>
        <span className="cell-kind">{KIND_LABELS[cell.kind]}</span>
        <span className="cell-title">{title}</span>
        <PeersInCell cellId={cell.id} />
        {inputs && (
          <button
            type="button"
            className="cell-inputs link muted small"
            aria-label={`Inputs of ${name}: ${inputs}`}
            aria-expanded={mappingOpen}
            title={`${inputs} (change)`}
            onClick={() => setMappingOpen((open) => !open)}
          >
            {inputs} ▾
          </button>
        )}
        {runState && (
          <span
            className={`run-state run-state-${runState.status}`}
            role="status"
            aria-label={`${name}: ${STATE_LABELS[runState.status]} in the notebook run`}
            title={runState.status === 'failed' ? runState.error : undefined}
          >
            {STATE_LABELS[runState.status]}
          </span>
        )}
        {stale && (
          <span className="run-state run-state-stale" role="status" aria-label={`${name} is stale`} title={`Stale: ${stale}`}>
            stale
          </span>
        )}
        <span className="spacer" />
        {runnable && (
          <>
            <button type="button" className="icon" aria-label={`Run ${name} and the cells it needs`} title="Run this cell and the cells it needs" disabled={pipelineRunning} onClick={onRunWithInputs}>
              ⇡▶
            </button>
            <button type="button" className="icon" aria-label={`Run ${name} and the cells that need it`} title="Run this cell and the cells that need it" disabled={pipelineRunning} onClick={onRunDownstream}>
              ▶⇣
            </button>
          </>
        )}
        <button type="button" className="icon" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => onMove(index - 1)}>
          ↑
        </button>
        <button
          type="button"
          className="icon"
          aria-label={`Move ${name} down`}
          disabled={index === count - 1}
          onClick={() => onMove(index + 1)}
        >
          ↓
        </button>
        <button type="button" className="icon danger" aria-label={`Delete ${name}`} onClick={onDelete}>
          ✕
        </button>
      </div>
      {inputs && mappingOpen && mapping}
      {runState?.status === 'failed' && runState.explain && (
        <p className="message error run-outcome" role="alert">
          Not run: {runState.error}
        </p>
      )}
      {stale && !(runState?.status === 'queued' || runState?.status === 'running') && <p className="message info run-outcome">Stale: {stale}.</p>}
      {runState?.status === 'skipped' && <p className="message info run-outcome">Not run: it needs {nameOf(runState.because)}, which failed.</p>}
      {/* Hidden rather than unmounted: a collapsed cell keeps its state and can still be run. */}
      <div className="cell-body" hidden={cell.collapsed}>
        {children}
      </div>
    </section>
  );
});
