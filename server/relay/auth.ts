/**
 * Admitting a client to a room: its token is a proof (lib/sync/share-link.ts), and the room's
 * record holds the verifier of each access level. Nothing secret is logged or stored.
 */
import { timingSafeEqual } from 'node:crypto';
import { proofVerifier } from '@/lib/sync/share-link';
import type { RoomRecord } from './store';

export type RoomAccess = 'edit' | 'read';

/** What `proof` lets its holder do in `room`, or null. */
export async function accessOf(room: RoomRecord | undefined, proof: string | null | undefined): Promise<RoomAccess | null> {
  if (!room || typeof proof !== 'string' || !/^[0-9a-f]{64}$/.test(proof)) return null;
  const verifier = await proofVerifier(proof);
  if (sameHex(verifier, room.edit)) return 'edit';
  if (sameHex(verifier, room.read)) return 'read';
  return null;
}

/** Equal hex strings, compared in constant time. */
function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
