/** A browser's side of blobs (lib/store + lib/sync, on fake-indexeddb) against a real relay. */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CellId } from '@/lib/ids';
import { pushProjectBlobs } from '@/lib/store/blob-push';
import { saveDataset } from '@/lib/store/datasets';
import { createProject } from '@/lib/store/projects';
import { csvDataset, resetStore } from '@/lib/store/test/fixtures';
import { readBlobEntry } from '@/lib/sync/blobs-doc';
import { BlobHashError, downloadBlob } from '@/lib/sync/blob-transfer';
import { roomProof } from '@/lib/sync/share-link';
import { createRoom, startTestRelay, type TestRelay } from '../test/clients';

let relay: TestRelay | undefined;
beforeEach(resetStore);
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

describe('blobs between a browser and the relay', () => {
  it('announces and uploads a project’s dataset once, and a collaborator downloads the same bytes with progress', async () => {
    relay = await startTestRelay();
    const room = await createRoom(relay.origin);
    const project = await createProject('Shared');
    const file = await csvDataset('a,b\n1,2\n3,4\n');
    const { blob, record } = file;
    await saveDataset({ projectId: project.id, cellId: CellId.create(), ...file });
    const doc = new Y.Doc();
    const edit = { relay: relay.origin, roomId: room.roomId, proof: await roomProof(room.roomId, room.editSecret) };
    await pushProjectBlobs(project.id, doc, edit, 'Alice');
    expect(readBlobEntry(doc, record.hash)).toEqual({ kind: 'dataset', size: blob.size, by: 'Alice', uploaded: true });
    await pushProjectBlobs(project.id, doc, edit, 'Alice'); // nothing left to do, and no error

    const read = { ...edit, proof: await roomProof(room.roomId, room.readSecret) };
    const seen: number[] = [];
    const got = await downloadBlob(read, record.hash, (received) => seen.push(received));
    expect(got).not.toBe('missing');
    expect(await (got as Blob).text()).toBe('a,b\n1,2\n3,4\n');
    expect(seen.at(-1)).toBe(blob.size);
    expect(await downloadBlob(read, 'f'.repeat(64), () => {})).toBe('missing');
  });

  it('refuses bytes that do not match their hash', async () => {
    relay = await startTestRelay();
    const room = await createRoom(relay.origin);
    const proof = await roomProof(room.roomId, room.editSecret);
    const bytes = new TextEncoder().encode('the real bytes');
    const hash = createHash('sha256').update(bytes).digest('hex');
    expect((await fetch(`${relay.origin}/blobs/${hash}?room=${room.roomId}`, { method: 'PUT', body: bytes, headers: { authorization: `Bearer ${proof}` } })).status).toBe(201);
    // A relay whose disk was tampered with: same size, other bytes.
    await writeFile(join(relay.dataDir, 'blobs', hash.slice(0, 2), hash), 'THE FAKE BYTES');
    await expect(downloadBlob({ relay: relay.origin, roomId: room.roomId, proof }, hash, () => {})).rejects.toBeInstanceOf(BlobHashError);
  });
});
