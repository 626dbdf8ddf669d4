/**
 * Dates and date-times written the ways spreadsheets and exports write them, read as epoch
 * milliseconds UTC. Values without a time zone are taken as UTC, so the same file gives the same
 * numbers on every machine.
 *
 * Accepted: ISO 8601 (`2024-03-09`, `2024-03-09T14:05:00.250+01:00`, space instead of `T`),
 * `2024/03/09`, `03/09/2024` (month first, as US exports write it), `09.03.2024` (day first),
 * `Mar 9 2024`, `9 Mar 2024`, `March 9, 2024`. The non-ISO forms may carry a `HH:MM[:SS]` time.
 * Plain numbers are never dates: a year column or an epoch column stays numeric.
 */

const TIME = String.raw`(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?`;
const ZONE = String.raw`\s*(Z|[+-]\d{2}(?::?\d{2})?)?`;

const ISO = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})` + TIME + ZONE + '$', 'i');
const YMD_SLASH = new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})` + TIME + '$', 'i');
const MDY_SLASH = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})` + TIME + '$', 'i');
const DMY_DOT = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})` + TIME + '$', 'i');
const MON_D_Y = new RegExp(
  String.raw`^([a-z]{3,9})\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s-]+(\d{4})` + TIME + '$',
  'i',
);
const D_MON_Y = new RegExp(
  String.raw`^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4})` + TIME + '$',
  'i',
);

const MONTHS: ReadonlyMap<string, number> = new Map([
  ...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map(
    (name, i) => [name, i + 1] as const,
  ),
  ...[
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ].map((name, i) => [name, i + 1] as const),
  ['sept', 9],
]);

/** The shortest ("1.2.2024") and a generous longest form; anything else is rejected unread. */
const MIN_LENGTH = 8;
const MAX_LENGTH = 48;

/** Days in the 400-year Gregorian cycle, used to place years 0–99 (Date.UTC maps them to 19xx). */
const DAYS_PER_400_YEARS = 146097;
const MS_PER_DAY = 86_400_000;

/**
 * Parses a date or date-time; returns epoch milliseconds UTC, or NaN when `text` is not one.
 *
 * @example parseDateTime('Jun 12 1998') === Date.UTC(1998, 5, 12)
 */
export function parseDateTime(text: string): number {
  const s = text.trim();
  if (s.length < MIN_LENGTH || s.length > MAX_LENGTH) return Number.NaN;
  let m = ISO.exec(s);
  if (m) return build(m[1], m[2], m[3], m, 4, m[8]);
  m = YMD_SLASH.exec(s);
  if (m) return build(m[1], m[2], m[3], m, 4, undefined);
  m = MDY_SLASH.exec(s);
  if (m) return build(m[3], m[1], m[2], m, 4, undefined);
  m = DMY_DOT.exec(s);
  if (m) return build(m[3], m[2], m[1], m, 4, undefined);
  m = MON_D_Y.exec(s);
  if (m) return build(m[3], monthNumber(m[1]), m[2], m, 4, undefined);
  m = D_MON_Y.exec(s);
  if (m) return build(m[3], monthNumber(m[2]), m[1], m, 4, undefined);
  return Number.NaN;
}

function monthNumber(name: string | undefined): string | undefined {
  const month = name === undefined ? undefined : MONTHS.get(name.toLowerCase());
  return month === undefined ? undefined : String(month);
}

/** Validates the parts (no 31 April, no 25 o'clock) and combines them. */
function build(
  yearText: string | undefined,
  monthText: string | undefined,
  dayText: string | undefined,
  match: RegExpExecArray,
  timeAt: number,
  zone: string | undefined,
): number {
  if (yearText === undefined || monthText === undefined || dayText === undefined) return Number.NaN;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  const hour = Number(match[timeAt] ?? 0);
  const minute = Number(match[timeAt + 1] ?? 0);
  const second = Number(match[timeAt + 2] ?? 0);
  const fraction = match[timeAt + 3];
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const offset = zoneOffsetMinutes(zone);
  if (Number.isNaN(offset)) return Number.NaN;
  // Shift by 400 years and back: the calendar repeats exactly, and Date.UTC treats 0–99 as 1900–1999.
  const utc =
    Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) -
    DAYS_PER_400_YEARS * MS_PER_DAY;
  return utc - offset * 60_000;
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return Number.NaN;
  return sign * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
