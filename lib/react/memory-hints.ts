import type { MemoryHints } from '../data/limits';

/** What this browser says about its memory: Chromium's heap limit and the device's memory. */
export function browserMemoryHints(): MemoryHints {
  const perf: unknown = typeof performance === 'undefined' ? undefined : performance;
  const nav: unknown = typeof navigator === 'undefined' ? undefined : navigator;
  return {
    heapLimitBytes: readNumber(readObject(perf, 'memory'), 'jsHeapSizeLimit'),
    deviceMemoryGiB: readNumber(nav, 'deviceMemory'),
  };
}

function readObject(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
}

function readNumber(value: unknown, key: string): number | undefined {
  const found = readObject(value, key);
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}
