/**
 * Helpers that keep evaluation output plain: what goes into metrics.json must survive
 * JSON.stringify unchanged, and charts must stay small enough to draw.
 */

/** NaN and ±Infinity become null: JSON has no spelling for them, and null says "no value" honestly. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * At most `max` indices into 0..n-1, evenly spaced, always including the first and the last (the
 * ends of a curve are its most telling points). Deterministic: the same n and max give the same
 * indices, so a re-run draws the same chart.
 */
export function downsampleIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max <= 1) return n > 0 ? [0] : [];
  // n > max makes the step (n−1)/(max−1) > 1, so the rounded indices are strictly increasing.
  const step = (n - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => Math.round(i * step));
}
