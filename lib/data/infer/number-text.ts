/**
 * Reading numbers out of text values: the strict decimal forms a CSV writer emits.
 * `Number()` alone is too lenient ("" → 0, "0x1f" → 31, "Infinity"), hence the pattern.
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number `text` spells, or NaN when it is not a plain, finite decimal number ("1e999" is not). */
export function parseNumberText(text: string): number {
  const s = text.trim();
  if (!DECIMAL.test(s)) return Number.NaN;
  const value = Number(s);
  return Number.isFinite(value) ? value : Number.NaN;
}
