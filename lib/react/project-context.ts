'use client';
import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { ProjectId } from '../ids';

export interface ProjectContextValue {
  readonly projectId: ProjectId;
  readonly doc: Y.Doc;
}

export const ProjectContext = createContext<ProjectContextValue | null>(null);

/** The open project; only valid below a ProjectContext provider. */
export function useProject(): ProjectContextValue {
  const value = useContext(ProjectContext);
  if (!value) throw new Error('useProject() is used outside an open project.');
  return value;
}
