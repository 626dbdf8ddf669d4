'use client';
import { useState } from 'react';
import { useRowPages } from '@/lib/react/use-row-pages';

const ROW_HEIGHT = 28;
const VIEW_HEIGHT = 320;
/** Rows rendered above and below the visible window, so a fast scroll shows no blank band. */
const OVERSCAN = 10;
/** Chromium caps an element's height near 33.5 million px; past it, the scroll area is compressed. */
const MAX_SCROLL_HEIGHT = 30_000_000;

interface PreviewTableProps {
  readonly hash: string;
  readonly columns: readonly string[];
  readonly rowCount: number;
  readonly loaded: boolean;
}

/**
 * A virtualized view of every row: only the rows in view exist in the DOM, fetched from the
 * worker a page at a time, so a million rows scroll as smoothly as ten.
 */
export function PreviewTable({ hash, columns, rowCount, loaded }: PreviewTableProps) {
  const [scrollTop, setScrollTop] = useState(0);
  const row = useRowPages(hash, loaded);
  const fullHeight = rowCount * ROW_HEIGHT;
  const scrollHeight = Math.min(fullHeight, MAX_SCROLL_HEIGHT);
  // Maps the last scroll position onto the last rows when the scroll area is compressed.
  const scale = scrollHeight < fullHeight ? (fullHeight - VIEW_HEIGHT) / (scrollHeight - VIEW_HEIGHT) : 1;
  // Where the view starts in row space; rows are placed relative to it, so they never overlap
  // even when the scroll area is compressed.
  const virtualTop = scrollTop * scale;
  const first = Math.max(0, Math.floor(virtualTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((virtualTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const width = 72 + columns.length * 140;

  const rows = [];
  for (let i = first; i < last; i++) {
    const values = row(i);
    const top = 30 + scrollTop + i * ROW_HEIGHT - virtualTop;
    rows.push(
      <div key={i} className="preview-row" role="row" aria-rowindex={i + 2} style={{ top, width }}>
        <div className="preview-cell index" role="rowheader">
          {(i + 1).toLocaleString('en')}
        </div>
        {columns.map((c, j) => {
          const value = values?.[j];
          return (
            <div key={c} role="cell" className={`preview-cell${value === null ? ' missing' : ''}`}>
              {values === undefined ? '…' : value === null ? 'missing' : value}
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div
      className="preview-scroll"
      role="table"
      aria-label="Data preview"
      aria-rowcount={rowCount + 1}
      tabIndex={0}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: 30 + scrollHeight, width, position: 'relative' }}>
        <div className="preview-head" role="row" aria-rowindex={1} style={{ width }}>
          <div className="preview-cell index" role="columnheader">
            #
          </div>
          {columns.map((c) => (
            <div key={c} className="preview-cell" role="columnheader" title={c}>
              {c}
            </div>
          ))}
        </div>
        {rows}
      </div>
    </div>
  );
}
