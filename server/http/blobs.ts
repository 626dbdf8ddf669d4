/**
 * Content-addressed blobs, scoped to a room: `PUT /blobs/<sha256>?room=<roomId>` with the edit
 * proof stores bytes that hash to that name; `GET`/`HEAD` with either proof reads them. The bytes
 * are one file per hash in the blobs folder (shared by rooms that hold the same bytes, and by
 * relays that share the folder); the room's claim on it is a record in the room directory, so a
 * room reads only what was uploaded to it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BLOBS_PATH, readBearer } from '@/lib/sync/relay-protocol';
import { isRoomToken } from '@/lib/sync/share-link';
import type { RelayLimits } from '../config';
import { accessOf } from '../relay/auth';
import type { RoomDirectory } from '../relay/store';
import { HttpError, sendJson } from './respond';

const HASH_PATTERN = /^[0-9a-f]{64}$/;

export interface BlobDeps {
  readonly rooms: RoomDirectory;
  readonly blobsDir: string;
  readonly limits: RelayLimits;
}

export async function handleBlobs(request: IncomingMessage, response: ServerResponse, url: URL, deps: BlobDeps): Promise<void> {
  const hash = url.pathname.slice(BLOBS_PATH.length + 1);
  const roomId = url.searchParams.get('room');
  if (!HASH_PATTERN.test(hash)) throw new HttpError(404, 'A blob is named by its SHA-256 in lower-case hex.');
  if (!isRoomToken(roomId)) throw new HttpError(400, 'Say which room the blob belongs to: ?room=<roomId>.');
  const access = await accessOf(await deps.rooms.readRoom(roomId), readBearer(request.headers.authorization));
  if (!access) throw new HttpError(403, 'This link does not open that room (wrong or revoked secret).');
  const file = blobFile(deps.blobsDir, hash);
  if (request.method === 'PUT') {
    if (access !== 'edit') throw new HttpError(403, 'A read-only link cannot upload.');
    await receiveBlob(request, hash, file, deps);
    await deps.rooms.addBlob(roomId, hash, (await stat(file)).size);
    sendJson(response, 201, { hash });
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, 'Blobs take GET, HEAD and PUT.');
  const size = await deps.rooms.blobSize(roomId, hash);
  if (size === undefined) throw new HttpError(404, 'Nobody has uploaded this blob to the room yet: it arrives once the collaborator who has it is online.');
  response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size, 'cache-control': 'private, max-age=31536000, immutable' });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await pipeline(createReadStream(file), response);
}

/** The request body into `file`, checked against its size bound and its name's hash on the way. */
async function receiveBlob(request: IncomingMessage, hash: string, file: string, { limits, blobsDir }: BlobDeps): Promise<void> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > limits.maxBlobBytes) throw new HttpError(413, `Blobs may be at most ${limits.maxBlobBytes} bytes.`);
  const temp = join(blobsDir, 'incoming', randomUUID());
  await mkdir(join(blobsDir, 'incoming'), { recursive: true });
  const digest = createHash('sha256');
  let size = 0;
  try {
    await pipeline(
      request,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > limits.maxBlobBytes) throw new HttpError(413, `Blobs may be at most ${limits.maxBlobBytes} bytes.`);
          digest.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(temp),
    );
    if (digest.digest('hex') !== hash) throw new HttpError(400, 'The bytes do not hash to the blob’s name: the upload was damaged. Try again.');
    await mkdir(join(file, '..'), { recursive: true });
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}

function blobFile(blobsDir: string, hash: string): string {
  return join(blobsDir, hash.slice(0, 2), hash);
}
