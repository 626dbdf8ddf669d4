/**
 * The relay's HTTP side, from a client: registering a room and rotating its secret
 * (relay-protocol.ts). Failures become a RelayError whose message says what to do.
 */
import { bearer, RELAY_PROTOCOL_VERSION, relayErrorSchema, ROOMS_PATH } from './relay-protocol';
import { roomProof, roomVerifiers, type RoomSecrets } from './share-link';

export class RelayError extends Error {
  override readonly name = 'RelayError';
}

/** Registers a new room on the relay at `relay` (an origin). */
export async function registerRoom(relay: string, room: RoomSecrets): Promise<void> {
  const body = { version: RELAY_PROTOCOL_VERSION, roomId: room.roomId, ...(await roomVerifiers(room)) };
  await send(relay, `${ROOMS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Gives `room` the secret of `fresh`: links with the old secret stop working at once. */
export async function rotateRoom(relay: string, room: RoomSecrets, fresh: RoomSecrets): Promise<void> {
  const body = { version: RELAY_PROTOCOL_VERSION, ...(await roomVerifiers(fresh)) };
  const headers = { 'content-type': 'application/json', ...bearer(await roomProof(room.roomId, room.editSecret)) };
  await send(relay, `${ROOMS_PATH}/${room.roomId}`, { method: 'PUT', headers, body: JSON.stringify(body) });
}

async function send(relay: string, path: string, init: RequestInit): Promise<void> {
  let response: Response;
  try {
    response = await fetch(new URL(path, relay), init);
  } catch {
    throw new RelayError(`The relay at ${relay} could not be reached. Check the connection and try again.`);
  }
  if (response.ok) return;
  const parsed = relayErrorSchema.safeParse(await response.json().catch(() => null));
  throw new RelayError(parsed.success ? parsed.data.error : `The relay at ${relay} answered ${response.status}. Try again later.`);
}
