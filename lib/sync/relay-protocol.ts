/**
 * The relay's protocol, all of it (DESIGN.md §9). One port serves the app and:
 * - `WS /sync`: Hocuspocus (Yjs sync and awareness). The document name is the room id and the
 *   token is the client's `roomProof`: an edit proof may write, a read proof only reads.
 * - `POST /rooms` {@link CreateRoomBody}: registers a room's two proof verifiers (201; 409 when the
 *   room exists). `PUT /rooms/<roomId>` {@link RotateRoomBody} with the current edit proof as the
 *   bearer token: new verifiers, and every open connection to the room is closed (revocation).
 * - `PUT /blobs/<sha256>?room=<roomId>` (edit proof) stores bytes whose SHA-256 is that name;
 *   `GET` / `HEAD` (either proof) read them. Blobs are content-addressed and scoped to the room.
 * Failures answer `{ error }` with a message for the user. Proofs travel in the Authorization
 * header or the sync messages, never in a URL.
 */
import { z } from 'zod';
import { isRoomToken } from './share-link';

export const RELAY_PROTOCOL_VERSION = 1;
export const SYNC_PATH = '/sync';
export const ROOMS_PATH = '/rooms';
export const BLOBS_PATH = '/blobs';

const verifier = z.string().regex(/^[0-9a-f]{64}$/, 'a verifier is 64 lower-case hex digits');
const roomId = z.string().refine(isRoomToken, 'a room id is 22 base64url characters');

export const createRoomBodySchema = z.object({
  version: z.literal(RELAY_PROTOCOL_VERSION),
  roomId,
  edit: verifier,
  read: verifier,
});
export type CreateRoomBody = z.infer<typeof createRoomBodySchema>;

export const rotateRoomBodySchema = createRoomBodySchema.omit({ roomId: true });
export type RotateRoomBody = z.infer<typeof rotateRoomBodySchema>;

export const relayErrorSchema = z.object({ error: z.string() });
export type RelayError = z.infer<typeof relayErrorSchema>;

/** The Authorization header that carries a proof. */
export function bearer(proof: string): { authorization: string } {
  return { authorization: `Bearer ${proof}` };
}

/** The proof in an Authorization header, or null. */
export function readBearer(header: string | undefined): string | null {
  const match = /^Bearer ([0-9a-f]{64})$/.exec(header ?? '');
  return match ? match[1]! : null;
}
