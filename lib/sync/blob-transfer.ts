/**
 * Blobs (datasets, model weights) between this browser and the relay's room (relay-protocol.ts):
 * uploaded by whoever has them, downloaded on demand with progress, and checked against their
 * hash on the way in, so a relay can neither alter nor swap them.
 */
import { createSHA256 } from 'hash-wasm';
import { BLOBS_PATH, bearer, relayErrorSchema } from './relay-protocol';
import { RelayError } from './relay-client';

export interface RoomAccessProof {
  /** The relay's origin. */
  readonly relay: string;
  readonly roomId: string;
  /** roomProof of the link's secret. */
  readonly proof: string;
}

export class BlobHashError extends Error {
  override readonly name = 'BlobHashError';
  constructor() {
    super('The downloaded bytes do not match their hash: they were damaged on the way. Loopbook will try again.');
  }
}

function blobUrl(room: RoomAccessProof, hash: string): URL {
  const url = new URL(`${BLOBS_PATH}/${hash}`, room.relay);
  url.searchParams.set('room', room.roomId);
  return url;
}

/** True when the room already holds `hash`. */
export async function relayHasBlob(room: RoomAccessProof, hash: string): Promise<boolean> {
  const response = await request(blobUrl(room, hash), { method: 'HEAD', headers: bearer(room.proof) });
  if (response.status === 404) return false;
  if (!response.ok) throw new RelayError(`The relay answered ${response.status} for a blob.`);
  return true;
}

/** Uploads `blob` as `hash` (an edit proof is needed). */
export async function uploadBlob(room: RoomAccessProof, hash: string, blob: Blob): Promise<void> {
  const response = await request(blobUrl(room, hash), { method: 'PUT', headers: { 'content-type': 'application/octet-stream', ...bearer(room.proof) }, body: blob });
  if (!response.ok) throw new RelayError(await errorText(response));
}

/**
 * Downloads `hash` from the room, reporting bytes as they arrive; 'missing' when nobody has
 * uploaded it yet. Throws BlobHashError when the bytes do not hash to `hash`.
 */
export async function downloadBlob(room: RoomAccessProof, hash: string, onProgress: (received: number, total: number | undefined) => void, signal?: AbortSignal): Promise<Blob | 'missing'> {
  const response = await request(blobUrl(room, hash), { headers: bearer(room.proof), signal });
  if (response.status === 404) return 'missing';
  if (!response.ok || !response.body) throw new RelayError(await errorText(response));
  const total = Number(response.headers.get('content-length')) || undefined;
  const hasher = await createSHA256();
  hasher.init();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hasher.update(value);
    parts.push(value);
    received += value.length;
    onProgress(received, total);
  }
  if (hasher.digest('hex') !== hash) throw new BlobHashError();
  return new Blob(parts);
}

async function request(url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new RelayError(`The relay at ${url.origin} could not be reached. Loopbook will try again.`);
  }
}

async function errorText(response: Response): Promise<string> {
  const parsed = relayErrorSchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data.error : `The relay answered ${response.status}.`;
}
