import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '@/lib/sync/relay-protocol';
import { roomProof } from '@/lib/sync/share-link';
import { connect, createRoom, startTestRelay, until, type TestClient, type TestRelay } from '../test/clients';
import { freePort } from '../../scripts/free-port.mjs';
import { shareRoomsThroughRedis } from './redis';

/** Debian's redis-server (.ci/run installs it); without it this file says so and skips. */
const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
const haveRedis = existsSync(REDIS_SERVER);
if (!haveRedis) console.warn(`Skipping the two-relay Redis test: no ${REDIS_SERVER} (apt-get install redis-server).`);

describe.skipIf(!haveRedis)('two relays sharing rooms through Redis', () => {
  let redis: ChildProcess;
  let url = '';
  const relays: TestRelay[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      redis.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Ready to accept connections') && resolve());
      redis.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
    url = `redis://127.0.0.1:${port}`;
    const blobsDir = await mkdtemp(join(tmpdir(), 'loopbook-shared-blobs-'));
    for (let i = 0; i < 2; i++) relays.push(await startTestRelay({ blobsDir, shared: await shareRoomsThroughRedis(url) }));
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const r of relays) await r.close();
    redis?.kill();
  });

  it('admits a client on either relay and converges their edits', async () => {
    const [a, b] = relays as [TestRelay, TestRelay];
    const room = await createRoom(a.origin);
    const onA = await connect(a.origin, room.roomId, room.editSecret);
    const onB = await connect(b.origin, room.roomId, room.editSecret);
    clients.push(onA, onB);
    expect(await onA.ready).toBe(true);
    expect(await onB.ready).toBe(true);
    onA.doc.getText('t').insert(0, 'from A');
    await until(() => onB.doc.getText('t').toString() === 'from A', 5000, 'B to see A');
    onB.doc.getMap('m').set('b', 1);
    await until(() => onA.doc.getMap('m').get('b') === 1, 5000, 'A to see B');
    // A wrong secret is refused by the other relay too.
    const wrong = await connect(b.origin, room.roomId, room.readSecret.split('').reverse().join(''));
    clients.push(wrong);
    expect(await wrong.ready).toBe(false);
  });

  it('serves a blob uploaded through one relay from the other', async () => {
    const [a, b] = relays as [TestRelay, TestRelay];
    const room = await createRoom(b.origin);
    const bytes = new TextEncoder().encode('species,bill\nAdelie,39.1\n');
    const hash = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (x) => x.toString(16).padStart(2, '0')).join('');
    const edit = bearer(await roomProof(room.roomId, room.editSecret));
    expect((await fetch(`${a.origin}/blobs/${hash}?room=${room.roomId}`, { method: 'PUT', body: bytes, headers: edit })).status).toBe(201);
    const got = await fetch(`${b.origin}/blobs/${hash}?room=${room.roomId}`, { headers: edit });
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('species,bill\nAdelie,39.1\n');
  });
});
