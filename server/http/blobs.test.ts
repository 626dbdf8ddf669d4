import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { roomProof } from '@/lib/sync/share-link';
import { bearer } from '@/lib/sync/relay-protocol';
import { createRoom, startTestRelay, type TestRelay } from '../test/clients';

const relays: TestRelay[] = [];
afterEach(async () => {
  for (const r of relays.splice(0)) await r.close();
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('blobs', () => {
  it('stores bytes under their hash for the room, and serves them to either link', async () => {
    const r = await startTestRelay({ limits: { maxBlobBytes: 1024 * 1024 } });
    relays.push(r);
    const room = await createRoom(r.origin);
    const other = await createRoom(r.origin);
    const edit = bearer(await roomProof(room.roomId, room.editSecret));
    const read = bearer(await roomProof(room.roomId, room.readSecret));
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
    const hash = sha(bytes);
    const url = (h: string, roomId = room.roomId) => `${r.origin}/blobs/${h}?room=${roomId}`;

    expect((await fetch(url(hash), { method: 'PUT', body: bytes })).status).toBe(403);
    expect((await fetch(url(hash), { method: 'PUT', body: bytes, headers: read })).status).toBe(403);
    const wrongName = await fetch(url(sha(new Uint8Array([1]))), { method: 'PUT', body: bytes, headers: edit });
    expect(wrongName.status).toBe(400);
    expect(((await wrongName.json()) as { error: string }).error).toMatch(/do not hash/);
    expect((await fetch(url(hash), { headers: read })).status).toBe(404);

    expect((await fetch(url(hash), { method: 'PUT', body: bytes, headers: edit })).status).toBe(201);
    const got = await fetch(url(hash), { headers: read });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-length')).toBe(String(bytes.length));
    expect(sha(new Uint8Array(await got.arrayBuffer()))).toBe(hash);
    expect((await fetch(url(hash), { method: 'HEAD', headers: edit })).status).toBe(200);

    // Another room, even with its own valid proof, does not reach this room's blob.
    const otherProof = bearer(await roomProof(other.roomId, other.editSecret));
    expect((await fetch(url(hash, other.roomId), { headers: otherProof })).status).toBe(404);
    expect((await fetch(url(hash, other.roomId), { headers: edit })).status).toBe(403);
  });

  it('refuses a blob over the bound, declared or streamed, and keeps serving', async () => {
    const r = await startTestRelay({ limits: { maxBlobBytes: 1000 } });
    relays.push(r);
    const room = await createRoom(r.origin);
    const edit = bearer(await roomProof(room.roomId, room.editSecret));
    const big = new Uint8Array(5000);
    const declared = await fetch(`${r.origin}/blobs/${sha(big)}?room=${room.roomId}`, { method: 'PUT', body: big, headers: edit });
    expect(declared.status).toBe(413);
    // A body with no declared length, streamed in pieces.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(500));
        controller.close();
      },
    });
    const streamed = await fetch(`${r.origin}/blobs/${sha(new Uint8Array(5000))}?room=${room.roomId}`, { method: 'PUT', body: stream, headers: edit, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    const small = new Uint8Array(10);
    expect((await fetch(`${r.origin}/blobs/${sha(small)}?room=${room.roomId}`, { method: 'PUT', body: small, headers: edit })).status).toBe(201);
  });

  it('answers malformed blob requests with 4xx', async () => {
    const r = await startTestRelay();
    relays.push(r);
    const room = await createRoom(r.origin);
    const edit = bearer(await roomProof(room.roomId, room.editSecret));
    expect((await fetch(`${r.origin}/blobs/not-a-hash?room=${room.roomId}`, { headers: edit })).status).toBe(404);
    expect((await fetch(`${r.origin}/blobs/${'a'.repeat(64)}`, { headers: edit })).status).toBe(400);
    expect((await fetch(`${r.origin}/blobs/${'a'.repeat(64)}?room=${room.roomId}`, { method: 'DELETE', headers: edit })).status).toBe(405);
    expect((await fetch(`${r.origin}/blobs/${'a'.repeat(64)}?room=${room.roomId}`, { headers: { authorization: 'Bearer nonsense' } })).status).toBe(403);
  });
});
