'use client';
import { COLUMN_TYPES, type ColumnSchema, type ColumnType, type Profile } from '@/lib/data/types';
import { MiniChart } from './mini-chart';
import { describeColumn, formatPercent } from './format';

const TYPE_LABELS: Record<ColumnType, string> = {
  integer: 'integer',
  float: 'float',
  boolean: 'boolean',
  categorical: 'categorical',
  datetime: 'datetime',
  text: 'text',
  id: 'id-like',
  constant: 'constant',
};

interface ColumnsTableProps {
  readonly schema: readonly ColumnSchema[];
  readonly profile: Profile;
  readonly onChange: (name: string, change: { type?: ColumnType; included?: boolean }) => void;
}

/** One row per column: its type (changeable), whether it is used, and its profile. */
export function ColumnsTable({ schema, profile, onChange }: ColumnsTableProps) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="grid columns-table" aria-label="Columns">
        <thead>
          <tr>
            <th>Use</th>
            <th>Column</th>
            <th>Type</th>
            <th className="num">Missing</th>
            <th className="num">Distinct</th>
            <th>Values</th>
            <th>Distribution</th>
          </tr>
        </thead>
        <tbody>
          {schema.map((column, i) => {
            const stats = profile.columns.find((c) => c.name === column.name) ?? profile.columns[i];
            return (
              <tr key={column.name} className={column.included ? undefined : 'excluded'}>
                <td>
                  <input
                    type="checkbox"
                    checked={column.included}
                    aria-label={`Use column ${column.name}`}
                    onChange={(e) => onChange(column.name, { included: e.target.checked })}
                  />
                </td>
                <td title={column.reason}>
                  <strong>{column.name}</strong>
                  <div className="muted small">{column.reason}</div>
                </td>
                <td>
                  <select
                    aria-label={`Type of ${column.name}`}
                    value={column.type}
                    onChange={(e) => {
                      const type = COLUMN_TYPES.find((t) => t === e.target.value);
                      if (type) onChange(column.name, { type });
                    }}
                  >
                    {COLUMN_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {TYPE_LABELS[t]}
                        {t === column.inferredType ? ' (inferred)' : ''}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="num">{stats ? formatPercent(stats.missingRatio) : ''}</td>
                <td className="num" title={stats?.distinctApproximate ? 'Estimated: this column has very many values' : undefined}>
                  {stats ? `${stats.distinctApproximate ? '≈ ' : ''}${stats.distinct.toLocaleString('en')}` : ''}
                </td>
                <td className="small">{stats ? describeColumn(stats, profile.rowCount - stats.missing) : ''}</td>
                <td>{stats && <MiniChart column={stats} rowCount={profile.rowCount - stats.missing} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
