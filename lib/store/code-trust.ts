/**
 * Which code this browser's user has seen and accepted, per code cell: a code cell runs only code
 * whose hash is recorded here (DESIGN.md §7: code from a collaborator runs after the user allows
 * it). Code typed here is recorded as it is typed, as long as what it changed was accepted too; a
 * peer's edit, an imported project or pipeline changes the code without this record, so the cell
 * asks before it runs. Kept in this browser only: trust is not shared with the project.
 */
import { sha256Hex } from '@/lib/sha256';
import { db } from './db';

export function codeHash(source: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(source));
}

export async function isCodeTrusted(cellId: string, source: string): Promise<boolean> {
  const record = await db.codeTrust.get(cellId);
  return record !== undefined && record.hash === (await codeHash(source));
}

/** The user allowed (or wrote) exactly this code for this cell. */
export async function trustCode(cellId: string, source: string): Promise<void> {
  await db.codeTrust.put({ cellId, hash: await codeHash(source), trustedAt: Date.now() });
}

/** A local edit: the new code is trusted when the code it changed was (or the cell was empty). */
export async function trustEdit(cellId: string, before: string, after: string): Promise<void> {
  if (before.trim() === '' || (await isCodeTrusted(cellId, before))) await trustCode(cellId, after);
}
