/**
 * Share links: `<origin>/p/<projectId>#room=<roomId>,<secret>` (add `,read` for a read-only
 * link). The room id and secret are random 128-bit values; both live in the fragment, which a
 * browser never sends in a request, so no server or log ever sees them.
 *
 * The relay never learns a secret either. A client proves it with `roomProof` (a hash bound to
 * the room), and the relay keeps only `proofVerifier(proof)` per access level, registered when the
 * room was made: a copy of the relay's data lets nobody in. A read-only link carries the read
 * secret, a one-way hash of the edit secret: whoever can edit can always hand out a read-only
 * link, and a read-only secret cannot be turned back into the edit secret. Revoking links is
 * rotating the edit secret (see relay-protocol.ts), which changes both.
 *
 * Plain TypeScript (WebCrypto): runs in the browser and in Node.
 */
import { sha256Hex } from '@/lib/sha256';

/** What a link lets its holder do. */
export type ShareAccess = 'edit' | 'read';

/** A room id or secret: 16 random bytes as unpadded base64url (22 characters). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const TOKEN_BYTES = 16;
/** Tie each hash to its purpose and room, so one secret never stands for anything elsewhere. */
const PROOF_CONTEXT = 'loopbook/room-proof/v1';
const READ_SECRET_CONTEXT = 'loopbook/read-secret/v1';

/** A room as its creator (and every holder of an edit link) knows it. */
export interface RoomSecrets {
  readonly roomId: string;
  readonly editSecret: string;
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

/** A new room: its id and edit secret. */
export function createRoomSecrets(): RoomSecrets {
  return { roomId: randomToken(), editSecret: randomToken() };
}

/** The same room with a fresh secret: every link given out before stops working. */
export function rotateRoomSecrets(room: RoomSecrets): RoomSecrets {
  return { roomId: room.roomId, editSecret: randomToken() };
}

/** The read-only secret of a room: derived from the edit secret, never the other way. */
export async function readSecretOf(room: RoomSecrets): Promise<string> {
  const digest = await sha256Hex(new TextEncoder().encode(`${READ_SECRET_CONTEXT}\n${room.roomId}\n${room.editSecret}`));
  const bytes = new Uint8Array(TOKEN_BYTES);
  for (let i = 0; i < TOKEN_BYTES; i++) bytes[i] = parseInt(digest.slice(2 * i, 2 * i + 2), 16);
  return base64Url(bytes);
}

/** The link that opens `projectId` in room `roomId` with `secret`, which gives `access`. */
export function formatShareLink(origin: string, projectId: string, roomId: string, secret: string, access: ShareAccess): string {
  return `${origin.replace(/\/+$/, '')}/p/${encodeURIComponent(projectId)}#room=${roomId},${secret}${access === 'read' ? ',read' : ''}`;
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
  const verifierOf = async (secret: string) => proofVerifier(await roomProof(room.roomId, secret));
  const [edit, read] = await Promise.all([verifierOf(room.editSecret), readSecretOf(room).then(verifierOf)]);
  return { edit, read };
}

function randomToken(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
