import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ProjectId } from '@/lib/ids';
import { createRoomSecrets } from '@/lib/sync/share-link';
import { db } from './db';
import { ProjectNotFoundError } from './errors';
import { createProject, deleteProject, ensureJoinedProject, JOINED_PROJECT_NAME, readProject } from './projects';
import { forgetShare, readShare, saveShare } from './shares';
import { resetStore } from './test/fixtures';

beforeEach(resetStore);

describe('shares', () => {
  it('records how a project is shared, and forgets it', async () => {
    const project = await createProject('Team notes');
    const room = createRoomSecrets();
    await saveShare(project.id, { relay: 'http://localhost:3000', roomId: room.roomId, secret: room.editSecret, access: 'edit' });
    expect(await readShare(project.id)).toMatchObject({ projectId: project.id, roomId: room.roomId, secret: room.editSecret, access: 'edit' });
    await forgetShare(project.id);
    expect(await readShare(project.id)).toBeUndefined();
  });

  it('refuses a project this browser does not have, and a malformed share', async () => {
    const room = createRoomSecrets();
    await expect(saveShare(ProjectId.create(), { relay: 'http://localhost:3000', roomId: room.roomId, secret: room.editSecret, access: 'edit' })).rejects.toBeInstanceOf(ProjectNotFoundError);
    const project = await createProject('Team notes');
    await expect(saveShare(project.id, { relay: 'not a url', roomId: room.roomId, secret: room.editSecret, access: 'edit' })).rejects.toThrow();
    expect(await readShare(project.id)).toBeUndefined();
  });

  it('reads a damaged record as not shared', async () => {
    const project = await createProject('Team notes');
    await db.shares.put({ projectId: project.id, relay: 'http://x', roomId: 'short', secret: 's', access: 'edit', since: 1 });
    expect(await readShare(project.id)).toBeUndefined();
  });

  it('goes with its project', async () => {
    const project = await createProject('Team notes');
    const room = createRoomSecrets();
    await saveShare(project.id, { relay: 'http://localhost:3000', roomId: room.roomId, secret: room.editSecret, access: 'read' });
    await deleteProject(project.id);
    expect(await db.shares.get(project.id)).toBeUndefined();
  });
});

describe('joining a shared project', () => {
  it('makes a placeholder row once, and leaves an existing project as it is', async () => {
    const id = ProjectId.create();
    const joined = await ensureJoinedProject(id);
    expect(joined).toMatchObject({ id, name: JOINED_PROJECT_NAME, experimentCount: 0 });
    expect(await ensureJoinedProject(id)).toEqual(joined);
    const own = await createProject('Mine');
    expect((await ensureJoinedProject(own.id)).name).toBe('Mine');
    expect((await readProject(own.id))?.name).toBe('Mine');
  });
});
