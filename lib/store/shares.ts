/**
 * Shared projects in this browser: which relay, room and secret each one syncs through
 * (`StoredShare`, local only). Read with zod: a damaged record reads as "not shared".
 */
import { z } from 'zod';
import type { ProjectId } from '@/lib/ids';
import { isRoomToken, type ShareAccess } from '@/lib/sync/share-link';
import { db, type StoredShare } from './db';
import { ProjectNotFoundError } from './errors';

const storedShareSchema = z.object({
  projectId: z.string(),
  relay: z.string().url(),
  roomId: z.string().refine(isRoomToken),
  secret: z.string().refine(isRoomToken),
  access: z.enum(['edit', 'read']),
  since: z.number(),
});

export type Share = StoredShare;

export async function readShare(projectId: ProjectId): Promise<Share | undefined> {
  const parsed = storedShareSchema.safeParse(await db.shares.get(projectId));
  return parsed.success ? parsed.data : undefined;
}

/** Records how `projectId` is shared; refuses a project this browser does not have. */
export async function saveShare(projectId: ProjectId, share: { relay: string; roomId: string; secret: string; access: ShareAccess }): Promise<Share> {
  const record: Share = { projectId, ...share, since: Date.now() };
  storedShareSchema.parse(record);
  await db.transaction('rw', db.projects, db.shares, async () => {
    if (!(await db.projects.get(projectId))) throw new ProjectNotFoundError(projectId);
    await db.shares.put(record);
  });
  return record;
}

/** Stops syncing `projectId` from this browser (its local copy stays). */
export async function forgetShare(projectId: ProjectId): Promise<void> {
  await db.shares.delete(projectId);
}

/** How each shared project in this browser is shared (edit or read), by project id. */
export async function listShareAccess(): Promise<Map<string, Share['access']>> {
  const rows = await db.shares.toArray();
  return new Map(rows.flatMap((r) => (storedShareSchema.safeParse(r).success ? [[r.projectId, r.access] as const] : [])));
}
