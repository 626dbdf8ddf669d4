'use client';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { observeCells, readCells, type CellView } from '../sync/project-doc';

/** The notebook's cells as plain snapshots, re-read on every local or remote change. */
export function useCells(doc: Y.Doc): readonly CellView[] {
  const [cells, setCells] = useState<readonly CellView[]>(() => readCells(doc));
  useEffect(() => {
    setCells(readCells(doc));
    return observeCells(doc, (next) => setCells(next));
  }, [doc]);
  return cells;
}
