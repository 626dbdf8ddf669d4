import 'fake-indexeddb/auto';
import { strToU8, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { CellId, ProjectId } from '@/lib/ids';
import { openProjectDoc } from '@/lib/sync/local-persistence';
import { addCell, cellText, readCells } from '@/lib/sync/project-doc';
import { exportEverything, restoreBackup } from './backup';
import { saveDataset } from './datasets';
import { db } from './db';
import { createProject, deleteProject, listProjects } from './projects';
import { csvDataset, resetStore } from './test/fixtures';

beforeEach(resetStore);

async function sources(id: string): Promise<string[]> {
  const { doc, dispose } = await openProjectDoc(ProjectId.parse(id));
  try {
    return readCells(doc).map((c) => c.source);
  } finally {
    await dispose();
  }
}

describe('backup of every project', () => {
  it('restores every project, with its notebook and data, into an empty browser', async () => {
    for (const [name, note, csv] of [['Churn', 'Why customers leave', 'a,b\n1,2\n'], ['Prices', 'House prices', 'x,y\n3,4\n5,6\n']] as const) {
      const p = await createProject(name);
      const { doc, dispose } = await openProjectDoc(p.id);
      cellText(doc, addCell(doc, 'markdown'))!.insert(0, note);
      await dispose();
      await saveDataset({ projectId: p.id, cellId: CellId.create(), ...(await csvDataset(csv)) });
    }
    const progress: number[] = [];
    const { bytes, projects } = await exportEverything((done) => progress.push(done));
    expect(projects).toBe(2);
    expect(progress).toEqual([1, 2]);
    // A fresh profile.
    for (const p of await listProjects()) await deleteProject(p.id);
    expect(await db.blobs.count()).toBe(0);

    const outcome = await restoreBackup(bytes);
    expect(outcome).toEqual({ restored: expect.arrayContaining(['Churn', 'Prices']), failed: [] });
    const restored = await listProjects();
    expect(restored.map((p) => [p.name, p.datasetCount]).sort()).toEqual([['Churn', 1], ['Prices', 1]]);
    for (const p of restored) expect(await sources(p.id)).toEqual([p.name === 'Churn' ? 'Why customers leave' : 'House prices']);
  });

  it('refuses what is not a backup, and keeps what was stored', async () => {
    const kept = await createProject('Kept');
    await expect(restoreBackup(strToU8('not a zip at all, just text'))).rejects.toThrow(/not a zip/);
    await expect(restoreBackup(zipSync({ 'loopbook.json': strToU8('{}') }))).rejects.toThrow(/single project\.zip/);
    await expect(restoreBackup(zipSync({ 'readme.txt': strToU8('hi') }))).rejects.toThrow(/not a Loopbook backup/);
    await expect(restoreBackup(zipSync({ 'loopbook-backup.json': strToU8('{"format":"loopbook-backup","version":"2.0","createdAt":"x","projects":[]}') }))).rejects.toThrow(/newer than this Loopbook/);
    await expect(restoreBackup(zipSync({ 'loopbook-backup.json': strToU8('{"format":"loopbook-backup","version":"1.0","createdAt":"x","projects":[{"name":"A","file":"projects/0001-A.project.zip"}]}') }))).rejects.toThrow(/incomplete/);
    await expect(restoreBackup(zipSync({ 'loopbook-backup.json': strToU8('{"format":"loopbook-backup","version":"1.0","createdAt":"x","projects":[{"name":"A","file":"../evil.zip"}]}') }))).rejects.toThrow(/damaged/);
    // One damaged project inside a good backup: reported, the others restored.
    const good = await exportEverything();
    const { readBackupZip, writeBackupZip } = await import('@/lib/bundle/backup-zip');
    const mixed = writeBackupZip([...readBackupZip(good.bytes), { name: 'Broken', bytes: strToU8('garbage') }]);
    const outcome = await restoreBackup(mixed);
    expect(outcome.restored).toEqual(['Kept (imported)']);
    expect(outcome.failed).toEqual([{ name: 'Broken', message: expect.stringMatching(/not a zip/) }]);
    expect((await listProjects()).map((p) => p.name).sort()).toEqual(['Kept', 'Kept (imported)']);
    expect(kept.name).toBe('Kept');
  });
});
