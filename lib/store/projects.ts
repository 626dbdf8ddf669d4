/**
 * Projects in this browser: the home list, and creating, renaming, duplicating and deleting them.
 * A project is a row in Dexie (what the home list reads) plus its Yjs notebook (lib/sync); these
 * functions keep the two together. The name's owner is explained in project-name.ts.
 */
import { ProjectId } from '@/lib/ids';
import { copyProjectDoc, deleteProjectDocData, openProjectDoc } from '@/lib/sync/local-persistence';
import { writeProjectMeta } from '@/lib/sync/project-doc';
import { countProjectDatasets } from './datasets';
import { db, type StoredProject } from './db';
import { ProjectNotFoundError } from './errors';
import { MAX_PROJECT_NAME_LENGTH, parseProjectName, writeProjectName } from './project-name';
import { toStoreError } from './quota';

export { MAX_PROJECT_NAME_LENGTH, parseProjectName } from './project-name';

export interface Project {
  readonly id: ProjectId;
  readonly name: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly datasetCount: number;
  readonly experimentCount: number;
  readonly sample?: string;
}

export interface CreateProjectOptions {
  /** The built-in sample (lib/samples id) the project starts from. */
  readonly sample?: string;
}

const COPY_SUFFIX = ' (copy)';
/** What a joined project is called until its notebook's name arrives. */
export const JOINED_PROJECT_NAME = 'Shared project';

/** The one mapper from the stored shape. */
function toProject(stored: StoredProject): Project {
  return { ...stored, id: ProjectId.parse(stored.id) };
}

/** Roughly what a project row costs, for the quota message should even that not fit. */
function rowBytes(row: StoredProject): number {
  return JSON.stringify(row).length * 2;
}

/** Newest change first. */
export async function listProjects(): Promise<Project[]> {
  const rows = await db.projects.orderBy('updatedAt').reverse().toArray();
  return rows.map(toProject);
}

export async function readProject(id: ProjectId): Promise<Project | undefined> {
  const row = await db.projects.get(id);
  return row && toProject(row);
}

/** Adds the row last, so a project never shows in the list before its notebook exists. */
async function addProjectRow(row: StoredProject): Promise<void> {
  try {
    await db.projects.add(row);
  } catch (e) {
    await deleteProjectDocData(ProjectId.parse(row.id));
    throw toStoreError(e, rowBytes(row));
  }
}

/** Creates an empty project. Throws ProjectNameError on an empty or too long name. */
export async function createProject(name: string, opts: CreateProjectOptions = {}): Promise<Project> {
  const valid = parseProjectName(name);
  const id = ProjectId.create();
  const now = Date.now();
  const handle = await openProjectDoc(id);
  try {
    writeProjectMeta(handle.doc, { name: valid, createdAt: now });
  } finally {
    await handle.dispose();
  }
  const row: StoredProject = {
    id,
    name: valid,
    createdAt: now,
    updatedAt: now,
    datasetCount: 0,
    experimentCount: 0,
    ...(opts.sample !== undefined && { sample: opts.sample }),
  };
  await addProjectRow(row);
  return toProject(row);
}

/**
 * The row of a project opened from a share link, made when this browser does not have it yet.
 * Its notebook arrives from the relay; the name follows the notebook's (mirrorProjectName), so
 * nothing is written to the document here: a name written now could win over the owner's.
 */
export async function ensureJoinedProject(id: ProjectId): Promise<Project> {
  const existing = await readProject(id);
  if (existing) return existing;
  const now = Date.now();
  const row: StoredProject = { id, name: JOINED_PROJECT_NAME, createdAt: now, updatedAt: now, datasetCount: 0, experimentCount: 0 };
  await addProjectRow(row);
  return toProject(row);
}

