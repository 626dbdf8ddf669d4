'use client';
import { forwardRef, type KeyboardEvent, type ReactNode } from 'react';
import type { CellView } from '@/lib/sync/project-doc';

const KIND_LABELS: Record<CellView['kind'], string> = { markdown: 'Markdown', data: 'Data', train: 'Train', sweep: 'Sweep', predict: 'Predict', evaluate: 'Evaluate' };

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
}

/** The frame every cell shares: kind, title, move / collapse / delete, and keyboard focus. */
export const CellFrame = forwardRef<HTMLElement, CellFrameProps>(function CellFrame(
  { cell, index, count, title, children, onMove, onDelete, onToggleCollapsed, onKeyDown },
  ref,
) {
  const name = `Cell ${index + 1}, ${KIND_LABELS[cell.kind].toLowerCase()}`;
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
        <span className="spacer" />
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
      {!cell.collapsed && <div className="cell-body">{children}</div>}
    </section>
  );
});
