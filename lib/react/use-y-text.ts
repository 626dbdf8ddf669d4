'use client';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type * as Y from 'yjs';

type Field = HTMLTextAreaElement | HTMLInputElement;

/**
 * Binds a Y.Text to a controlled text input. A local edit is applied as the smallest
 * delete + insert (common prefix and suffix kept), so concurrent edits by peers merge by character.
 * With `field`, a collaborator's edit keeps this user's caret and selection where they were in
 * the text (a controlled field given a new value would put the caret at the end).
 */
export function useYText(text: Y.Text | undefined, field?: RefObject<Field | null>): readonly [string, (next: string) => void] {
  const [value, setValue] = useState(() => text?.toString() ?? '');
  const selection = useRef<readonly [number, number] | null>(null);
  useEffect(() => {
    if (!text) return undefined;
    setValue(text.toString());
    const update = (event: Y.YTextEvent) => {
      const el = field?.current;
      if (el && !event.transaction.local && el.ownerDocument.activeElement === el && el.selectionStart !== null && el.selectionEnd !== null) {
        // Several edits may arrive before the field shows the first: map the pending selection on.
        const [start, end] = selection.current ?? [el.selectionStart, el.selectionEnd];
        selection.current = [mapThroughDelta(start, event.delta), mapThroughDelta(end, event.delta)];
      }
      setValue(text.toString());
    };
    text.observe(update);
    return () => text.unobserve(update);
  }, [text, field]);
  useLayoutEffect(() => {
    const kept = selection.current;
    selection.current = null;
    if (kept && field?.current) field.current.setSelectionRange(kept[0], kept[1]);
  }, [value, field]);

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

/**
 * Where position `pos` of the text before a change is after it (a Y.Text delta: retain, insert,
 * delete). Text inserted exactly at `pos` goes after it: a collaborator typing at the caret does
 * not push it.
 */
export function mapThroughDelta(pos: number, delta: Y.YTextEvent['delta']): number {
  let before = 0;
  let shift = 0;
  for (const op of delta) {
    if (before >= pos) break;
    if (op.retain !== undefined) before += op.retain;
    else if (op.insert !== undefined) shift += typeof op.insert === 'string' ? op.insert.length : 1;
    else if (op.delete !== undefined) {
      shift -= Math.min(op.delete, pos - before);
      before += op.delete;
    }
  }
  return pos + shift;
}
