'use client';
import { useCallback, useSyncExternalStore } from 'react';

/** A browser-wide setting: how many trainings run at once (the others wait their turn). */
const KEY = 'loopbook:train-concurrency';
export const MAX_TRAIN_CONCURRENCY = 4;

function read(): number {
  const stored = Number(globalThis.localStorage?.getItem(KEY));
  return Number.isInteger(stored) && stored >= 1 && stored <= MAX_TRAIN_CONCURRENCY ? stored : 1;
}

const listeners = new Set<() => void>();

export function readTrainConcurrency(): number {
  return read();
}

/** The setting and its setter; every train cell of every open project follows it. */
export function useTrainConcurrency(): [number, (n: number) => void] {
  const value = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    read,
    () => 1,
  );
  const set = useCallback((n: number) => {
    globalThis.localStorage?.setItem(KEY, String(Math.min(MAX_TRAIN_CONCURRENCY, Math.max(1, Math.floor(n)))));
    for (const l of listeners) l();
  }, []);
  return [value, set];
}
