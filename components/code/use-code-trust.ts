'use client';
import { useCallback, useRef } from 'react';
import type { CellId } from '@/lib/ids';
import { isCodeTrusted, trustCode, trustEdit } from '@/lib/store/code-trust';

/**
 * Whether the cell's code, as it is now, was written or allowed in this browser (lib/store/code-trust),
 * asked when a run starts. Local edits go through `edited`, in order, so that each one is judged
 * against the one before, and a run's `check` waits for them.
 */
export function useCodeTrust(cellId: CellId, source: string) {
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

  const check = useCallback(async () => {
    await chain.current;
    return isCodeTrusted(cellId, source);
  }, [cellId, source]);

  return { edited, allow, check };
}
