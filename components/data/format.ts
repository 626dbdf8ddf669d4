import type { ColumnProfile } from '@/lib/data/types';

/** Numbers as a person reads them in a profile: a few significant digits, no float noise. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-3)) return value.toExponential(2);
  return value.toLocaleString('en', { maximumFractionDigits: abs >= 100 ? 1 : 3 });
}

export function formatPercent(ratio: number): string {
  if (ratio === 0) return '0%';
  if (ratio < 0.001) return '<0.1%';
  return `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)}%`;
}

/** The short statistics line of a column in the columns table. */
export function describeColumn(column: ColumnProfile, rowCount: number): string {
  if (column.type === 'datetime' && column.min !== undefined && column.max !== undefined) {
    return `${formatDate(column.min)} → ${formatDate(column.max)}`;
  }
  if (column.min !== undefined && column.max !== undefined) {
    const spread = column.mean !== undefined ? ` · mean ${formatNumber(column.mean)} ± ${formatNumber(column.std)}` : '';
    return `${formatNumber(column.min)} – ${formatNumber(column.max)}${spread}`;
  }
  if (column.top && column.top.length > 0) {
    const present = Math.max(1, rowCount);
    return column.top
      .slice(0, 3)
      .map((t) => `${t.value} ${formatPercent(t.count / present)}`)
      .join(' · ');
  }
  return '';
}

function formatDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}
