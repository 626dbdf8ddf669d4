import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createRoomSecrets, readSecretOf, rotateRoomSecrets, roomProof, roomVerifiers } from '@/lib/sync/share-link';
import { bearer, RELAY_PROTOCOL_VERSION, SYNC_PATH } from '@/lib/sync/relay-protocol';
import { connect, createRoom, startTestRelay, until, type TestClient, type TestRelay, type TestRelayOptions } from '../test/clients';

const open: { relays: TestRelay[]; clients: TestClient[] } = { relays: [], clients: [] };

afterEach(async () => {
  for (const c of open.clients.splice(0)) c.destroy();
  for (const r of open.relays.splice(0)) await r.close();
});

async function relay(options?: TestRelayOptions): Promise<TestRelay> {
  const r = await startTestRelay(options);
  open.relays.push(r);
  return r;
}

async function client(r: TestRelay, roomId: string, secret: string): Promise<TestClient> {
  const c = await connect(r.origin, roomId, secret);
  open.clients.push(c);
  return c;
}

const text = (c: TestClient) => c.doc.getText('t').toString();

describe('relay', () => {
  it('syncs two clients that prove the edit secret, both ways', async () => {
    const r = await relay();
    const room = await createRoom(r.origin);
    const a = await client(r, room.roomId, room.editSecret);
    const b = await client(r, room.roomId, room.editSecret);
    expect(await a.ready).toBe(true);
    expect(await b.ready).toBe(true);
    a.doc.getText('t').insert(0, 'hello');
    await until(() => text(b) === 'hello', 5000, 'b to see a');
    b.doc.getText('t').insert(5, ' world');
    await until(() => text(a) === 'hello world', 5000, 'a to see b');
  });

  it('refuses a wrong secret, an unknown room and a missing token, and logs why without the secret', async () => {
    const r = await relay();
    const room = await createRoom(r.origin);
    const other = rotateRoomSecrets(room);
    const otherRead = await readSecretOf(other);
    const wrong = await client(r, room.roomId, other.editSecret);
    expect(await wrong.ready).toBe(false);
    const unknown = await client(r, createRoomSecrets().roomId, other.editSecret);
    expect(await unknown.ready).toBe(false);
    const good = await client(r, room.roomId, room.editSecret);
    expect(await good.ready).toBe(true);
    good.doc.getText('t').insert(0, 'private');
    await until(() => good.provider.unsyncedChanges === 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(text(wrong)).toBe('');
    expect(r.logs.filter((l) => l.startsWith('refused'))).toHaveLength(2);
    const logged = r.logs.join('\n');
    for (const secret of [room.editSecret, room.readSecret, other.editSecret, otherRead, await roomProof(room.roomId, other.editSecret)]) expect(logged).not.toContain(secret);
  });

  it('lets a read-only link read but not write', async () => {
    const r = await relay();
    const room = await createRoom(r.origin);
    const writer = await client(r, room.roomId, room.editSecret);
    await writer.ready;
    writer.doc.getText('t').insert(0, 'from the writer');
    const reader = await client(r, room.roomId, room.readSecret);
    expect(await reader.ready).toBe(true);
    await until(() => text(reader) === 'from the writer');
    expect(reader.provider.authorizedScope).toBe('readonly');
    reader.doc.getText('t').insert(0, 'vandal: ');
    writer.doc.getText('t').insert(0, '> ');
    // Its own edit stays local: either side of the writer's concurrent insert, by client id.
    await until(() => text(reader).replace('vandal: ', '') === '> from the writer', 3000, 'the reader to get the writer’s edit');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(text(writer)).toBe('> from the writer');
  });

  it('closes only the connection that sends an oversized message, and logs it', async () => {
    const r = await relay({ limits: { maxMessageBytes: 64 * 1024 } });
    const room = await createRoom(r.origin);
    const big = await client(r, room.roomId, room.editSecret);
    const calm = await client(r, room.roomId, room.editSecret);
    await Promise.all([big.ready, calm.ready]);
    big.doc.getText('t').insert(0, 'x'.repeat(200 * 1024));
    await until(() => big.closes.includes(1009), 5000, 'the oversized sender to be closed');
    expect(r.logs.some((l) => l.startsWith('closed') && /max payload/i.test(l))).toBe(true);
    calm.doc.getText('t').insert(0, 'still here');
    const late = await client(r, room.roomId, room.editSecret);
    await late.ready;
    await until(() => text(late) === 'still here', 5000, 'the calm client to keep syncing');
  });

  it('closes a connection that sends too many messages a second', async () => {
    const r = await relay({ limits: { messagesPerSecond: 20, messageBurst: 40 } });
    const room = await createRoom(r.origin);
    const flood = await client(r, room.roomId, room.editSecret);
    await flood.ready;
    for (let i = 0; i < 200; i++) flood.doc.getText('t').insert(0, 'x');
    await until(() => flood.closes.includes(4429), 5000, 'the flooding client to be closed');
    expect(r.logs.some((l) => l.includes('messages a second'))).toBe(true);
  });

  it('refuses content that would grow a document past its bound', async () => {
    const r = await relay({ limits: { maxDocumentBytes: 50_000 } });
    const room = await createRoom(r.origin);
    const a = await client(r, room.roomId, room.editSecret);
    await a.ready;
    a.doc.getText('t').insert(0, 'y'.repeat(30_000));
    await until(() => a.provider.unsyncedChanges === 0);
    a.doc.getText('t').insert(0, 'z'.repeat(30_000));
    await until(() => a.closes.includes(4413), 5000, 'the writer to be closed');
    expect(r.logs.some((l) => l.includes('document would pass'))).toBe(true);
    const b = await client(r, room.roomId, room.editSecret);
    await b.ready;
    expect(text(b)).toHaveLength(30_000);
  });

  it('survives garbage on a socket: that socket is closed, the others go on', async () => {
    const r = await relay();
    const room = await createRoom(r.origin);
    const a = await client(r, room.roomId, room.editSecret);
    await a.ready;
    const raw = new WebSocket(`${r.origin.replace('http', 'ws')}${SYNC_PATH}`);
    await new Promise((resolve) => raw.once('open', resolve));
    const closed = new Promise<number>((resolve) => raw.once('close', (code) => resolve(code)));
    for (const junk of [new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 255, 255]), new Uint8Array([3, 120, 120, 120, 99, 1, 2]), Buffer.from('not yjs at all')]) raw.send(junk);
    raw.send('text frame');
    expect(await closed).toBe(4400);
    expect(r.logs.some((l) => l.includes('a malformed message'))).toBe(true);
    a.doc.getText('t').insert(0, 'fine');
    const b = await client(r, room.roomId, room.editSecret);
    await b.ready;
    await until(() => text(b) === 'fine');
    raw.terminate();
  });

  it('keeps acknowledged updates across a restart on the same data folder', async () => {
    const first = await startTestRelay();
    const room = await createRoom(first.origin);
    const a = await connect(first.origin, room.roomId, room.editSecret);
    await a.ready;
    a.doc.getText('t').insert(0, 'kept');
    await until(() => a.provider.unsyncedChanges === 0);
    a.destroy();
    await first.close();
    const second = await relay({ dataDir: first.dataDir });
    const b = await client(second, room.roomId, room.editSecret);
    expect(await b.ready).toBe(true);
    await until(() => text(b) === 'kept');
  });

  it('rotating the secrets closes old connections and refuses the old link', async () => {
    const r = await relay();
    const room = await createRoom(r.origin);
    const old = await client(r, room.roomId, room.editSecret);
    await old.ready;
    const fresh = rotateRoomSecrets(room);
    const rotate = (proofOf: string) =>
      roomProof(room.roomId, proofOf).then(async (proof) =>
        fetch(`${r.origin}/rooms/${room.roomId}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...bearer(proof) }, body: JSON.stringify({ version: RELAY_PROTOCOL_VERSION, ...(await roomVerifiers(fresh)) }) }),
      );
    expect((await rotate(room.readSecret)).status).toBe(403);
    expect((await rotate(room.editSecret)).status).toBe(200);
    await until(() => old.closes.includes(4403), 5000, 'the old connection to close');
    let refused = false;
    old.provider.on('authenticationFailed', () => (refused = true));
    await until(() => refused, 5000, 'the old client to be refused when it reconnects');
    const again = await client(r, room.roomId, room.editSecret);
    expect(await again.ready).toBe(false);
    const renewed = await client(r, room.roomId, fresh.editSecret);
    expect(await renewed.ready).toBe(true);
  });

  it('registers a room once, and refuses bad registrations', async () => {
    const r = await relay();
    const room = await createRoom(r.origin);
    const post = (body: unknown) => fetch(`${r.origin}/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const verifiers = await roomVerifiers(room);
    expect((await post({ version: RELAY_PROTOCOL_VERSION, roomId: room.roomId, ...verifiers })).status).toBe(409);
    expect((await post({ version: 99, roomId: room.roomId, ...verifiers })).status).toBe(400);
    expect((await post({ version: RELAY_PROTOCOL_VERSION, roomId: '../etc', ...verifiers })).status).toBe(400);
    const notJson = await fetch(`${r.origin}/rooms`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()) as unknown).toEqual({ error: 'The request body is not JSON.' });
    const huge = await fetch(`${r.origin}/rooms`, { method: 'POST', body: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
  });

  it('bounds how many rooms one address registers a minute', async () => {
    const r = await relay({ limits: { roomsPerMinute: 3 } });
    for (let i = 0; i < 3; i++) await createRoom(r.origin);
    await expect(createRoom(r.origin)).rejects.toThrow(/429/);
    expect(r.logs.some((l) => l.includes('over the room rate'))).toBe(true);
  });
});

describe('a document through the relay', () => {
  it('merges concurrent edits of many clients to one state', async () => {
    const r = await relay();
    const room = await createRoom(r.origin);
    const clients = await Promise.all(Array.from({ length: 6 }, () => client(r, room.roomId, room.editSecret)));
    await Promise.all(clients.map((c) => c.ready));
    clients.forEach((c, i) => {
      c.doc.getMap('m').set(`k${i}`, i);
      c.doc.getText('t').insert(0, String(i));
    });
    const expected = (d: Y.Doc) => d.getMap('m').size === 6 && d.getText('t').length === 6;
    await until(() => clients.every((c) => expected(c.doc)), 5000, 'every client to have every edit');
    const states = clients.map((c) => text(c));
    expect(new Set(states).size).toBe(1);
  });
});
