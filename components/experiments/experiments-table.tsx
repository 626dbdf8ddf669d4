'use client';
import { useState, type KeyboardEvent } from 'react';
import { METRICS } from '@/lib/ml/metrics/registry';
import type { ExperimentRow, RowSort, SortKey } from '@/lib/experiments/list';
import { RelativeTime } from '@/components/ui/relative-time';

/** Rows are drawn only where the scroll box shows them: 10,000 experiments render as fast as 20. */
const ROW_HEIGHT = 36;
const VIEW_ROWS = 14;
const OVERSCAN = 6;

interface ExperimentsTableProps {
  readonly rows: readonly ExperimentRow[];
  readonly sort: RowSort;
  readonly onSort: (sort: RowSort) => void;
  readonly selected: ReadonlySet<string>;
  readonly onSelect: (id: string, selected: boolean) => void;
  readonly openId: string | undefined;
  /** Experiment id → the registry stage its model holds. */
  readonly stages: ReadonlyMap<string, string>;
  /** Experiment id → the model.zip it was imported from. */
  readonly imported?: ReadonlyMap<string, string>;
  readonly onOpen: (id: string) => void;
}

const COLUMNS: readonly { readonly key: SortKey; readonly label: string; readonly num?: boolean }[] = [
  { key: 'number', label: 'Experiment' },
  { key: 'status', label: 'Status' },
  { key: 'task', label: 'Task' },
  { key: 'dataset', label: 'Dataset' },
  { key: 'learner', label: 'Best learner' },
  { key: 'score', label: 'Held-out score', num: true },
  { key: 'durationMs', label: 'Duration', num: true },
  { key: 'startedBy', label: 'Started by' },
  { key: 'startedAt', label: 'Started' },
];

export function ExperimentsTable({ rows, sort, onSort, selected, onSelect, openId, stages, imported, onOpen }: ExperimentsTableProps) {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil(scrollTop / ROW_HEIGHT) + VIEW_ROWS + OVERSCAN);
  const shown = rows.slice(first, last);
  const height = Math.min(rows.length, VIEW_ROWS) * ROW_HEIGHT + ROW_HEIGHT + 2;

  const header = (c: (typeof COLUMNS)[number]) => (
    <th key={c.key} scope="col" className={c.num ? 'num' : undefined} aria-sort={sort.key === c.key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="link" onClick={() => onSort({ key: c.key, ascending: sort.key === c.key ? !sort.ascending : c.key !== 'score' && c.key !== 'startedAt' && c.key !== 'number' })}>
        {c.label}
        {sort.key === c.key ? (sort.ascending ? ' ↑' : ' ↓') : ''}
      </button>
    </th>
  );
  const openOnKey = (e: KeyboardEvent, id: string) => {
    if (e.key === 'Enter') onOpen(id);
  };

  return (
    <div className="experiments-scroll" style={{ maxHeight: height }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <table className="grid experiments-table" aria-label="Experiments" aria-rowcount={rows.length + 1}>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Compare</span>
            </th>
            {COLUMNS.map(header)}
          </tr>
        </thead>
        <tbody>
          {first > 0 && (
            <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }}>
              <td colSpan={COLUMNS.length + 1} />
            </tr>
          )}
          {shown.map((r, i) => (
            <tr key={r.id} aria-rowindex={first + i + 2} className={r.id === openId ? 'open' : undefined} style={{ height: ROW_HEIGHT }}>
              <td>
                <input type="checkbox" aria-label={`Compare ${r.name}`} checked={selected.has(r.id)} onChange={(e) => onSelect(r.id, e.target.checked)} />
              </td>
              <td>
                <button type="button" className="link" aria-label={`Open ${r.name}`} onClick={() => onOpen(r.id)} onKeyDown={(e) => openOnKey(e, r.id)}>
                  {r.name}
                </button>
                {stages.has(r.id) ? <span className={`stage-badge ${stages.get(r.id)}`}>{stages.get(r.id)}</span> : null}
                {imported?.has(r.id) ? (
                  <span className="import-badge" title={`Imported from ${imported.get(r.id)}`}>
                    imported<span className="visually-hidden"> from {imported.get(r.id)}</span>
                  </span>
                ) : null}
              </td>
              <td>
                <span className={`status-badge ${r.status}`}>{r.status}</span>
              </td>
              <td>{r.task}</td>
              <td className="ellipsis" title={r.dataset}>
                {r.dataset}
                {r.label ? <span className="muted"> → {r.label}</span> : null}
              </td>
              <td>{r.learner}</td>
              <td className="num">{r.score === null || !r.metric ? '–' : `${METRICS[r.metric].label} ${r.score.toFixed(4)}`}</td>
              <td className="num">{imported?.has(r.id) ? '–' : formatDuration(r.durationMs)}</td>
              <td>{r.startedBy}</td>
              <td>
                <RelativeTime at={r.startedAt} />
              </td>
            </tr>
          ))}
          {last < rows.length && (
            <tr aria-hidden="true" style={{ height: (rows.length - last) * ROW_HEIGHT }}>
              <td colSpan={COLUMNS.length + 1} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s - m * 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
