/**
 * `POST /rooms` registers a room; `PUT /rooms/<roomId>` rotates its verifiers (edit proof
 * required) and closes every connection made with the old secrets. See lib/sync/relay-protocol.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRoomBodySchema, readBearer, rotateRoomBodySchema, ROOMS_PATH } from '@/lib/sync/relay-protocol';
import { isRoomToken } from '@/lib/sync/share-link';
import { accessOf } from '../relay/auth';
import type { RelayLog } from '../relay/limits';
import type { Relay } from '../relay/relay';
import type { RoomDirectory } from '../relay/store';
import { HttpError, readJsonBody, sendJson } from './respond';

/** Room bodies are two hashes and an id. */
const MAX_ROOM_BODY_BYTES = 4096;

export async function handleRooms(request: IncomingMessage, response: ServerResponse, path: string, deps: { rooms: RoomDirectory; relay: Relay; log: RelayLog }): Promise<void> {
  const { rooms, relay, log } = deps;
  if (path === ROOMS_PATH && request.method === 'POST') {
    const body = createRoomBodySchema.safeParse(await readJsonBody(request, MAX_ROOM_BODY_BYTES));
    if (!body.success) throw new HttpError(400, `Not a room registration: ${body.error.issues[0]?.message ?? 'bad body'}.`);
    const { roomId, edit, read } = body.data;
    if (!(await rooms.createRoom(roomId, { edit, read }))) throw new HttpError(409, 'That room exists already. Share again to make a new one.');
    log('room created', { room: roomId });
    sendJson(response, 201, { roomId });
    return;
  }
  const roomId = path.slice(ROOMS_PATH.length + 1);
  if (request.method !== 'PUT' || !isRoomToken(roomId)) throw new HttpError(404, 'No such endpoint.');
  const room = await rooms.readRoom(roomId);
  if (!room) throw new HttpError(404, 'No such room on this relay.');
  if ((await accessOf(room, readBearer(request.headers.authorization))) !== 'edit') throw new HttpError(403, 'Only a holder of the edit link can change the room’s secrets.');
  const body = rotateRoomBodySchema.safeParse(await readJsonBody(request, MAX_ROOM_BODY_BYTES));
  if (!body.success) throw new HttpError(400, `Not a rotation: ${body.error.issues[0]?.message ?? 'bad body'}.`);
  await rooms.rotateRoom(roomId, { edit: body.data.edit, read: body.data.read });
  relay.closeRoom(roomId);
  log('room secrets rotated', { room: roomId });
  sendJson(response, 200, { roomId });
}
