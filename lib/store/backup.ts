/**
 * "Back up every project" and "Restore a backup" (lib/bundle/backup-zip.ts). Restoring imports
 * each project as a new one, one transaction each: a project that fails is reported and the
 * others are kept, and nothing stored before is touched.
 */
import { ProjectId } from '@/lib/ids';
import { readBackupZip, writeBackupZip } from '@/lib/bundle/backup-zip';
import { exportProject, importProject } from './project-transfer';
import { listProjects } from './projects';

export async function exportEverything(onProgress: (done: number, total: number) => void = () => {}): Promise<{ bytes: Uint8Array; projects: number }> {
  const projects = await listProjects();
  const entries = [];
  for (const [i, p] of projects.entries()) {
    entries.push({ name: p.name, bytes: await exportProject(ProjectId.parse(p.id)) });
    onProgress(i + 1, projects.length);
  }
  return { bytes: writeBackupZip(entries), projects: projects.length };
}

export interface RestoreOutcome {
  readonly restored: readonly string[];
  /** Projects that could not be imported, with why. */
  readonly failed: readonly { readonly name: string; readonly message: string }[];
}

/** Restores every project of a backup. Throws (a BundleError) only when the backup itself is unusable. */
export async function restoreBackup(bytes: Uint8Array, onProgress: (done: number, total: number) => void = () => {}): Promise<RestoreOutcome> {
  const entries = readBackupZip(bytes);
  const restored: string[] = [];
  const failed: { name: string; message: string }[] = [];
  for (const [i, entry] of entries.entries()) {
    try {
      restored.push((await importProject(entry.bytes)).name);
    } catch (error) {
      failed.push({ name: entry.name, message: error instanceof Error ? error.message : String(error) });
    }
    onProgress(i + 1, entries.length);
  }
  return { restored, failed };
}
