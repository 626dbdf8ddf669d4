/**
 * Reading numbers out of text values: the strict decimal forms a CSV writer emits.
 * `Number()` alone is too lenient ("" → 0, "0x1f" → 31, "Infinity"), hence the pattern.
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** How files spell an infinite number: Infinity (JavaScript), inf (Python, C), Inf (R), signed or not. */
const INFINITY = /^[+-]?inf(?:inity)?$/i;

/** True when `text` spells an infinite number ("inf", "-Infinity"): a number, but not one a model can use. */
export function isInfinityText(text: string): boolean {
  return INFINITY.test(text.trim());
}

/** The number `text` spells, or NaN when it is not a plain, finite decimal number ("1e999" is not). */
export function parseNumberText(text: string): number {
  const s = text.trim();
  if (!DECIMAL.test(s)) return Number.NaN;
  const value = Number(s);
  return Number.isFinite(value) ? value : Number.NaN;
}
