/**
 * Share links: `<origin>/p/<projectId>#room=<roomId>,<secret>` (add `,read` for a read-only
 * link). The room id and secret are random 128-bit values; both live in the fragment, which a
 * browser never sends in a request, so no server or log ever sees them.
 *
 * The relay never learns a secret either. A client proves it with `roomProof` (a hash bound to
 * the room), and the relay keeps only `proofVerifier(proof)` per access level, registered when the
 * room was made: a copy of the relay's data lets nobody in. An edit link and a read-only link
 * carry different secrets, so a read-only secret cannot be turned into the edit proof. Revoking
 * a link is rotating the secrets (see relay-protocol.ts).
 *
 * Plain TypeScript (WebCrypto): runs in the browser and in Node.
 */
import { sha256Hex } from '@/lib/sha256';

/** What a link lets its holder do. */
export type ShareAccess = 'edit' | 'read';

/** A room id or secret: 16 random bytes as unpadded base64url (22 characters). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const TOKEN_BYTES = 16;
/** Ties a proof to its purpose and room, so the same secret never proves anything elsewhere. */
const PROOF_CONTEXT = 'loopbook/room-proof/v1';

export interface RoomSecrets {
  readonly roomId: string;
  readonly editSecret: string;
  readonly readSecret: string;
}

/** What a share link's fragment holds. */
export interface ShareFragment {
  readonly roomId: string;
  readonly secret: string;
  readonly access: ShareAccess;
}

export function isRoomToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

/** A new room: its id and one secret per access level. */
export function createRoomSecrets(): RoomSecrets {
  return { roomId: randomToken(), editSecret: randomToken(), readSecret: randomToken() };
}

/** The same room with fresh secrets: every link given out before stops working. */
export function rotateRoomSecrets(room: RoomSecrets): RoomSecrets {
  return { roomId: room.roomId, editSecret: randomToken(), readSecret: randomToken() };
}

/** The link that opens `projectId` in `room` with `access`. */
export function formatShareLink(origin: string, projectId: string, room: RoomSecrets, access: ShareAccess): string {
  const secret = access === 'edit' ? room.editSecret : room.readSecret;
  return `${origin.replace(/\/+$/, '')}/p/${encodeURIComponent(projectId)}#room=${room.roomId},${secret}${access === 'read' ? ',read' : ''}`;
}

/**
 * The room in a location hash (`#room=…`, with or without the `#`), or an error that says what is
 * wrong with it. Null when the hash names no room at all (a project that is not shared).
 */
export function parseShareFragment(hash: string): ShareFragment | { error: string } | null {
  const fields = new URLSearchParams(hash.replace(/^#/, ''));
  const room = fields.get('room');
  if (room === null) return null;
  const [roomId, secret, mode, ...rest] = room.split(',');
  if (!isRoomToken(roomId) || !isRoomToken(secret) || rest.length > 0 || (mode !== undefined && mode !== 'read')) {
    return { error: 'This share link is damaged: its room part should be two 22-character codes separated by a comma. Ask for the link again and copy all of it.' };
  }
  return { roomId, secret, access: mode === 'read' ? 'read' : 'edit' };
}

/** What a client sends to prove it holds `secret` for `roomId` (hex SHA-256). */
export function roomProof(roomId: string, secret: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(`${PROOF_CONTEXT}\n${roomId}\n${secret}`));
}

/** What the relay keeps to check a proof: its hash (hex SHA-256). */
export function proofVerifier(proof: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(proof));
}

/** The verifiers of a room's two secrets, as the relay registers them. */
export async function roomVerifiers(room: RoomSecrets): Promise<{ edit: string; read: string }> {
  const [edit, read] = await Promise.all([room.editSecret, room.readSecret].map(async (s) => proofVerifier(await roomProof(room.roomId, s))));
  return { edit: edit!, read: read! };
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(TOKEN_BYTES));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
