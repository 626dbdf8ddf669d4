'use client';
/**
 * Whole projects in and out as project.zip (lib/store/project-transfer). The zip code is loaded
 * on first use, so the home list and the notebook do not carry it until someone exports or imports.
 */
import { useCallback, useState } from 'react';
import type { ProjectId } from '../ids';
import type { Project } from '../store/projects';
import { toShownError } from './error-text';

/** A project.zip's bytes, ready to save. Throws ProjectNotFoundError, or BundleError when a dataset's bytes are gone. */
export async function buildProjectZip(projectId: ProjectId): Promise<Blob> {
  const { exportProject } = await import('../store/project-transfer');
  const bytes = await exportProject(projectId);
  return new Blob([bytes.buffer instanceof ArrayBuffer ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes)], { type: 'application/zip' });
}

export type ProjectImportState =
  | { readonly status: 'idle' }
  | { readonly status: 'importing'; readonly fileName: string }
  | { readonly status: 'imported'; readonly project: Project }
  | { readonly status: 'refused'; readonly fileName: string; readonly message: string };

/**
 * Imports a project.zip as a new project, with the state to show: importing, imported (the new
 * project also appears in useProjects' list), or refused with the reason (nothing was written).
 */
export function useProjectImport() {
  const [state, setState] = useState<ProjectImportState>({ status: 'idle' });
  const importFile = useCallback(async (file: File): Promise<Project | undefined> => {
    setState({ status: 'importing', fileName: file.name });
    try {
      const { importProjectFile } = await import('../store/project-transfer');
      const project = await importProjectFile(file);
      setState({ status: 'imported', project });
      return project;
    } catch (error) {
      setState({ status: 'refused', fileName: file.name, message: toShownError(error).message });
      return undefined;
    }
  }, []);
  const dismiss = useCallback(() => setState({ status: 'idle' }), []);
  return { state, importFile, dismiss };
}
