/** Small helpers that keep the sentences users read consistent. */

import type { ColumnType } from '../types';

/** Values longer than this are cut in messages, so one odd cell cannot flood a tooltip. */
const QUOTE_MAX_LENGTH = 24;

/**
 * 1234567 → "1,234,567", as toLocaleString('en-US') writes it. Whole numbers are grouped by
 * hand: the first toLocaleString call in a fresh worker loads locale data, 30–40 ms.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = out.length; at < digits.length; at += 3) out += `,${digits.slice(at, at + 3)}`;
  return n < 0 || Object.is(n, -0) ? `-${out}` : out;
}

/** "1 row", "2 rows". */
export function countOf(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : pluralNoun}`;
}

/** A cell value in quotes, shortened when long. */
export function quote(value: string): string {
  const short = value.length > QUOTE_MAX_LENGTH ? `${value.slice(0, QUOTE_MAX_LENGTH - 1)}…` : value;
  return `"${short}"`;
}

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The type as a user reads it in a sentence. */
export function typePhrase(type: ColumnType): string {
  switch (type) {
    case 'integer':
      return 'whole numbers';
    case 'float':
      return 'decimal numbers';
    case 'boolean':
      return 'yes/no values';
    case 'categorical':
      return 'categories';
    case 'datetime':
      return 'dates';
    case 'text':
      return 'free text';
    case 'id':
      return 'an id';
    case 'constant':
      return 'a constant';
  }
}
