'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { listShareAccess } from '../store/shares';
import { useMemo } from 'react';
import { ProjectId } from '../ids';
import { findSample } from '../samples';
import { createSampleProject } from '../samples/create-sample-project';
import { createProject, deleteProject, duplicateProject, listProjects, readProject, renameProject, type Project } from '../store/projects';

export type ProjectSummary = Project;

/** Every project in this browser, newest change first; undefined while loading. Live across tabs. */
export function useProjects(): readonly ProjectSummary[] | undefined {
  return useLiveQuery(() => listProjects(), []);
}

/** Which projects of this browser are shared, and with what access. */
export function useShareAccess(): ReadonlyMap<string, 'edit' | 'read'> | undefined {
  return useLiveQuery(() => listShareAccess(), []);
}

export function useProjectActions() {
  return useMemo(
    () => ({
      create: async (name: string): Promise<ProjectId> => (await createProject(name)).id,
      rename: (id: ProjectId, name: string) => renameProject(id, name),
      duplicate: async (id: ProjectId): Promise<ProjectId> => (await duplicateProject(id)).id,
      remove: (id: ProjectId) => deleteProject(id),
      /** Opens the sample's project, creating it the first time. */
      openSample: async (sampleId: string): Promise<ProjectId> => {
        const sample = findSample(sampleId);
        if (!sample) throw new Error(`There is no sample called “${sampleId}”.`);
        const existing = (await listProjects()).find((p) => p.sample === sample.id);
        return existing ? existing.id : createSampleProject(sample);
      },
    }),
    [],
  );
}

/** One project's row, live (its name changes when a collaborator renames it). */
export function useProjectSummary(id: ProjectId | undefined): ProjectSummary | undefined {
  return useLiveQuery(() => (id ? readProject(id) : undefined), [id]);
}
