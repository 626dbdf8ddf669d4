/**
 * Histogram layout and binning shared by every pass that fills a histogram: each must put a
 * value in exactly the bin the others would, so the layout is computed in one place.
 */

import { HISTOGRAM_BINS } from './flags';

/** Distinct values and their counts, in no particular order. */
export interface Entries {
  readonly keys: Float64Array;
  readonly counts: Int32Array;
}

export interface BinLayout {
  /** One bin per whole number (small integer ranges). */
  readonly perValue: boolean;
  readonly binCount: number;
  readonly width: number;
  /** bin = ⌊(v − min) · scale⌋, clamped to the last bin. */
  readonly scale: number;
}

/**
 * About HISTOGRAM_BINS equal-width bins from min to max; whole numbers spanning at most
 * HISTOGRAM_BINS values get one bin per value when `wholeNumbers`.
 */
export function binLayout(min: number, max: number, integer: boolean, wholeNumbers: boolean): BinLayout {
  const perValue = wholeNumbers && integer && max - min + 1 <= HISTOGRAM_BINS;
  const binCount = perValue ? max - min + 1 : min === max ? 1 : HISTOGRAM_BINS;
  const width = perValue ? 1 : (max - min) / binCount;
  return { perValue, binCount, width, scale: width > 0 ? 1 / width : 0 };
}

/** Adds each entry's count to its bin. */
export function binEntries(entries: Entries, min: number, scale: number, counts: Int32Array): void {
  const last = counts.length - 1;
  for (let i = 0; i < entries.keys.length; i++) {
    // v >= min and the product is at most the bin count, so truncation is floor.
    const bin = (((entries.keys[i] as number) - min) * scale) | 0;
    const at = bin > last ? last : bin;
    counts[at] = (counts[at] as number) + (entries.counts[i] as number);
  }
}

/** Bins the rows themselves: for a layout no pass prepared (a type override). */
export function binRows(values: Float64Array, min: number, scale: number, counts: Int32Array): void {
  const last = counts.length - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) continue;
    const bin = ((v - min) * scale) | 0;
    const at = bin > last ? last : bin;
    counts[at] = (counts[at] as number) + 1;
  }
}
