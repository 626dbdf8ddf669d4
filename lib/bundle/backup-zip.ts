/**
 * A backup of every project in a browser: one zip holding `loopbook-backup.json` and each
 * project's own project.zip under `projects/` (stored, not compressed again). Restoring imports
 * each project.zip as "Import project" does, so a backup carries nothing a project.zip does not.
 */
import { strToU8, strFromU8, zipSync } from 'fflate';
import { z } from 'zod';
import { BundleError, readZipEntries, type ZipLimits } from './zip-safety';

export const BACKUP_FORMAT = 'loopbook-backup';
export const BACKUP_FORMAT_VERSION = '1.0';
const BACKUP_FORMAT_MAJOR = 1;
const MANIFEST = 'loopbook-backup.json';

/** A browser's worth of projects: room for many project.zips, and the same per-entry checks. */
export const BACKUP_ZIP_LIMITS: ZipLimits = { maxZipBytes: 8 * 1024 ** 3, maxEntries: 10_000, maxInflatedBytes: 8 * 1024 ** 3 };

const backupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.string().regex(/^\d+\.\d+$/),
  createdAt: z.string(),
  projects: z.array(z.object({ name: z.string(), file: z.string().regex(/^projects\/[\w.-]+\.project\.zip$/) })),
});

export interface BackupEntry {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export function writeBackupZip(projects: readonly BackupEntry[], now = new Date()): Uint8Array {
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
  const listed = projects.map((p, i) => {
    const file = `projects/${String(i + 1).padStart(4, '0')}-${slug(p.name)}.project.zip`;
    files[file] = [p.bytes, { level: 0 }];
    return { name: p.name, file };
  });
  files[MANIFEST] = strToU8(JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_FORMAT_VERSION, createdAt: now.toISOString(), projects: listed }, null, 2));
  return zipSync(files);
}

/** The project.zips of a backup, checked: a zip, safe paths, sizes, a known format and version. */
export function readBackupZip(bytes: Uint8Array): BackupEntry[] {
  const entries = readZipEntries(bytes, 'backup', BACKUP_ZIP_LIMITS);
  const manifestBytes = entries.get(MANIFEST);
  if (!manifestBytes) {
    throw new BundleError(entries.has('loopbook.json') ? 'This is a single project.zip, not a backup: use “Import project.zip…” for it.' : 'This zip is not a Loopbook backup: it has no loopbook-backup.json. Choose the file that “Back up every project” saved.');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(manifestBytes));
  } catch {
    throw new BundleError('This backup is damaged: its loopbook-backup.json is not JSON.');
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'string' && Number(version.split('.')[0]) > BACKUP_FORMAT_MAJOR) {
    throw new BundleError(`This backup is format ${version}, newer than this Loopbook reads (${BACKUP_FORMAT_VERSION}). Update Loopbook to restore it.`);
  }
  const manifest = backupManifestSchema.safeParse(raw);
  if (!manifest.success) throw new BundleError(`This backup is damaged: loopbook-backup.json is not valid (${manifest.error.issues[0]?.message ?? 'bad shape'}).`);
  return manifest.data.projects.map(({ name, file }) => {
    const project = entries.get(file);
    if (!project) throw new BundleError(`This backup is incomplete: ${file} (${name}) is missing.`);
    return { name, bytes: project };
  });
}

function slug(name: string): string {
  return name.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'project';
}
