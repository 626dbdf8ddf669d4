/**
 * How big a file an import may take, decided before reading it so that a file the browser cannot
 * hold is refused instead of exhausting memory.
 */
import { formatBytes } from '../units';

const GIB = 1024 ** 3;

/**
 * Bytes of memory an import needs per byte of file, at worst. Numbers take 8 bytes in a
 * Float64Array against ~7 bytes of text; text-heavy files keep strings (UTF-16) in the dictionary.
 */
export const IMPORT_MEMORY_FACTOR = 2;

/** Hard ceiling whatever the browser reports: Chromium caps one ArrayBuffer and a worker's heap. */
export const MAX_IMPORT_BYTES_CEILING = 4 * GIB;

export interface MemoryHints {
  /** `performance.memory.jsHeapSizeLimit` where the browser reports it (Chromium). */
  readonly heapLimitBytes?: number;
  /** `navigator.deviceMemory` in GiB, where reported (it is capped at 8 by browsers). */
  readonly deviceMemoryGiB?: number;
}

/** The largest file an import accepts with these hints. */
export function maxImportBytes(hints: MemoryHints): number {
  const budgets = [MAX_IMPORT_BYTES_CEILING * IMPORT_MEMORY_FACTOR];
  if (hints.heapLimitBytes && hints.heapLimitBytes > 0) budgets.push(hints.heapLimitBytes);
  // A page should not take more than half the device's memory.
  if (hints.deviceMemoryGiB && hints.deviceMemoryGiB > 0) budgets.push((hints.deviceMemoryGiB * GIB) / 2);
  return Math.floor(Math.min(...budgets) / IMPORT_MEMORY_FACTOR);
}

export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  constructor(
    readonly bytes: number,
    readonly limitBytes: number,
  ) {
    super(
      `This file is ${formatBytes(bytes)}, more than this browser can hold for an import (about ${formatBytes(limitBytes)}). ` +
        'Split it into smaller files or sample its rows, then import again.',
    );
  }
}

/** Throws FileTooLargeError when `bytes` is over the limit for these hints. */
export function assertImportable(bytes: number, hints: MemoryHints): void {
  const limit = maxImportBytes(hints);
  if (bytes > limit) throw new FileTooLargeError(bytes, limit);
}
