'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RowPage } from '../jobs/ingest-protocol';
import { useWorkers } from './workers-context';

/** Rows fetched from the worker per request: a few screens' worth. */
export const ROWS_PER_PAGE = 200;
/** Pages kept on the page side; older ones are dropped so a long scroll does not grow memory. */
const MAX_PAGES = 50;

/**
 * Rows of a table that lives in the ingest worker, fetched a page at a time as they scroll into
 * view. `row(i)` answers at once with what is cached (undefined while a page is on its way).
 */
export function useRowPages(hash: string, enabled: boolean) {
  const workers = useWorkers();
  const pages = useRef(new Map<number, RowPage>());
  const pending = useRef(new Set<number>());
  const [, setVersion] = useState(0);

  useEffect(() => {
    pages.current = new Map();
    pending.current = new Set();
    setVersion((v) => v + 1);
  }, [hash, enabled]);

  const row = useCallback(
    (index: number): readonly (string | null)[] | undefined => {
      const pageIndex = Math.floor(index / ROWS_PER_PAGE);
      const page = pages.current.get(pageIndex);
      if (page) return page[index - pageIndex * ROWS_PER_PAGE];
      if (enabled && !pending.current.has(pageIndex)) {
        pending.current.add(pageIndex);
        const requested = pages.current;
        void workers
          .ingest()
          .rows(hash, pageIndex * ROWS_PER_PAGE, ROWS_PER_PAGE)
          .then((rows) => {
            if (requested !== pages.current) return;
            pages.current.set(pageIndex, rows);
            if (pages.current.size > MAX_PAGES) {
              const oldest = pages.current.keys().next().value;
              if (oldest !== undefined) pages.current.delete(oldest);
            }
            setVersion((v) => v + 1);
          })
          .finally(() => pending.current.delete(pageIndex));
      }
      return undefined;
    },
    [hash, enabled, workers],
  );
  return row;
}
