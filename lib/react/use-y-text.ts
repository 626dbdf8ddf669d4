'use client';
import { useCallback, useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * Binds a Y.Text to a controlled text input. A local edit is applied as the smallest
 * delete + insert (common prefix and suffix kept), so concurrent edits by peers merge by character.
 */
export function useYText(text: Y.Text | undefined): readonly [string, (next: string) => void] {
  const [value, setValue] = useState(() => text?.toString() ?? '');
  useEffect(() => {
    if (!text) return undefined;
    setValue(text.toString());
    const update = () => setValue(text.toString());
    text.observe(update);
    return () => text.unobserve(update);
  }, [text]);

  const change = useCallback(
    (next: string) => {
      if (!text) return;
      const current = text.toString();
      if (next === current) return;
      const { start, removed, inserted } = diffText(current, next);
      text.doc?.transact(() => {
        if (removed > 0) text.delete(start, removed);
        if (inserted) text.insert(start, inserted);
      });
      if (!text.doc) setValue(next);
    },
    [text],
  );
  return [value, change] as const;
}

/** The single edit that turns `before` into `after`: at `start`, remove `removed` chars, insert `inserted`. */
export function diffText(before: string, after: string): { start: number; removed: number; inserted: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, removed: endBefore - start, inserted: after.slice(start, endAfter) };
}
