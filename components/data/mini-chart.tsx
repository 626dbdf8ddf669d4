import type { ColumnProfile } from '@/lib/data/types';

const WIDTH = 120;
const HEIGHT = 32;

/** A column at a glance: a histogram for numbers and dates, bars of the top values otherwise. */
export function MiniChart({ column, rowCount }: { readonly column: ColumnProfile; readonly rowCount: number }) {
  if (column.histogram && column.histogram.length > 0) {
    const bins = column.histogram;
    const max = Math.max(1, ...bins.map((b) => b.count));
    const barWidth = WIDTH / bins.length;
    const first = bins[0];
    const last = bins[bins.length - 1];
    return (
      <svg width={WIDTH} height={HEIGHT} role="img" aria-label={`Histogram of ${column.name}`}>
        <title>
          {`${column.name}: ${bins.length} bins from ${first?.start ?? ''} to ${last?.end ?? ''}`}
        </title>
        {bins.map((bin, i) => {
          const h = Math.max(bin.count > 0 ? 1 : 0, (bin.count / max) * (HEIGHT - 2));
          return (
            <rect key={i} x={i * barWidth + 0.5} y={HEIGHT - h} width={Math.max(1, barWidth - 1)} height={h} fill="#5b7fc4">
              <title>{`${bin.start} – ${bin.end}: ${bin.count.toLocaleString('en')}`}</title>
            </rect>
          );
        })}
      </svg>
    );
  }
  if (column.top && column.top.length > 0) {
    const top = column.top.slice(0, 4);
    const rowHeight = HEIGHT / 4;
    const total = Math.max(1, rowCount);
    return (
      <svg width={WIDTH} height={HEIGHT} role="img" aria-label={`Most frequent values of ${column.name}`}>
        {top.map((t, i) => (
          <rect key={t.value} x={0} y={i * rowHeight + 1} height={rowHeight - 2} width={Math.max(1, (t.count / total) * WIDTH)} fill="#7c93bf">
            <title>{`${t.value}: ${t.count.toLocaleString('en')}`}</title>
          </rect>
        ))}
      </svg>
    );
  }
  return null;
}
