/** Date parts as numbers, in UTC: dates parsed from text carry no zone, so UTC keeps them as written. */
import type { DatePart } from './plan';

export function datePart(epochMs: number, part: DatePart): number {
  if (Number.isNaN(epochMs)) return Number.NaN;
  const d = new Date(epochMs);
  switch (part) {
    case 'year':
      return d.getUTCFullYear();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'day':
      return d.getUTCDate();
    case 'weekday':
      return d.getUTCDay();
    case 'hour':
      return d.getUTCHours();
  }
}
