'use client';
import { useCallback } from 'react';
import type { CellId } from '../ids';
import { writeCellConfig, type CellConfigPatch } from '../sync/project-doc';
import { useProject } from './project-context';

/** Writes settings of one cell into the shared notebook (one key per setting, so edits merge). */
export function useWriteCellConfig(cellId: CellId): (patch: CellConfigPatch) => void {
  const { doc } = useProject();
  return useCallback((patch: CellConfigPatch) => void writeCellConfig(doc, cellId, patch), [doc, cellId]);
}
