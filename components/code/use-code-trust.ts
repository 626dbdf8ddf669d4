'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useRef } from 'react';
import type { CellId } from '@/lib/ids';
import { isCodeTrusted, trustCode, trustEdit } from '@/lib/store/code-trust';

/**
 * Whether the cell's code, as it is now, was written or allowed in this browser (lib/store/code-trust);
 * undefined while it is being checked. A live query: an allow or an edit recorded anywhere shows at once.
 * Local edits go through `edited`, in order, so that each one is judged against the one before.
 */
export function useCodeTrust(cellId: CellId, source: string) {
  const trusted = useLiveQuery(() => isCodeTrusted(cellId, source), [cellId, source]);
  const chain = useRef<Promise<void>>(Promise.resolve());

  const edited = useCallback(
    (before: string, after: string) => {
      chain.current = chain.current.then(() => trustEdit(cellId, before, after)).catch(() => undefined);
    },
    [cellId],
  );

  const allow = useCallback(async () => {
    await chain.current;
    await trustCode(cellId, source);
  }, [cellId, source]);

  /** The check a run makes: after every edit so far is recorded. */
  const check = useCallback(async () => {
    await chain.current;
    return isCodeTrusted(cellId, source);
  }, [cellId, source]);

  return { trusted, edited, allow, check };
}
