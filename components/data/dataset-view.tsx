'use client';
import type { ColumnOverrides } from '@/lib/data/analyze';
import { formatBytes } from '@/lib/units';
import type { ColumnType, Task } from '@/lib/data/types';
import type { CellId } from '@/lib/ids';
import { useWriteCellConfig } from '@/lib/react/use-cell-config';
import { useDatasetView } from '@/lib/react/use-dataset-view';
import type { CellConfig } from '@/lib/sync/project-doc';
import { ProgressBar } from '@/components/ui/progress-bar';
import { ColumnsTable } from './columns-table';
import { LabelPicker } from './label-picker';
import { PreviewTable } from './preview-table';

const FORMAT_LABELS: Record<string, string> = {
  csv: 'CSV',
  tsv: 'TSV',
  semicolon: 'semicolon-separated',
  'json-records': 'JSON records',
  'json-columns': 'JSON {columns, data}',
};

interface DatasetViewProps {
  readonly cellId: CellId;
  readonly hash: string;
  readonly config: CellConfig;
}

/** A stored dataset: its facts, the label picker, the columns with their profile, and every row. */
export function DatasetView({ cellId, hash, config }: DatasetViewProps) {
  const overrides: ColumnOverrides = config.columnOverrides ?? {};
  const view = useDatasetView({ hash, overrides, label: config.label ?? null });
  const write = useWriteCellConfig(cellId);
  const { record, analysis } = view;

  if (record === undefined) return <p className="muted">Loading the dataset…</p>;
  if (record === null) {
    return (
      <div className="message error" role="alert">
        <strong>This dataset is no longer stored in this browser</strong>
        Import the file again to use it here.
      </div>
    );
  }
  // The user's overrides show at once; the re-analysis they start (in the worker) follows. Without
  // this a checkbox snapped back until the worker answered.
  const schema = (analysis?.schema ?? record.schema).map((c) => {
    const o = overrides[c.name];
    return o ? { ...c, ...(o.type !== undefined ? { type: o.type } : {}), ...(o.included !== undefined ? { included: o.included } : {}) } : c;
  });
  const profile = analysis?.profile ?? record.profile;
  const label = config.label ?? analysis?.label ?? null;

  function changeColumn(name: string, change: { type?: ColumnType; included?: boolean }) {
    const inferred = record?.schema.find((c) => c.name === name);
    const next = { ...overrides[name], ...change };
    // Keep only what differs from inference, so "back to inferred" leaves no override behind.
    if (inferred && next.type === inferred.type) delete next.type;
    if (inferred && next.included === inferred.included) delete next.included;
    const all: Record<string, { type?: ColumnType; included?: boolean }> = { ...overrides };
    if (next.type === undefined && next.included === undefined) delete all[name];
    else all[name] = next;
    write({ columnOverrides: Object.keys(all).length > 0 ? all : undefined });
  }

  return (
    <div className="stack" style={{ gap: 16 }}>
      <div className="facts" aria-label="Dataset summary">
        <Fact name="rows" value={record.rowCount.toLocaleString('en')} />
        <Fact name="columns" value={record.columnCount.toLocaleString('en')} />
        <Fact name="size" value={formatBytes(record.bytes)} />
        <Fact name="format" value={`${FORMAT_LABELS[record.format] ?? record.format}${record.encoding === 'latin-1' ? ', Latin-1' : ''}`} />
      </div>
      {record.notices.length > 0 && (
        <div className="message info" role="status">
          <ul style={{ margin: 0 }}>
            {record.notices.map((n) => (
              <li key={n.code}>{n.message}</li>
            ))}
          </ul>
        </div>
      )}
      {view.error && (
        <div className="message error" role="alert">
          <strong>Could not load the rows</strong>
          {view.error.message}
        </div>
      )}
      <LabelPicker
        schema={schema}
        label={label}
        chosenTask={config.task}
        analysis={analysis}
        onLabel={(next) => write({ label: next, task: undefined })}
        onTask={(task: Task | undefined) => write({ task })}
      />
      <ColumnsTable schema={schema} profile={profile} onChange={changeColumn} />
      <section className="stack" aria-label="Rows">
        <h3 style={{ margin: 0 }}>Rows</h3>
        {view.loading && !view.loaded && (
          <ProgressBar
            value={view.loading.totalBytes ? view.loading.bytesRead / view.loading.totalBytes : undefined}
            label="Loading rows"
          />
        )}
        <PreviewTable hash={hash} columns={schema.map((c) => c.name)} rowCount={record.rowCount} loaded={view.loaded} />
      </section>
    </div>
  );
}

function Fact({ name, value }: { readonly name: string; readonly value: string }) {
  return (
    <div className="fact">
      <span className="value">{value}</span>
      <span className="name">{name}</span>
    </div>
  );
}
