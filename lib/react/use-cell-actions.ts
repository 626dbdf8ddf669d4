'use client';
import { useMemo } from 'react';
import type { CellId } from '../ids';
import { addCell, deleteCell, moveCell, setCollapsed, type CellKind } from '../sync/project-doc';
import { useProject } from './project-context';

/** Edits to the notebook's structure, bound to the open project's document. */
export function useCellActions() {
  const { doc } = useProject();
  return useMemo(
    () => ({
      add: (kind: CellKind, index?: number) => addCell(doc, kind, index),
      move: (id: CellId, toIndex: number) => moveCell(doc, id, toIndex),
      remove: (id: CellId) => deleteCell(doc, id),
      setCollapsed: (id: CellId, collapsed: boolean) => setCollapsed(doc, id, collapsed),
    }),
    [doc],
  );
}
