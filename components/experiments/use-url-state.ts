'use client';
import { useCallback, useLayoutEffect, useState } from 'react';

/**
 * The page's query string as state: read after mounting (one static page serves every project),
 * changed with history entries so that Back closes an opened experiment, and followed on popstate.
 */
export function useUrlState(): [URLSearchParams | null, (patch: Record<string, string | undefined>) => void] {
  const [params, setParams] = useState<URLSearchParams | null>(null);
  // Read before the first paint, not after: the view's reads (and its first rows) start one
  // render sooner.
  useLayoutEffect(() => {
    const read = () => setParams(new URLSearchParams(window.location.search));
    read();
    window.addEventListener('popstate', read);
    return () => window.removeEventListener('popstate', read);
  }, []);
  const update = useCallback((patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    window.history.pushState(null, '', `${window.location.pathname}?${next.toString()}`);
    setParams(next);
  }, []);
  return [params, update];
}
