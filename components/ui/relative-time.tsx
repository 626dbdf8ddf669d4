'use client';

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600e3],
  ['month', 30 * 24 * 3600e3],
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
];

/** "3 minutes ago", with the exact time on hover. */
export function RelativeTime({ at }: { readonly at: number }) {
  const diff = at - Date.now();
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const unit = UNITS.find(([, ms]) => Math.abs(diff) >= ms);
  const text = unit ? format.format(Math.round(diff / unit[1]), unit[0]) : 'just now';
  return (
    <time dateTime={new Date(at).toISOString()} title={new Date(at).toLocaleString()}>
      {text}
    </time>
  );
}