/** Renames a project in its row and its notebook. Throws ProjectNameError or ProjectNotFoundError. */
export async function renameProject(id: ProjectId, name: string): Promise<void> {
  parseProjectName(name);
  // Checked first so that a rename of a deleted project does not leave a stray notebook behind.
  if (!(await db.projects.get(id))) throw new ProjectNotFoundError(id);
  await writeProjectName(id, name);
}

/** Marks a project as just changed, which moves it to the top of the home list. */
export async function touchProject(id: ProjectId): Promise<void> {
  await db.projects.update(id, { updatedAt: Date.now() });
}

/**
 * Deletes a project, its links to datasets, every dataset and blob no other project uses, and
 * its notebook. Deleting a project that is already gone does nothing.
 */
export async function deleteProject(id: ProjectId): Promise<void> {
  await db.transaction('rw', [db.projects, db.projectDatasets, db.datasets, db.blobs, db.experiments, db.experimentResults, db.trials, db.runs, db.artifacts, db.shares], async () => {
    const links = await db.projectDatasets.where('projectId').equals(id).toArray();
    await db.projectDatasets.where('projectId').equals(id).delete();
    for (const { hash } of links) {
      if ((await db.projectDatasets.where('hash').equals(hash).count()) > 0) continue;
      await db.datasets.delete(hash);
      await db.blobs.delete(hash);
    }
    // The project's experiments and trials go with it; a model's bytes too, unless another
    // project's experiment stored the same model.
    const experiments = await db.experiments.where('projectId').equals(id).toArray();
    await db.trials.where('experimentId').anyOf(experiments.map((e) => e.id)).delete();
    await db.experimentResults.bulkDelete(experiments.map((e) => e.id));
    await db.runs.where('projectId').equals(id).delete();
    const artifactBlobs = (await db.artifacts.where('projectId').equals(id).toArray()).flatMap((a) => (a.blobHash ? [a.blobHash] : []));
    await db.artifacts.where('projectId').equals(id).delete();
    await db.experiments.where('projectId').equals(id).delete();
    for (const hash of new Set([...experiments.flatMap((e) => (e.modelHash ? [e.modelHash] : [])), ...artifactBlobs])) {
      const used = (await db.experiments.filter((e) => e.modelHash === hash).count()) > 0 || (await db.artifacts.where('blobHash').equals(hash).count()) > 0 || (await db.datasets.get(hash)) !== undefined;
      if (!used) await db.blobs.delete(hash);
    }
    await db.shares.delete(id);
    await db.projects.delete(id);
  });
  // After the rows: if this fails, the project is gone from the list and only an orphan remains.
  await deleteProjectDocData(id);
}

/** "<name> (copy)", shortened so that it stays a valid name. */
function copyName(name: string): string {
  return `${name.slice(0, MAX_PROJECT_NAME_LENGTH - COPY_SUFFIX.length).trimEnd()}${COPY_SUFFIX}`;
}

/** Copies a project: its notebook and its links to datasets (the bytes are shared, not copied). */
export async function duplicateProject(id: ProjectId): Promise<Project> {
  const source = await db.projects.get(id);
  if (!source) throw new ProjectNotFoundError(id);
  const copyId = ProjectId.create();
  const name = copyName(source.name);
  await copyProjectDoc(id, copyId, name);

  const now = Date.now();
  try {
    return await db.transaction('rw', [db.projects, db.projectDatasets], async () => {
      const links = await db.projectDatasets.where('projectId').equals(id).toArray();
      await db.projectDatasets.bulkPut(links.map((link) => ({ ...link, projectId: copyId })));
      const row: StoredProject = {
        ...source,
        id: copyId,
        name,
        createdAt: now,
        updatedAt: now,
        datasetCount: await countProjectDatasets(copyId),
        // Experiments stay with the project that ran them; the copy numbers its own from exp-001.
        experimentCount: 0,
      };
      await db.projects.add(row);
      return toProject(row);
    });
  } catch (e) {
    await deleteProjectDocData(copyId);
    throw toStoreError(e, rowBytes({ ...source, id: copyId, name }));
  }
}
