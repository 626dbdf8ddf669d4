/**
 * A relay killed with SIGKILL (no chance to store anything) restarts with every update it had
 * acknowledged: the relay runs as `npm start` runs it, in a child process.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnLoopbook } from '../../scripts/spawn-loopbook.mjs';
import { connect, createRoom, until, type TestClient } from '../test/clients';

const children: ChildProcess[] = [];
const clients: TestClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** `npm start`'s script, relay only, on a free port. */
async function startRelayProcess(dataDir: string): Promise<{ child: ChildProcess; origin: string }> {
  const started = await spawnLoopbook({ LOOPBOOK_RELAY_ONLY: '1', PORT: '0', HOST: '127.0.0.1', LOOPBOOK_DATA: dataDir });
  children.push(started.child);
  return started;
}

describe('a relay process killed without warning', () => {
  it('restarts with every update it acknowledged', { timeout: 30_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'loopbook-crash-'));
    const first = await startRelayProcess(dataDir);
    const room = await createRoom(first.origin);
    const writer = await connect(first.origin, room.roomId, room.editSecret);
    clients.push(writer);
    expect(await writer.ready).toBe(true);
    for (let i = 0; i < 50; i++) writer.doc.getArray<number>('edits').push([i]);
    await until(() => writer.provider.unsyncedChanges === 0, 10_000, 'every edit to be acknowledged');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    writer.destroy();

    const second = await startRelayProcess(dataDir);
    const reader = await connect(second.origin, room.roomId, room.editSecret);
    clients.push(reader);
    expect(await reader.ready).toBe(true);
    expect(reader.doc.getArray<number>('edits').toArray()).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
