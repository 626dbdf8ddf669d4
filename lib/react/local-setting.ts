'use client';
import { useCallback, useSyncExternalStore } from 'react';

/**
 * A browser-wide whole-number setting kept in localStorage, with the hook every component that
 * shows it uses: a change re-renders all of them (in this tab).
 */
export function localNumberSetting(key: string, fallback: number, valid: (n: number) => boolean) {
  const listeners = new Set<() => void>();
  const read = (): number => {
    const raw = globalThis.localStorage?.getItem(key);
    const stored = raw === null || raw === undefined ? NaN : Number(raw);
    return Number.isInteger(stored) && valid(stored) ? stored : fallback;
  };
  const write = (n: number) => {
    if (!Number.isInteger(n) || !valid(n)) return;
    globalThis.localStorage?.setItem(key, String(n));
    for (const l of listeners) l();
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  function useSetting(): [number, (n: number) => void] {
    const value = useSyncExternalStore(subscribe, read, () => fallback);
    return [value, useCallback(write, [])];
  }
  return { read, useSetting };
}
