'use client';
import { useCallback, useSyncExternalStore } from 'react';

/**
 * A browser-wide setting kept in localStorage, with the hook every component that shows it uses:
 * a change re-renders all of them (in this tab). `parse` turns the stored text back into a value,
 * or undefined for text that is not one (then the fallback holds).
 */
export function localSetting<T>(key: string, fallback: T, parse: (raw: string) => T | undefined) {
  const listeners = new Set<() => void>();
  // useSyncExternalStore wants the same value while nothing changed: keep the last text and value.
  let cache: { raw: string | null; value: T } = { raw: null, value: fallback };
  const read = (): T => {
    const raw = globalThis.localStorage?.getItem(key) ?? null;
    if (raw !== cache.raw) cache = { raw, value: raw === null ? fallback : (parse(raw) ?? fallback) };
    return cache.value;
  };
  const write = (value: T) => {
    const raw = String(value);
    if (parse(raw) === undefined) return;
    globalThis.localStorage?.setItem(key, raw);
    for (const l of listeners) l();
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  function useSetting(): [T, (value: T) => void] {
    const value = useSyncExternalStore(subscribe, read, () => fallback);
    return [value, useCallback(write, [])];
  }
  return { read, useSetting };
}

/** A whole-number setting; stored text that is not a valid whole number reads as the fallback. */
export function localNumberSetting(key: string, fallback: number, valid: (n: number) => boolean) {
  return localSetting(key, fallback, (raw) => {
    const n = raw.trim() === '' ? NaN : Number(raw);
    return Number.isInteger(n) && valid(n) ? n : undefined;
  });
}
